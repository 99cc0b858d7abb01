// Refuses a config update that renames a key synced records' external ids begin with (see
// Connector.identityKeys). LDAP builds a person's id from the domain key and the directory's immutable id
// (`corp:<objectGUID>`), so renaming the key "corp" would leave every record linked under "corp:" unmatched:
// the next read would adopt or create those people again under the new key and then sweep the old links as
// leavers. Removing a domain alone is allowed (its people become leavers, through the deletion guard), and so
// is a new key while the old one has no synced records.
import { sql } from 'kysely';
import { invalidInput } from '../../../core/errors.js';
import type { Tx } from '../../../db/transaction.js';
import type { Connector } from '../contract.js';

/** LIKE pattern for "starts with `prefix`", with LIKE's wildcards and the escape character escaped. */
const startsWith = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function refuseIdentityKeyRename(
  tx: Tx,
  connector: Connector,
  instanceId: number,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Promise<void> {
  if (!connector.identityKeys) return;
  const was = connector.identityKeys(before);
  const now = connector.identityKeys(after);
  // Exactly, case included: the ids are built from the key as written ("Corp:…" is not "corp:…").
  const kept = new Set(now.map((k) => k.key));
  const known = new Set(was.map((k) => k.key));
  const gone = was.filter((k) => !kept.has(k.key));
  const added = now.filter((k) => !known.has(k.key));
  if (gone.length === 0 || added.length === 0) return;
  for (const key of gone) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from external_links
      where instance_id = ${instanceId} and external_id like ${startsWith(`${key.key}:`)} escape '\\'`.execute(
      tx,
    );
    const synced = Number(rows[0]?.n ?? 0);
    if (synced === 0) continue;
    // Point at the new key standing where the old one was, else at the first new one.
    const at = added.find((k) => k.path === key.path) ?? (added[0] as (typeof added)[number]);
    const records = `${synced.toLocaleString('en')} synced record${synced === 1 ? '' : 's'}`;
    throw invalidInput(`"${key.key}" cannot be renamed to "${at.key}": ${records} are linked under it`, [
      {
        field: `config.${at.path}`,
        message: `replaces "${key.key}", which ${records} are linked under (a key is part of their ids); keep "${key.key}", or remove that entry and save before adding a new one`,
      },
    ]);
  }
}
