// What a ticket create or update accepts, in Halo field names (so errors name the fields clients sent).
// Absent means "not given" (keep on update, default on create); null clears an optional field.
export interface TicketInput {
  summary?: string | undefined;
  /** Plain text or HTML (Halo's details_html lands here too). */
  details?: string | null | undefined;
  client_id?: number | null | undefined;
  site_id?: number | null | undefined;
  user_id?: number | null | undefined;
  agent_id?: number | null | undefined;
  /** Team NAME, as Halo clients send it. */
  team?: string | null | undefined;
  team_id?: number | null | undefined;
  status_id?: number | undefined;
  priority_id?: number | null | undefined;
  sla_id?: number | null | undefined;
  tickettype_id?: number | undefined;
  category_1?: string | null | undefined;
  category_2?: string | null | undefined;
  category_3?: string | null | undefined;
  category_4?: string | null | undefined;
  urgency?: number | null | undefined;
  impact?: number | null | undefined;
  /** When the problem occurred/was opened (ISO-8601); defaults to now. */
  dateoccurred?: string | undefined;
}

export const CATEGORY_FIELDS = ['category_1', 'category_2', 'category_3', 'category_4'] as const;
