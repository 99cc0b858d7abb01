// Runs the conformance suite on the in-repo fixture connector (proves the framework and the suite).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerExtraConnector } from '../../../src/integrations/registry.js';
import { runConnectorConformance } from '../run-conformance.js';
import { fixtureConnector } from './connector.js';
import { FIXTURE_CLIENT_ID, FIXTURE_SECRET, FixtureSource } from './source.js';

registerExtraConnector(fixtureConnector);
const source = new FixtureSource();

runConnectorConformance({
  name: 'fixture',
  connector: fixtureConnector,
  source,
  makeConfig: (variant) => ({
    baseUrl: source.url,
    clientId: FIXTURE_CLIENT_ID,
    clientSecret: variant === 'good' ? FIXTURE_SECRET : 'wrong-secret',
    pageSize: 3,
  }),
  invalidConfig: { baseUrl: 'not a url', clientId: '' },
  childImports: [path.join(path.dirname(fileURLToPath(import.meta.url)), 'register.ts')],
});
