// The shared connector conformance suite (test/conformance) on the LDAP connector over REAL slapd servers:
// three slapd instances hold the seeded, the mutated and the empty directory (same entryUUIDs), and a
// protocol-level proxy in front of them switches between them and injects faults (a connection reset after
// N pages, slow pages for the kill -9 test). Full reads only (incremental off): the suite checks
// enumeration, sweeps and convergence; incremental reads are covered in slapd/samba.int.test.ts.
import { describeWithBinaries } from '../../../test/servers/require-binaries.js';
import { SLAPD_BINARIES, startSlapd, type SlapdServer } from '../../../test/servers/slapd.js';
import {
  runConnectorConformance,
  type ConformanceSource,
} from '../../../test/conformance/run-conformance.js';
import { createCustomer } from '../../core/customers/create-customer.js';
import { createSite } from '../../core/sites/create-site.js';
import { addMapping } from '../framework/index.js';
import { adminCtx } from '../framework/testing.js';
import { ldapConnector } from './index.js';
import { BASE } from './testing.js';
import { LdapFaultProxy } from './testing-proxy.js';

const PASSWORD = 'conformance-Pass-1';
const USERS = 10;
const uuid = (i: number) => `0c0ffee0-0000-4000-8000-${String(i).padStart(12, '0')}`;

function ldif(kind: 'seeded' | 'mutated' | 'empty'): string {
  let out = `dn: ou=People,${BASE}\nobjectClass: organizationalUnit\nou: People\nentryUUID: ${uuid(999)}\n\n`;
  if (kind === 'empty') return out;
  for (let i = 0; i < USERS; i++) {
    if (kind === 'mutated' && i === USERS - 1) continue; // removed
    const cn = kind === 'mutated' && i === 0 ? 'Renamed Person' : `Person ${i}`;
    out += `dn: uid=p${i},ou=People,${BASE}\nobjectClass: inetOrgPerson\nuid: p${i}\ncn: ${cn}\nsn: ${i}\ndisplayName: ${cn}\nmail: p${i}@example.test\nentryUUID: ${uuid(i)}\n\n`;
  }
  return out;
}

class SlapdSource implements ConformanceSource {
  servers: Record<'seeded' | 'mutated' | 'empty', SlapdServer> | undefined;
  current: 'seeded' | 'mutated' | 'empty' = 'seeded';
  proxy = new LdapFaultProxy(() => {
    const u = new URL((this.servers as NonNullable<typeof this.servers>)[this.current].ldapUrl);
    return { host: u.hostname, port: Number(u.port) };
  });

  async start(): Promise<void> {
    const start = (k: 'seeded' | 'mutated' | 'empty') =>
      startSlapd({ sizeLimit: 3, ldif: ldif(k), serviceAccount: { password: PASSWORD } });
    this.servers = {
      seeded: await start('seeded'),
      mutated: await start('mutated'),
      empty: await start('empty'),
    };
    await this.proxy.start();
  }
  async stop(): Promise<void> {
    await this.proxy.stop();
    for (const s of Object.values(this.servers ?? {})) await s.stop();
  }
  reset(): void {
    this.current = 'seeded';
    this.proxy.failAfterPages(null);
    this.proxy.delayPages(0);
  }
  makeEmpty(): void {
    this.current = 'empty';
  }
  failAfterPages(n: number | null): void {
    this.proxy.failAfterPages(n);
  }
  delayPages(ms: number): void {
    this.proxy.delayPages(ms);
  }
  mutate(): void {
    this.current = 'mutated';
  }
}

describeWithBinaries('LDAP connector conformance (real slapd behind a fault proxy)', SLAPD_BINARIES, () => {
  const source = new SlapdSource();
  let seq = 0;
  runConnectorConformance({
    name: 'ldap',
    connector: ldapConnector,
    source,
    makeConfig: (variant) => ({
      domains: [
        {
          id: 'corp',
          hosts: ['127.0.0.1'],
          port: source.proxy.port,
          security: 'plain',
          bindDn: `cn=tributary-sync,ou=service-accounts,${BASE}`,
          bindPassword: variant === 'good' ? PASSWORD : 'wrong-password',
          baseDns: [BASE],
        },
      ],
      allowInsecurePlainLdap: true,
      pageSize: 3,
      incremental: false,
    }),
    settings: { entities: ['users'] },
    bulkImport: true,
    prepareInstance: async (services, instanceId) => {
      const ctx = adminCtx(services);
      const customer = await createCustomer(ctx, { name: `LDAP conformance ${++seq}-${instanceId}` });
      const site = await createSite(ctx, { customerId: customer.id, name: 'People' });
      await addMapping(ctx, instanceId, {
        externalId: `ou=People,${BASE}`,
        containerKind: 'ou',
        target: { kind: 'site', siteId: site.id },
      });
    },
  });
});
