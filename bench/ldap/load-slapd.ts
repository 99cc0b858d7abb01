/**
 * Measures the benchmark directory's setup and raw read floor: generate N users (streamed LDIF),
 * bulk-load them with slapadd -q, start slapd, and time a paged read of every user with ldapts.
 *
 *   npx tsx bench/ldap/load-slapd.ts --users 100000 --ous 200 [--page 1000] [--size-limit 1000]
 */
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'ldapts';
import { startSlapdFromLdif } from '../../test/servers/slapd.js';
import { generateLdif } from './generate-ldif.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      users: { type: 'string', default: '100000' },
      ous: { type: 'string', default: '200' },
      page: { type: 'string', default: '1000' },
      'size-limit': { type: 'string', default: '1000' },
    },
  });
  const users = Number(values.users);
  const ldif = join(tmpdir(), `tributary-bench-${process.pid}.ldif`);
  const t0 = Date.now();
  const generated = await generateLdif(ldif, { users, ous: Number(values.ous) });
  const generateMs = Date.now() - t0;
  const server = await startSlapdFromLdif(ldif, { sizeLimit: Number(values['size-limit']) });
  try {
    const client = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [server.caCertPem] } });
    await client.bind(server.bindDn, server.bindPassword);
    const t1 = Date.now();
    let read = 0;
    for await (const page of client.searchPaginated(server.baseDn, {
      filter: '(objectClass=inetOrgPerson)',
      paged: { pageSize: Number(values.page) },
      attributes: [
        'entryUUID',
        'uid',
        'cn',
        'givenName',
        'sn',
        'mail',
        'telephoneNumber',
        'title',
        'modifyTimestamp',
      ],
    })) {
      read += page.searchEntries.length;
    }
    const readMs = Date.now() - t1;
    await client.unbind();
    const report = {
      users,
      entries: generated.entries,
      ldifMB: +(generated.bytes / 1e6).toFixed(1),
      generateMs,
      slapaddMs: server.timings.slapaddMs,
      slapdStartMs: server.timings.startMs,
      pagedReadMs: readMs,
      read,
      usersPerSecond: Math.round(read / (readMs / 1000)),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (read !== users) throw new Error(`read ${read} users, expected ${users}`);
  } finally {
    await server.stop();
    await rm(ldif, { force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
