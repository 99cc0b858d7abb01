// Test support for the Sophos connector: a config pointing at the fake, and a ConnectorContext without a
// database (for client and sync tests that do not go through the runner).
import { createLogger } from '../../log.js';
import type { FakeSophos } from '../../../test/fakes/sophos/index.js';
import type { ConnectorContext, ContainerMapping, EntityName } from '../framework/contract.js';
import { SophosConfigSchema, type SophosConfig } from './manifest.js';

export type CallerKind = 'partner' | 'organization' | 'tenant';

/** Raw (unparsed) config for the fake, as an admin would enter it. */
export function fakeSophosConfigInput(
  fake: FakeSophos,
  caller: CallerKind = 'partner',
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const credential = caller === 'tenant' ? fake.credentials.tenant : fake.credentials[caller];
  if (!credential) throw new Error(`the fake has no ${caller} credential`);
  return {
    clientId: credential.clientId,
    clientSecret: credential.clientSecret,
    idUrl: fake.idUrl,
    apiUrl: fake.apiUrl,
    allowInsecureHttp: true,
    ...extra,
  };
}

export function fakeSophosConfig(
  fake: FakeSophos,
  caller: CallerKind = 'partner',
  extra: Record<string, unknown> = {},
): SophosConfig {
  return SophosConfigSchema.parse(fakeSophosConfigInput(fake, caller, extra));
}

export interface TestContext extends ConnectorContext<SophosConfig> {
  progressCalls: { entity: EntityName; done: number; total?: number }[];
}

export function testContext(
  config: SophosConfig,
  o: { mappings?: ContainerMapping[]; signal?: AbortSignal } = {},
): TestContext {
  const progressCalls: TestContext['progressCalls'] = [];
  return {
    config,
    instanceId: 1,
    log: createLogger('silent'),
    signal: o.signal ?? new AbortController().signal,
    mappings: o.mappings ?? [],
    progress: (entity, done, total) =>
      progressCalls.push(total === undefined ? { entity, done } : { entity, done, total }),
    secretValues: [config.clientSecret],
    progressCalls,
  };
}

export const mapTo = (externalId: string, customerId: number): ContainerMapping => ({
  externalId,
  target: { kind: 'customer', customerId },
  recursive: false,
  filter: null,
});
