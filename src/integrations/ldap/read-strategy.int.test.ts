// A full read of many mapped OUs by one subtree search of the base DN must emit exactly the people that one
// search per mapping emits, with the same containers: non-recursive OUs leave their sub-OUs out, recursive ones
// take them in, a mapping with its own filter and an agents mapping keep their own searches, and people in no
// mapped OU are dropped.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBinaries } from '../../../test/servers/require-binaries.js';
import { SLAPD_BINARIES, startSlapd, type SlapdServer } from '../../../test/servers/slapd.js';
import type { ContainerMapping, ExternalPerson } from '../framework/contract.js';
import { readPeopleInThread } from './sync/people.js';
import { BASE, connectorContext, directoryLdif, personLdif, slapdConfigInput } from './testing.js';

const BRANCHES = 12;
const mapping = (ou: string, o: Partial<ContainerMapping> = {}): ContainerMapping => ({
  externalId: `ou=${ou},${BASE}`,
  target: { kind: 'site', customerId: 1, siteId: 1 },
  recursive: false,
  filter: null,
  ...o,
});

function branchLdif(): string {
  let ldif = '';
  for (let b = 1; b <= BRANCHES; b++) {
    ldif += `dn: ou=Branch ${b},${BASE}\nobjectClass: organizationalUnit\nou: Branch ${b}\n\n`;
    ldif += `dn: ou=Sub,ou=Branch ${b},${BASE}\nobjectClass: organizationalUnit\nou: Sub\n\n`;
    for (const [uid, ou] of [
      [`b${b}a`, `Branch ${b}`],
      [`b${b}b`, `Branch ${b}`],
      [`b${b}sub`, `Sub,ou=Branch ${b}`],
    ] as const)
      ldif += personLdif({ uid, cn: `Person ${uid}`, ou, mail: `${uid}@example.test`, title: 'Staff' });
  }
  return ldif;
}

const MAPPINGS: ContainerMapping[] = [
  // Odd branches plain, even branches recursive (their Sub people belong to them).
  ...Array.from({ length: BRANCHES }, (_, i) => mapping(`Branch ${i + 1}`, { recursive: (i + 1) % 2 === 0 })),
  // Its own filter: only Alice (a Manager) of Sales.
  mapping('Sales', { filter: '(title=Manager)' }),
  mapping('Engineering', { recursive: true }),
  mapping('IT Staff', { target: { kind: 'agent', roleId: 1, teamId: 1 } }),
];

describeWithBinaries('LDAP full read strategies against real slapd', SLAPD_BINARIES, () => {
  let slapd: SlapdServer;
  beforeAll(async () => {
    slapd = await startSlapd({ sizeLimit: 5, ldif: directoryLdif(3) + branchLdif() });
  });
  afterAll(async () => {
    await slapd.stop();
  });

  async function read(readStrategy: string, kind: 'users' | 'agents' = 'users') {
    const ctx = connectorContext(slapdConfigInput(slapd, { extra: { readStrategy } }), MAPPINGS);
    const stream = await readPeopleInThread(ctx, kind, undefined);
    const people: ExternalPerson[] = [];
    for await (const page of stream.pages) people.push(...page.records);
    return people.sort((a, b) => a.externalId.localeCompare(b.externalId));
  }
  const who = (people: ExternalPerson[]) =>
    people
      .map((p) => [p.fields.login, p.containerId.toLowerCase()])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

  it('per base DN emits exactly what per mapping emits', async () => {
    const perMapping = await read('per_mapping');
    const perBase = await read('per_base');
    const auto = await read('auto');
    expect(perBase).toEqual(perMapping);
    expect(auto).toEqual(perMapping);
    const logins = who(perMapping).map(([login]) => login);
    expect(logins).toContain('alice');
    expect(logins).not.toContain('bob'); // Sales' own filter
    expect(logins).not.toContain('frank'); // an unmapped OU
    expect(logins).not.toContain('erin'); // agents
    expect(logins).toContain('dave'); // Engineering is recursive
    expect(logins).toContain('b2sub'); // even branches are recursive
    expect(logins).not.toContain('b1sub');
    expect(who(perMapping)).toContainEqual(['b2sub', `ou=branch 2,${BASE}`]);
    expect(perMapping).toHaveLength(1 + 2 + BRANCHES * 2 + BRANCHES / 2);
  });

  it('agents are read the same way whichever strategy', async () => {
    expect(await read('per_base', 'agents')).toEqual(await read('per_mapping', 'agents'));
    expect((await read('auto', 'agents')).map((p) => p.fields.login)).toEqual(['erin']);
  });
});
