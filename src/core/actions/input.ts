// What an action (a ticket note) accepts, in Halo field names.
export interface ActionInput {
  ticket_id: number;
  outcome_id?: number | undefined;
  /** Plain text or HTML (note_html lands here too). */
  note?: string | null | undefined;
  hiddenfromuser?: boolean | undefined;
  important?: boolean | undefined;
  /** Hours. */
  timetaken?: number | null | undefined;
  /** A status the ticket moves to with this action, in the same transaction. */
  new_status?: number | undefined;
  new_agent?: number | null | undefined;
  /** Team name, as on tickets. */
  new_team?: string | null | undefined;
}
