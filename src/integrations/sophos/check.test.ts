import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { useFakes } from '../../../test/fakes/sophos/test-client.js';
import { checkSophos } from './check.js';
import { fakeSophosConfig, testContext } from './testing.js';

const startFake = useFakes();

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('Sophos check', () => {
  it('says who the credential is and how many tenants it sees', async () => {
    const fake = await startFake({ tenants: 42, licencesPerTenant: 0 });
    const r = await checkSophos(testContext(fakeSophosConfig(fake)));
    expect(r).toMatchObject({
      ok: true,
      details: { idType: 'partner', id: fake.credentials.partner.id, tenants: 42 },
    });
    const t = await checkSophos(testContext(fakeSophosConfig(fake, 'tenant')));
    expect(t).toMatchObject({ ok: true, details: { idType: 'tenant' } });
  });

  it('never throws: bad credentials → auth, unreachable → network, refused listing → auth/permission', async () => {
    const fake = await startFake({ tenants: 2 });
    expect(
      await checkSophos(testContext(fakeSophosConfig(fake, 'partner', { clientSecret: 'nope-nope' }))),
    ).toMatchObject({ ok: false, kind: 'auth' });
    const port = await closedPort();
    const down = await checkSophos(
      testContext(fakeSophosConfig(fake, 'partner', { idUrl: `http://127.0.0.1:${port}` })),
    );
    expect(down).toMatchObject({ ok: false, kind: 'network' });
    fake.inject({ route: 'partner.tenants', action: { type: 'status', status: 403 } });
    expect(await checkSophos(testContext(fakeSophosConfig(fake)))).toMatchObject({
      ok: false,
      kind: 'permission',
    });
    fake.inject({ route: 'whoami', action: { type: 'status', status: 400 } });
    expect(await checkSophos(testContext(fakeSophosConfig(fake)))).toMatchObject({
      ok: false,
      kind: 'vendor',
    });
  });
});
