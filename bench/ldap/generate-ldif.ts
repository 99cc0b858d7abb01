/**
 * Streaming LDIF generator for directory benchmarks: N inetOrgPerson users spread over K OUs
 * (plus optional groupOfNames groups), written record by record with back-pressure, so a million
 * users needs no more memory than one. Deterministic for a given seed: `userAt(i)` recomputes any
 * user without reading the file, which lets a benchmark check what it imported.
 *
 *   npx tsx bench/ldap/generate-ldif.ts --users 100000 --ous 200 --out /tmp/users.ldif
 *   (then: startSlapdFromLdif('/tmp/users.ldif') from test/servers/slapd.ts, which runs slapadd -q)
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export interface LdifOptions {
  users: number;
  ous: number;
  /** groupOfNames entries; user i is a member of group i % groups. Default 0. */
  groups?: number;
  baseDn?: string;
  /** Mail domain. Default example.test. */
  domain?: string;
  seed?: number;
  /**
   * createTimestamp/modifyTimestamp (GeneralizedTime, e.g. 20250101000000Z) written on every entry, as in a
   * directory whose users were created long ago; slapadd keeps them. Default: none (slapadd stamps load time).
   */
  timestamp?: string;
  /**
   * An entryUUID of its own on every user: random-looking (version 4, from the seed), as the ids of a directory
   * built up over years are in the order it reads them. Default: none, and slapadd stamps time-based ones,
   * which a load of a few seconds makes nearly sorted in read order: kinder to every index keyed on them than
   * a real directory (or Active Directory's objectGUIDs) is.
   */
  randomUuids?: boolean;
}

export interface GeneratedUser {
  dn: string;
  uid: string;
  cn: string;
  givenName: string;
  sn: string;
  mail: string;
  telephoneNumber: string;
  title: string;
  departmentNumber: string;
  ouIndex: number;
}

const FIRST = [
  'Ada',
  'Alan',
  'Grace',
  'Linus',
  'Margaret',
  'Dennis',
  'Barbara',
  'Ken',
  'Frances',
  'Edsger',
  'Radia',
  'Tim',
  'Sophie',
  'Vint',
  'Hedy',
  'John',
  'Katherine',
  'Donald',
  'Shafi',
  'Niklaus',
  'Anita',
  'Bjarne',
  'Karen',
  'Guido',
  'Adele',
  'Yukihiro',
  'Jean',
  'Leslie',
  'Mary',
  'Whitfield',
  'Noor',
  'Mateo',
  'Aiko',
  'Olu',
  'Priya',
  'Chen',
  'Fatima',
  'Lars',
  'Zofia',
  'Emeka',
];
const LAST = [
  'Lovelace',
  'Turing',
  'Hopper',
  'Torvalds',
  'Hamilton',
  'Ritchie',
  'Liskov',
  'Thompson',
  'Allen',
  'Dijkstra',
  'Perlman',
  'Berners-Lee',
  'Wilson',
  'Cerf',
  'Lamarr',
  'McCarthy',
  'Johnson',
  'Knuth',
  'Goldwasser',
  'Wirth',
  'Borg',
  'Stroustrup',
  'Sparck Jones',
  'van Rossum',
  'Goldberg',
  'Matsumoto',
  'Sammet',
  'Lamport',
  "O'Neil",
  'Diffie',
  'Haddad',
  'Garcia',
  'Tanaka',
  'Adeyemi',
  'Sharma',
  'Wei',
  'Rahman',
  'Nilsson',
  'Nowak',
  'Okafor',
];
const TITLES = [
  'Engineer',
  'Senior Engineer',
  'Technician',
  'Service Desk Analyst',
  'Account Manager',
  'Office Manager',
  'Director',
  'Accountant',
  'Sales Representative',
  'Project Manager',
  'Consultant',
  'Intern',
];
const CITIES = [
  'London',
  'Leeds',
  'Dublin',
  'Austin',
  'Denver',
  'Toronto',
  'Sydney',
  'Auckland',
  'Berlin',
  'Lagos',
  'Pune',
  'Osaka',
  'Madrid',
  'Oslo',
  'Krakow',
  'Nairobi',
];

/** mulberry32: tiny, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(list: readonly T[], r: number): T {
  return list[Math.floor(r * list.length)] as T;
}

export function ouName(k: number): string {
  return `${CITIES[k % CITIES.length]} ${String(k + 1).padStart(4, '0')}`;
}

export function ouDn(k: number, baseDn = 'dc=example,dc=test'): string {
  return `ou=${ouName(k)},${baseDn}`;
}

/** User i, the same every time for the same seed (each user has its own PRNG stream). */
export function userAt(i: number, o: LdifOptions): GeneratedUser {
  const r = rng((o.seed ?? 1) * 1_000_003 + i);
  const givenName = pick(FIRST, r());
  const sn = pick(LAST, r());
  const uid = `u${String(i).padStart(7, '0')}`;
  const ouIndex = Math.floor(r() * o.ous);
  const local = `${givenName}.${sn}`.toLowerCase().replace(/[^a-z.]/g, '');
  return {
    dn: `uid=${uid},${ouDn(ouIndex, o.baseDn)}`,
    uid,
    cn: `${givenName} ${sn}`,
    givenName,
    sn,
    mail: `${local}.${i}@${o.domain ?? 'example.test'}`,
    telephoneNumber: `+1 555 ${String(Math.floor(r() * 900) + 100)} ${String(Math.floor(r() * 10000)).padStart(4, '0')}`,
    title: pick(TITLES, r()),
    departmentNumber: String(100 + Math.floor(r() * 40)),
    ouIndex,
  };
}

/** User i's entryUUID when LdifOptions.randomUuids: a version 4 UUID from its own PRNG stream (userAt's is untouched). */
export function uuidAt(i: number, o: LdifOptions): string {
  const r = rng(((o.seed ?? 1) * 7_919 + i) ^ 0x5bd1e995);
  const hex = (n: number) => (Math.floor(r() * 2 ** 32) >>> 0).toString(16).padStart(8, '0').slice(0, n);
  const variant = (8 + Math.floor(r() * 4)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(8)}${hex(4)}`;
}

function userLdif(u: GeneratedUser, stamps: string, uuid: string | undefined): string {
  return (
    `dn: ${u.dn}\nobjectClass: inetOrgPerson\nuid: ${u.uid}\ncn: ${u.cn}\ngivenName: ${u.givenName}\n` +
    `sn: ${u.sn}\nmail: ${u.mail}\ntelephoneNumber: ${u.telephoneNumber}\ntitle: ${u.title}\n` +
    `departmentNumber: ${u.departmentNumber}\n${uuid ? `entryUUID: ${uuid}\n` : ''}${stamps}\n`
  );
}

/** Streams the LDIF to `path`. OUs first (parents before children, as slapadd needs). */
export async function generateLdif(
  path: string,
  o: LdifOptions,
): Promise<{ entries: number; bytes: number }> {
  const out = createWriteStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const base = o.baseDn ?? 'dc=example,dc=test';
  const stamps = o.timestamp ? `createTimestamp: ${o.timestamp}\nmodifyTimestamp: ${o.timestamp}\n` : '';
  let entries = 0;
  let buffer = '';
  const write = async (chunk: string): Promise<void> => {
    entries++;
    buffer += chunk;
    // Batch small records into ~256 KiB writes; wait for 'drain' when the stream is full.
    if (buffer.length >= 1 << 18) {
      const ok = out.write(buffer);
      buffer = '';
      if (!ok) await once(out, 'drain');
    }
  };
  for (let k = 0; k < o.ous; k++) {
    await write(`dn: ${ouDn(k, base)}\nobjectClass: organizationalUnit\nou: ${ouName(k)}\n${stamps}\n`);
  }
  for (let i = 0; i < o.users; i++)
    await write(userLdif(userAt(i, o), stamps, o.randomUuids ? uuidAt(i, o) : undefined));
  const groups = o.groups ?? 0;
  if (groups > 0) {
    await write(`dn: ou=groups,${base}\nobjectClass: organizationalUnit\nou: groups\n\n`);
    for (let g = 0; g < groups; g++) {
      // groupOfNames needs at least one member; member lines are streamed, not collected.
      let record = `dn: cn=group-${g},ou=groups,${base}\nobjectClass: groupOfNames\ncn: group-${g}\n`;
      let members = 0;
      for (let i = g; i < o.users; i += groups) {
        record += `member: ${userAt(i, o).dn}\n`;
        members++;
        if (record.length >= 1 << 18) {
          buffer += record;
          record = '';
          const ok = out.write(buffer);
          buffer = '';
          if (!ok) await once(out, 'drain');
        }
      }
      if (members === 0) record += `member: ${base}\n`;
      await write(`${record}\n`);
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  return { entries, bytes: out.bytesWritten };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      users: { type: 'string', default: '100000' },
      ous: { type: 'string', default: '200' },
      groups: { type: 'string', default: '0' },
      base: { type: 'string', default: 'dc=example,dc=test' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
    },
  });
  if (values.out === undefined) throw new Error('--out <file.ldif> is required');
  const started = Date.now();
  const result = await generateLdif(values.out, {
    users: Number(values.users),
    ous: Number(values.ous),
    groups: Number(values.groups),
    baseDn: values.base,
    seed: Number(values.seed),
  });
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(
    `${result.entries} entries, ${(result.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s -> ${values.out}\n`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
}
