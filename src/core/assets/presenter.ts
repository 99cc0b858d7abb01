// An asset in Halo's wire shape (§3.8): inventory_number is the asset tag (also key_field), the serial is
// key_field2, and type-specific values are fields[{id, name, value}].
import type { AssetField } from './input.js';
import type { AssetView } from './query.js';

export function parseFields(json: string): AssetField[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? (v as AssetField[]) : [];
  } catch {
    return [];
  }
}

export function presentAsset(a: AssetView) {
  return {
    id: a.id,
    inventory_number: a.inventory_number,
    key_field: a.inventory_number,
    key_field2: a.serial,
    serial: a.serial,
    client_id: a.customer_id,
    client_name: a.client_name,
    site_id: a.site_id,
    site_name: a.site_name,
    user_id: a.user_id,
    username: a.user_name,
    assettype_id: a.assettype_id,
    assettype_name: a.assettype_name,
    inactive: a.inactive === 1,
    notes: a.notes,
    fields: parseFields(a.fields).map((f, i) => ({ id: i + 1, name: f.name, value: f.value })),
    datecreated: a.created_at,
    last_update: a.updated_at,
  };
}

export type AssetWire = ReturnType<typeof presentAsset>;
