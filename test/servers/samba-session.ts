// A real Samba AD DC with a small company in it, for trying the LDAP connector by hand from the CLI.
//
//   npx tsx test/servers/samba-session.ts start [--out DIR]   # starts the DC (root), fills it, writes
//                                                            # DIR/ldap-config.json, stays up until Ctrl-C
//   npx tsx test/servers/samba-session.ts prepare-psa         # customer "Contoso" with sites Sales and
//                                                            # Engineering, role and team, in Tributary's DB
//   npx tsx test/servers/samba-session.ts change [--out DIR]  # what an admin does in AD: disable, move,
//                                                            # rename, delete, expire one person each
//
// `start` and `change` talk to the DC on its fixed ports (636); `prepare-psa` uses the same environment as
// the `tributary` CLI (TRIBUTARY_DATA_DIR / DATABASE_URL, TRIBUTARY_MASTER_KEY).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startSambaAd } from './samba-ad.js';
import { SambaDirectory } from './samba-directory.js';

const args = process.argv.slice(2);
const command = args[0];
const outArg = args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined;
const out = path.resolve(outArg ?? '/tmp/tributary-samba-session');
const statePath = path.join(out, 'samba-session.json');

interface State {
  ldapsUrl: string;
  caCertPem: string;
  tlsServerName: string;
  adminUpn: string;
  adminPassword: string;
  baseDn: string;
  realm: string;
  ous: Record<string, string>;
  people: Record<string, string>;
}

async function start(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const dc = await startSambaAd();
  const dir = dc.directory;
  const root = await dir.createOu('Contoso');
  const engineering = await dir.createOu('Engineering', root);
  const ous = {
    sales: await dir.createOu('Sales', root),
    engineering,
    contractors: await dir.createOu('Contractors', engineering),
    itStaff: await dir.createOu('IT Staff', root),
  };
  const person = (cn: string, parentDn: string, title: string, department: string) => {
    const [given, sn] = cn.split(' ') as [string, string];
    const sam = `${given.toLowerCase()}.${sn.toLowerCase()}`;
    return dir.createUser({
      cn,
      sAMAccountName: sam.slice(0, 20),
      userPrincipalName: `${sam}@example.test`,
      givenName: given,
      sn,
      displayName: cn,
      mail: `${sam}@example.test`,
      title,
      department,
      parentDn,
    });
  };
  const people = {
    ada: await person('Ada Lovelace', ous.sales, 'Account Manager', 'Sales'),
    bob: await person('Bob Baker', ous.sales, 'Sales Rep', 'Sales'),
    carol: await person('Carol Cole', ous.engineering, 'Engineer', 'Engineering'),
    dave: await person('Dave Dunn', ous.contractors, 'Contract Engineer', 'Engineering'),
    erin: await person('Erin Evans', ous.engineering, 'QA Engineer', 'Engineering'),
    grace: await person('Grace Hopper', ous.itStaff, 'Service Desk Lead', 'IT'),
  };
  const state: State = {
    ldapsUrl: dc.ldapsUrl,
    caCertPem: dc.caCertPem,
    tlsServerName: dc.tlsServerName,
    adminUpn: dc.adminUpn,
    adminPassword: dc.adminPassword,
    baseDn: dc.baseDn,
    realm: dc.realm,
    ous,
    people,
  };
  writeFileSync(statePath, JSON.stringify(state, null, 2), { mode: 0o600 });
  const config = {
    domains: [
      {
        id: 'example',
        hosts: ['127.0.0.1'],
        security: 'ldaps',
        caCertificate: dc.caCertPem,
        bindDn: dc.adminUpn,
        bindPassword: dc.adminPassword,
        baseDns: [dc.baseDn],
      },
    ],
    pageSize: 500,
  };
  writeFileSync(path.join(out, 'ldap-config.json'), `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  process.stdout.write(
    `Samba AD DC up at ${dc.ldapsUrl} (${dc.realm}, base ${dc.baseDn}); started in ${dc.timings.startMs} ms\n`,
  );
  process.stdout.write(`OUs: ${Object.values(ous).join(' | ')}\n`);
  process.stdout.write(`Connector config: ${path.join(out, 'ldap-config.json')}\nCtrl-C stops the DC.\n`);
  const stop = async () => {
    await dc.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  await new Promise(() => undefined);
}

async function change(): Promise<void> {
  const s = JSON.parse(readFileSync(statePath, 'utf8')) as State;
  const dir = new SambaDirectory({
    ldapsUrl: s.ldapsUrl,
    caCertPem: s.caCertPem,
    tlsServerName: '127.0.0.1',
    adminUpn: s.adminUpn,
    adminPassword: s.adminPassword,
    baseDn: s.baseDn,
    realm: s.realm,
  });
  await dir.disable(s.people.bob as string);
  process.stdout.write('disabled   Bob Baker (userAccountControl |= 0x2)\n');
  const moved = await dir.move(s.people.carol as string, s.ous.sales as string);
  process.stdout.write(`moved      Carol Cole -> ${moved}\n`);
  const renamed = await dir.rename(s.people.ada as string, 'Ada King');
  await dir.modify(renamed, {
    displayName: 'Ada King',
    sn: 'King',
    userPrincipalName: 'ada.king@example.test',
    mail: 'ada.king@example.test',
  });
  process.stdout.write(`renamed    Ada Lovelace -> ${renamed} (UPN ada.king@example.test)\n`);
  await dir.delete(s.people.erin as string);
  process.stdout.write('deleted    Erin Evans (tombstone in CN=Deleted Objects)\n');
  await dir.setExpiry(s.people.grace as string, new Date(Date.now() - 3_600_000));
  process.stdout.write(
    'expired    Grace Hopper (accountExpires an hour ago; userAccountControl unchanged)\n',
  );
}

async function preparePsa(): Promise<void> {
  const { withCliContext } = await import('../../src/cli/cli-context.js');
  const { createCustomer } = await import('../../src/core/customers/create-customer.js');
  const { createSite } = await import('../../src/core/sites/create-site.js');
  const { createRole } = await import('../../src/auth/roles/create-role.js');
  const { createTeam } = await import('../../src/core/teams/save-team.js');
  await withCliContext(async (ctx) => {
    const c = await createCustomer(ctx, { name: 'Contoso' });
    const sales = await createSite(ctx, { customerId: c.id, name: 'Sales' });
    const eng = await createSite(ctx, { customerId: c.id, name: 'Engineering' });
    const role = await createRole(ctx, { name: 'Technicians', permissions: [] });
    const team = await createTeam(ctx, { name: 'Service Desk' });
    process.stdout.write(
      `customer Contoso id ${c.id}; sites Sales id ${sales.id}, Engineering id ${eng.id}; role Technicians id ${role.id}; team Service Desk id ${team.id}\n`,
    );
  });
}

if (command === 'start') await start();
else if (command === 'change') await change();
else if (command === 'prepare-psa') await preparePsa();
else {
  process.stderr.write('usage: samba-session.ts start|prepare-psa|change [--out DIR]\n');
  process.exit(2);
}
