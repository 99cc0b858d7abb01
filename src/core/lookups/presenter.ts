// Halo wire shapes of the configuration lists (§3.9, §3.11–3.15, §3.17 and /Outcome of the API reference).
import type { LookupKind } from './kinds.js';

/** A row of any lookup table, read generically; each presenter reads only its own kind's columns. */
export interface LookupRecord {
  id: number;
  inactive: number;
  name?: string | undefined;
  shortname?: string | null | undefined;
  is_closed?: number | undefined;
  sequence?: number | undefined;
  colour?: string | null | undefined;
  sla_id?: number | null | undefined;
  response_hours?: number | null | undefined;
  fix_hours?: number | null | undefined;
  default_sla_id?: number | null | undefined;
  default_priority_id?: number | null | undefined;
  default_team_id?: number | null | undefined;
  initial_status_id?: number | null | undefined;
  type_id?: number | undefined;
  value?: string | undefined;
  lookupid?: number | undefined;
  value_int?: number | null | undefined;
  is_private?: number | undefined;
}

export interface PresentExtras {
  /** Team names by id, for a ticket type's default_team. */
  teamNames?: ReadonlyMap<number, string>;
  /** Priorities by SLA id, for SLA replies that show them. */
  prioritiesBySla?: ReadonlyMap<number, LookupRecord[]>;
}

export type LookupWire = { id: number } & Record<string, unknown>;

const bool = (v: number | undefined) => v === 1;

export function presentPriority(r: LookupRecord) {
  // Halo's Priority.id is a uuid string; here it is the same integer as priorityid (what a ticket's
  // priority_id holds), so clients reading either get a usable id.
  return {
    id: r.id,
    priorityid: r.id,
    slaid: r.sla_id ?? null,
    name: r.name ?? '',
    responsetime: r.response_hours ?? null,
    responseunits: 'hours',
    fixtime: r.fix_hours ?? null,
    fixunits: 'hours',
    sequence: r.sequence ?? 0,
    priorityorder: r.sequence ?? 0,
    colour: r.colour ?? null,
    ishidden: bool(r.inactive),
  };
}

export function presentLookup(kind: LookupKind, r: LookupRecord, extras: PresentExtras = {}): LookupWire {
  switch (kind) {
    case 'status':
      return {
        id: r.id,
        name: r.name ?? '',
        shortname: r.shortname ?? null,
        type: 1,
        sequence: r.sequence ?? 0,
        colour: r.colour ?? null,
        is_closed: bool(r.is_closed),
        inactive: bool(r.inactive),
      };
    case 'priority':
      return presentPriority(r);
    case 'sla': {
      const base = {
        id: r.id,
        name: r.name ?? '',
        inactive: bool(r.inactive),
        trackslaresponsetime: true,
        trackslafixbytime: true,
      };
      const prios = extras.prioritiesBySla?.get(r.id);
      return prios ? { ...base, priorities: prios.map(presentPriority) } : base;
    }
    case 'tickettype':
      return {
        id: r.id,
        name: r.name ?? '',
        use: 'ticket',
        sequence: r.sequence ?? 0,
        visible: !bool(r.inactive),
        inactive: bool(r.inactive),
        agentscanselect: true,
        enduserscanselect: true,
        initial_status: r.initial_status_id ?? null,
        // CIPP reads default_sla and treats -1 as "none".
        default_sla: r.default_sla_id ?? -1,
        default_sla_id: r.default_sla_id ?? -1,
        default_priority: r.default_priority_id ?? null,
        default_team: r.default_team_id == null ? null : (extras.teamNames?.get(r.default_team_id) ?? null),
        default_team_id: r.default_team_id ?? null,
        // The one built-in workflow (core/workflows): every outcome allowed (CIPP builds its outcome list from it).
        workflow_id: 1,
      };
    case 'category':
      return {
        id: r.id,
        value: r.value ?? '',
        category_name: r.value ?? '',
        type_id: r.type_id ?? 1,
        inactive: bool(r.inactive),
      };
    case 'lookup':
      return {
        id: r.id,
        name: r.name ?? '',
        lookupid: r.lookupid ?? 0,
        sequence: r.sequence ?? 0,
        valueint1: r.value_int ?? null,
        inactive: bool(r.inactive),
      };
    case 'outcome':
      return {
        id: r.id,
        outcome: r.name ?? '',
        buttonname: r.name ?? '',
        name: r.name ?? '',
        defaultprivate: bool(r.is_private),
        inactive: bool(r.inactive),
      };
    case 'assettype':
      return { id: r.id, name: r.name ?? '', inactive: bool(r.inactive), assetgroup_id: 0, fields: [] };
  }
}
