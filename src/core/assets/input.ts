// What an asset create or update accepts, in Halo field names. Absent = unchanged (update) / default (create).
export interface AssetField {
  name: string;
  value: string | number | boolean | null;
}

export interface AssetInput {
  /** The asset tag. */
  inventory_number?: string | null | undefined;
  serial?: string | null | undefined;
  client_id?: number | null | undefined;
  site_id?: number | null | undefined;
  user_id?: number | null | undefined;
  assettype_id?: number | undefined;
  notes?: string | null | undefined;
  inactive?: boolean | undefined;
  /** Type-specific fields (Halo's fields[]), replaced as a whole when given. */
  fields?: AssetField[] | undefined;
}

/** What an upsert did, for exact sync counts. */
export type UpsertOutcome = 'created' | 'updated' | 'unchanged';
