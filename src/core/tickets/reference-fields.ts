// Checks a ticket's reference fields (type, status, priority, SLA, urgency, impact) against the cached
// reference data: no database round trip on the hot path. A bad id is a 400 naming the field.
import { invalidInput } from '../errors.js';
import {
  LOOKUP_LIST,
  type ReferenceData,
  type StatusRow,
  type TicketTypeRow,
} from '../lookups/reference-cache.js';

const bad = (field: string, message: string) => invalidInput(`${field}: ${message}`, [{ field, message }]);

export function ticketTypeOf(ref: ReferenceData, id: number | undefined): TicketTypeRow {
  if (id === undefined) {
    if (!ref.defaultTicketType)
      throw bad('tickettype_id', 'is required (no default ticket type is configured)');
    return ref.defaultTicketType;
  }
  const t = ref.ticketTypes.get(id);
  if (!t) throw bad('tickettype_id', `no ticket type with id ${id}`);
  if (t.inactive === 1) throw bad('tickettype_id', `ticket type ${id} is inactive`);
  return t;
}

export function statusOf(ref: ReferenceData, id: number, field = 'status_id'): StatusRow {
  const s = ref.statuses.get(id);
  if (!s) throw bad(field, `no status with id ${id}`);
  return s;
}

export function checkPriority(ref: ReferenceData, id: number | null): void {
  if (id !== null && !ref.priorities.has(id)) throw bad('priority_id', `no priority with id ${id}`);
}

export function checkSla(ref: ReferenceData, id: number | null): void {
  if (id !== null && !ref.slas.has(id)) throw bad('sla_id', `no SLA with id ${id}`);
}

export function checkLookup(ref: ReferenceData, field: 'urgency' | 'impact', id: number | null): void {
  if (id === null) return;
  const list = field === 'urgency' ? LOOKUP_LIST.urgency : LOOKUP_LIST.impact;
  const row = ref.lookups.get(id);
  if (!row || row.lookupid !== list)
    throw bad(field, `no ${field} with id ${id} (see GET /api/Lookup?lookupid=${list})`);
}

/** Which status a new ticket of this type starts in when it names none. */
export function initialStatus(ref: ReferenceData, type: TicketTypeRow): StatusRow {
  const s =
    (type.initial_status_id !== null ? ref.statuses.get(type.initial_status_id) : undefined) ??
    ref.defaultOpenStatus;
  if (!s) throw bad('status_id', 'is required (no initial status is configured)');
  return s;
}

/** closed_at after a status change: set when entering a closed status, cleared when leaving one. */
export function closedAtAfter(
  previous: { closed_at: string | null } | null,
  next: StatusRow,
  now: string,
): string | null {
  if (next.is_closed === 1) return previous?.closed_at ?? now;
  return null;
}
