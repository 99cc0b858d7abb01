// Every production connector, registered exactly once (a test checks each folder under src/integrations/
// other than framework/ and kit/ is listed here with a unique id). Add a connector: import its index and
// append it to CONNECTORS.
import { AppError } from '../core/errors.js';
import type { Connector } from './framework/contract.js';
import { ldapConnector } from './ldap/index.js';
import { sophosConnector } from './sophos/index.js';

export const CONNECTORS: readonly Connector[] = [sophosConnector as Connector, ldapConnector as Connector];

/** Test-only connectors (the conformance fixture); never populated in production code paths. */
const extra = new Map<string, Connector>();

/** Registers a connector outside the production list, e.g. the conformance fixture via `node --import`. */
export function registerExtraConnector(connector: Connector): void {
  extra.set(connector.manifest.id, connector);
}

export function listConnectors(): Connector[] {
  return [...CONNECTORS, ...extra.values()];
}

export function findConnector(id: string): Connector | undefined {
  return CONNECTORS.find((c) => c.manifest.id === id) ?? extra.get(id);
}

export function getConnector(id: string): Connector {
  const c = findConnector(id);
  if (!c)
    throw new AppError('CONNECTOR_NOT_FOUND', 'not_found', `No connector "${id}" is installed`, {
      details: [{ field: 'connector', message: `unknown connector "${id}"` }],
    });
  return c;
}
