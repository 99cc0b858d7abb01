// An action in Halo's wire shape (§3.7 of the API reference).
import { htmlToText } from '../tickets/text.js';
import type { ActionView } from './query.js';

export function presentAction(x: ActionView) {
  const note = x.note ?? '';
  return {
    id: x.id,
    ticket_id: x.ticket_id,
    outcome_id: x.outcome_id,
    outcome: x.outcome_name,
    who: x.agent_name,
    who_agentid: x.agent_id,
    datetime: x.created_at,
    note: htmlToText(note),
    note_html: note,
    hiddenfromuser: x.hidden_from_user === 1,
    private_note: x.hidden_from_user === 1,
    important: x.important === 1,
    timetaken: x.time_taken_hours,
    new_status: x.new_status_id,
    new_status_name: x.new_status_name,
  };
}

export type ActionWire = ReturnType<typeof presentAction>;
