// Public API of the Sophos Central fake: start it, shape its estate, script its faults.
//
//   const fake = await startFakeSophos({ tenants: 250, licencesPerTenant: 4, latencyMs: 5 });
//   // connector config: idUrl = fake.idUrl (token at fake.tokenUrl), apiUrl = fake.apiUrl,
//   // clientId/clientSecret = fake.credentials.partner.{clientId,clientSecret}
//   fake.inject({ route: 'partner.tenants', page: 2, action: { type: 'status', status: 500 } });
//   fake.inject({ action: { type: 'unauthorized' } });            // next API call: 401 on a valid token
//   fake.controls.rateLimit = { requestsPerSecond: 5, burst: 5 }; // 429 + Retry-After from now on
//   fake.state.renameTenant(fake.state.tenants[0]!.id, 'New Name Ltd');
//   expect(fake.stats.requests['licenses']).toBe(250); expect(fake.stats.rateLimited).toBe(0);
//   await fake.close();
//
// Contract: shared/reference/vendor-apis.md §1; anything the reference marks (inferred) is commented so
// where it is implemented.

export { startFakeSophos, type FakeSophos, type FakeSophosOptions } from './server.js';
export type { FakeSophosControls } from './context.js';
export { generateSophosState, generateLicence, SOPHOS_PRODUCTS, type GenerateOptions } from './generator.js';
export { companyNames } from './names.js';
export { createPrng, type Prng } from './prng.js';
export { SophosState, type SophosStateInit } from './state.js';
export { FakeSophosStats, type FakeRequestLogEntry } from './stats.js';
export type { FaultAction, FaultSpec, InjectedFault } from './faults.js';
export type { RateLimitOptions } from './rate-limit.js';
export * from './types.js';
