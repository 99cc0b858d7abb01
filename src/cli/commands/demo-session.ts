// `tributary demo`: a throw-away Tributary on a temporary SQLite database, wired to a fake Sophos Central on
// loopback (tenants with licences, 20 ms latency so progress is visible): an admin with a printed password,
// an API application, PSA customers matching a share of the tenants, a configured Sophos instance and
// generated mappings. It prints what to try next; Ctrl-C stops everything and removes the data directory.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeSophos, type FakeSophos } from '../../../test/fakes/sophos/index.js';
import { createApplication } from '../../auth/applications/create-application.js';
import { ensureFirstAdmin } from '../../auth/ensure-first-admin.js';
import { boot } from '../../boot.js';
import { systemActor } from '../../core/context.js';
import { createCustomer } from '../../core/customers/create-customer.js';
import { createTopLevel } from '../../core/toplevels/save-top-level.js';
import {
  createInstance,
  generateMappings,
  integrationCtx,
  type GenerateResult,
} from '../../integrations/framework/index.js';
import { startServer, type RunningServer } from '../../server.js';

export interface DemoOptions {
  port: number;
  tenants: number;
  keep: boolean;
}

interface Prepared {
  adminLogin: string;
  adminPassword: string;
  clientId: string;
  clientSecret: string;
  instanceId: number;
  customers: number;
  mappings: GenerateResult;
}

/** Every other tenant in three gets a PSA customer; one name gets two, so the review list is not empty. */
async function prepare(dataDir: string, fake: FakeSophos): Promise<Prepared> {
  const booted = await boot({ overrides: { dataDir } });
  try {
    const { services } = booted;
    const adminPassword = crypto.randomBytes(12).toString('base64url');
    const admin = await ensureFirstAdmin(services.db, { adminPassword });
    if (!admin.created) throw new Error('the demo database already has an administrator');
    const ctx = integrationCtx(services, { ...systemActor(), agentId: admin.agentId });
    const app = await createApplication(ctx, {
      name: 'Demo application',
      description: 'Created by tributary demo',
      login_agent_id: admin.agentId,
    });
    const tenants = fake.state.tenants;
    let customers = 0;
    for (const [i, t] of tenants.entries()) {
      if (i % 3 !== 0) continue;
      // Names as an MSP typed them: other case, stray spaces — still an exact match for Generate Mappings.
      await createCustomer(ctx, { name: i % 2 === 0 ? t.showAs.toUpperCase() : ` ${t.showAs} ` });
      customers++;
    }
    const twin = tenants[1];
    if (twin) {
      await createCustomer(ctx, { name: twin.showAs });
      await createCustomer(ctx, { name: `${twin.showAs.toLowerCase()}` });
      customers += 2;
    }
    const topLevel = await createTopLevel(ctx, { name: 'Sophos Central customers' });
    const cred = fake.credentials.partner;
    const instance = await createInstance(ctx, {
      connectorId: 'sophos',
      name: 'Sophos Central (demo)',
      config: {
        clientId: cred.clientId,
        clientSecret: cred.clientSecret,
        idUrl: fake.idUrl,
        apiUrl: fake.apiUrl,
        allowInsecureHttp: true,
      },
      unmappedPolicy: 'create_customer',
      createUnderToplevelId: topLevel.id,
    });
    const mappings = await generateMappings(ctx, instance.id);
    return {
      adminLogin: admin.login,
      adminPassword,
      clientId: app.client_id,
      clientSecret: app.client_secret ?? '',
      instanceId: instance.id,
      customers,
      mappings,
    };
  } finally {
    await booted.close();
  }
}

/** Environment variables the demo ignored; the printed CLI command must unset them too. */
let inheritedOverrides: string[] = [];

/** How this process was started, so the printed commands work as pasted. */
function cliInvocation(): string {
  const script = process.argv[1] ?? '';
  return script.endsWith('.ts') ? `npx tsx ${path.relative(process.cwd(), script) || script}` : 'tributary';
}

function nextSteps(
  server: RunningServer,
  dataDir: string,
  fake: FakeSophos,
  p: Prepared,
  o: DemoOptions,
): string {
  const url = server.url;
  // Variables of the user's shell that would point the CLI at another database or key.
  const unset = inheritedOverrides.map((v) => `-u ${v} `).join('');
  const env = `${unset ? `env ${unset}` : ''}TRIBUTARY_DATA_DIR=${dataDir}`;
  const m = p.mappings;
  return [
    '',
    'Tributary demo is ready.',
    '',
    `  Console:          ${url}/   (sign in as ${p.adminLogin} / ${p.adminPassword})`,
    `  Data directory:   ${dataDir}${o.keep ? ' (kept on exit)' : ' (removed on exit; --keep keeps it)'}`,
    `  Fake Sophos:      ${fake.apiUrl} (token host ${fake.idUrl}), ${o.tenants} tenants, ${fake.state.licenceCount()} licences, ${fake.controls.latencyMs} ms per request`,
    `  Sophos instance:  #${p.instanceId} "Sophos Central (demo)": ${m.mapped} tenants mapped by exact name, ${m.ambiguous} on the review list, ${m.unmatched} unmapped (created under "Sophos Central customers" on import)`,
    `  PSA customers:    ${p.customers} created to match a share of the tenant names`,
    '  WARNING: the instance talks plain http to the fake (allowInsecureHttp is on); never do that with real credentials.',
    '',
    `  API application:  client_id=${p.clientId}`,
    `                    client_secret=${p.clientSecret}`,
    '',
    'Next steps (in another terminal):',
    '',
    '  1. Import customers and licences, watching progress in the CLI:',
    `       ${env} ${cliInvocation()} sync ${p.instanceId} --entities customers,licences`,
    '',
    '  2. Read them through the HaloPSA-compatible API:',
    `       TOKEN=$(curl -s ${url}/auth/token -d grant_type=client_credentials -d client_id=${p.clientId} -d client_secret=${p.clientSecret} -d scope=all | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).access_token')`,
    `       curl -s -H "Authorization: Bearer $TOKEN" '${url}/api/Client?count=20'`,
    `       curl -s -H "Authorization: Bearer $TOKEN" '${url}/api/SoftwareLicence?count=20'`,
    '',
    `  3. Review the mappings and runs in the console: ${url}/`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}

export async function runDemo(o: DemoOptions): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-demo-'));
  // The demo owns its database and key: ignore a DATABASE_URL or master key from the environment.
  inheritedOverrides = ['DATABASE_URL', 'TRIBUTARY_MASTER_KEY'].filter((v) => process.env[v] !== undefined);
  delete process.env.DATABASE_URL;
  delete process.env.TRIBUTARY_MASTER_KEY;
  delete process.env.TRIBUTARY_ADMIN_PASSWORD;
  process.env.TRIBUTARY_DATA_DIR = dataDir;
  process.env.TRIBUTARY_PORT = String(o.port);
  process.env.TRIBUTARY_HOST = '127.0.0.1';
  process.env.TRIBUTARY_LOG_LEVEL ??= 'warn';
  let fake: FakeSophos | undefined;
  let server: RunningServer | undefined;
  let stopping = false;
  const removeData = () => {
    if (!o.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const stop = async () => {
    if (stopping) {
      // A second Ctrl-C: do not wait for a graceful stop any longer.
      removeData();
      process.exit(130);
    }
    stopping = true;
    const force = setTimeout(() => {
      process.stderr.write('The demo did not stop within 15 s; exiting anyway.\n');
      removeData();
      process.exit(1);
    }, 15_000);
    force.unref();
    await server?.close().catch(() => undefined);
    await fake?.close().catch(() => undefined);
    removeData();
    process.stdout.write(
      o.keep ? `Stopped. Data kept in ${dataDir}\n` : 'Stopped. Temporary data removed.\n',
    );
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  try {
    fake = await startFakeSophos({ tenants: o.tenants, licencesPerTenant: 3, latencyMs: 20, seed: 20261121 });
    const prepared = await prepare(dataDir, fake);
    server = await startServer();
    process.stdout.write(nextSteps(server, dataDir, fake, prepared, o));
  } catch (e) {
    await server?.close().catch(() => undefined);
    await fake?.close().catch(() => undefined);
    if (!o.keep) fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}
