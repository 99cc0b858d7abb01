// Preloaded with `node --import` in child processes (the kill -9 test) so the CLI knows the fixture.
import { registerExtraConnector } from '../../../src/integrations/registry.js';
import { fixtureConnector } from './connector.js';

registerExtraConnector(fixtureConnector);
