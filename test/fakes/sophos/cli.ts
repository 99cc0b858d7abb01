// Runs the fake standalone for manual testing and `tributary demo`:
//   npx tsx test/fakes/sophos/cli.ts --tenants 200 --licences 5 --port 0 --latency 20
// Prints the URLs and the client credentials as one JSON object on stdout; Ctrl-C stops it.
// The secrets printed are the fake's own, generated from the seed: nothing real.

import { parseArgs } from 'node:util';
import { startFakeSophos } from './server.js';

const USAGE = `Usage: tsx test/fakes/sophos/cli.ts [options]
  --tenants <n>        tenants to generate (default 20)
  --licences <n>       licences per tenant (default 3)
  --firewalls <n>      firewalls in total (default tenants/5)
  --seed <n>           generator seed (default 1)
  --without-api-host <n>  the last n tenants have no apiHost (default 0)
  --port <n>           port of the global API listener (default 0 = any)
  --host <addr>        bind address (default 127.0.0.1)
  --latency <ms>       delay added to every request (default 0)
  --token-ttl <s>      token lifetime in seconds (default 3600)
  --rate <n>           rate limit: requests per second per client (default none)
  --burst <n>          rate limit burst (default = --rate)
  --retry-after-date   send Retry-After as an HTTP date instead of seconds`;

function int(name: string, raw: string | undefined, fallback: number | undefined): number | undefined {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`--${name} must be a non-negative integer, got '${raw}'`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tenants: { type: 'string' },
      licences: { type: 'string' },
      firewalls: { type: 'string' },
      seed: { type: 'string' },
      'without-api-host': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      latency: { type: 'string' },
      'token-ttl': { type: 'string' },
      rate: { type: 'string' },
      burst: { type: 'string' },
      'retry-after-date': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const rate = int('rate', values.rate, undefined);
  const burst = int('burst', values.burst, undefined);
  const firewalls = int('firewalls', values.firewalls, undefined);
  const fake = await startFakeSophos({
    tenants: int('tenants', values.tenants, 20)!,
    licencesPerTenant: int('licences', values.licences, 3)!,
    ...(firewalls === undefined ? {} : { firewalls }),
    seed: int('seed', values.seed, 1)!,
    tenantsWithoutApiHost: int('without-api-host', values['without-api-host'], 0)!,
    port: int('port', values.port, 0)!,
    host: values.host ?? '127.0.0.1',
    latencyMs: int('latency', values.latency, 0)!,
    tokenTtlSeconds: int('token-ttl', values['token-ttl'], 3600)!,
    rateLimit: rate
      ? {
          requestsPerSecond: rate,
          ...(burst === undefined ? {} : { burst }),
          retryAfterFormat: values['retry-after-date'] ? 'http-date' : 'seconds',
        }
      : null,
  });
  const credential = (c: { clientId: string; clientSecret: string; id: string } | undefined) =>
    c && { clientId: c.clientId, clientSecret: c.clientSecret, id: c.id };
  const summary = {
    url: fake.url,
    idUrl: fake.idUrl,
    tokenUrl: fake.tokenUrl,
    apiUrl: fake.apiUrl,
    regionUrls: fake.regionUrls,
    tenants: fake.state.tenants.length,
    licences: fake.state.licenceCount(),
    credentials: {
      partner: credential(fake.credentials.partner),
      organization: credential(fake.credentials.organization),
      tenant: credential(fake.credentials.tenant),
    },
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);

  const stop = (): void => {
    process.stderr.write(`fake sophos: stopping after ${fake.stats.total} requests\n`);
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exit(2);
});
