// The configuration lists behind /api/Status, /Priority, /SLA, /TicketType, /Category, /Lookup, /Outcome and
// /AssetType: which table each lives in, which columns a write may set, and who may read and write it.
// Lookups are readable by any authenticated actor and writable by admins; asset types belong to the assets area.
import type { Area } from '../permissions.js';

export const LOOKUP_KINDS = [
  'status',
  'priority',
  'sla',
  'tickettype',
  'category',
  'lookup',
  'outcome',
  'assettype',
] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];

export type LookupTableName =
  'statuses' | 'priorities' | 'slas' | 'ticket_types' | 'categories' | 'lookups' | 'outcomes' | 'asset_types';

/** Every column any kind may write, in domain names; each kind accepts only its own (see `columns`). */
export interface LookupValues {
  name?: string;
  shortname?: string | null;
  is_closed?: number;
  sequence?: number;
  colour?: string | null;
  inactive?: number;
  sla_id?: number | null;
  response_hours?: number | null;
  fix_hours?: number | null;
  default_sla_id?: number | null;
  default_priority_id?: number | null;
  default_team_id?: number | null;
  initial_status_id?: number | null;
  type_id?: number;
  value?: string;
  lookupid?: number;
  value_int?: number | null;
  is_private?: number;
}
export type LookupColumn = keyof LookupValues;

export interface KindSpec {
  kind: LookupKind;
  table: LookupTableName;
  /** Noun used in messages ("Status 12 was not found"). */
  noun: string;
  columns: readonly LookupColumn[];
  /** Columns a create must set (reported with their wire names by the API layer). */
  required: readonly LookupColumn[];
  /** null: any authenticated actor reads, admins write. An area: that area's read/edit. */
  area: Area | null;
}

export const KINDS: Readonly<Record<LookupKind, KindSpec>> = {
  status: {
    kind: 'status',
    table: 'statuses',
    noun: 'Status',
    columns: ['name', 'shortname', 'is_closed', 'sequence', 'colour', 'inactive'],
    required: ['name'],
    area: null,
  },
  priority: {
    kind: 'priority',
    table: 'priorities',
    noun: 'Priority',
    columns: ['name', 'sla_id', 'response_hours', 'fix_hours', 'sequence', 'colour', 'inactive'],
    required: ['name'],
    area: null,
  },
  sla: {
    kind: 'sla',
    table: 'slas',
    noun: 'SLA',
    columns: ['name', 'inactive'],
    required: ['name'],
    area: null,
  },
  tickettype: {
    kind: 'tickettype',
    table: 'ticket_types',
    noun: 'Ticket type',
    columns: [
      'name',
      'default_sla_id',
      'default_priority_id',
      'default_team_id',
      'initial_status_id',
      'sequence',
      'inactive',
    ],
    required: ['name'],
    area: null,
  },
  category: {
    kind: 'category',
    table: 'categories',
    noun: 'Category',
    columns: ['type_id', 'value', 'inactive'],
    required: ['value'],
    area: null,
  },
  lookup: {
    kind: 'lookup',
    table: 'lookups',
    noun: 'Lookup',
    columns: ['lookupid', 'name', 'value_int', 'sequence', 'inactive'],
    required: ['lookupid', 'name'],
    area: null,
  },
  outcome: {
    kind: 'outcome',
    table: 'outcomes',
    noun: 'Outcome',
    columns: ['name', 'is_private', 'inactive'],
    required: ['name'],
    area: null,
  },
  assettype: {
    kind: 'assettype',
    table: 'asset_types',
    noun: 'Asset type',
    columns: ['name', 'inactive'],
    required: ['name'],
    area: 'assets',
  },
};
