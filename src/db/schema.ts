// The whole database as one typed interface, assembled from one file per area so areas evolve independently.
import type { CoreTables } from './schema/core.js';
import type { IntegrationTables } from './schema/integrations.js';
import type { AuthTables } from './schema/auth.js';
import type { IntegratorTables } from './schema/integrator.js';

// Each area adds its tables here (auth, integrations, integrator, …).
export type Database = CoreTables & AuthTables & IntegrationTables & IntegratorTables;

export type * from './schema/core.js';
export type * from './schema/integrations.js';
export type * from './schema/auth.js';
export type * from './schema/integrator.js';
