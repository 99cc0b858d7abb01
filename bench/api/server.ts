// The server under test for bench/api: the real app over a given data directory, plus two no-op routes
// (GET and POST with a parsed JSON body) that serve as the floor measured in the same process.
import { buildApp } from '../../src/api/app.js';
import { boot } from '../../src/boot.js';
import { createLogger } from '../../src/log.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: server.ts <data-dir>');
const booted = await boot({ overrides: { dataDir }, logger: createLogger('warn') });
const app = await buildApp(booted.services);
app.post('/bench/noop', async () => ({ ok: true }));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(
  `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
);
process.on(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => booted.close())
      .then(() => process.exit(0)),
);
