// Public API of the Sophos Central fake: start it, shape its estate, script its faults.

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
