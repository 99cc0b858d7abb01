// The integration framework's public surface: what the integrator, the admin API, the CLI and connector
// authors import.
export * from './contract.js';
export { secret, secretPaths, configJsonSchema, SECRET_MASK } from './secret-field.js';
export { integrationCtx, type IntegrationCtx } from './context.js';
export { createInstance } from './instances/create-instance.js';
export { updateInstance, setInstanceEnabled, resumePausedInstance } from './instances/update-instance.js';
export { getInstance, listInstances, type InstanceView } from './instances/list-instances.js';
export { checkInstance, discoverInstance } from './instances/check-instance.js';
export type { Instance } from './instances/instance.js';
export { generateMappings, proposeMappings, type GenerateResult } from './mappings/generate-mappings.js';
export {
  addMapping,
  editMapping,
  removeMapping,
  listMappings,
  listMappingsWithPeople,
  MappingInputSchema,
  type MappingInput,
  type MappingWithPeople,
} from './mappings/edit-mappings.js';
export type { Population } from './mappings/mapping-population.js';
export type { MappingView } from './mappings/mapping.js';
export { runInstance, type RunOutcome, type RunRequest } from './runs/run-instance.js';
export { decideRun, type Decision } from './runs/approve-run.js';
export { listRuns, getRun, type RunView, type RunDetail } from './runs/list-runs.js';
export type { EntityCounts, PreviewChange } from './reconcile/types.js';
