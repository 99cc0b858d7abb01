// The shapes an admin may send for an instance (API and CLI share them). Connector config is validated
// separately by the connector's own schema.
import { z } from 'zod';

const ENTITY = z.enum(['customers', 'licences', 'users', 'agents']);

/** Cron with 5 or 6 fields (validated properly by croner in the integrator). */
const cron = z
  .string()
  .trim()
  .regex(/^(\S+\s+){4,5}\S+$/, 'must be a cron expression with 5 or 6 fields');

export const InstanceSettingsSchema = z.object({
  name: z.string().trim().min(1).max(200),
  enabled: z.boolean(),
  schedule: cron,
  entities: z.array(ENTITY).min(1).nullable(),
  unmappedPolicy: z.enum(['skip', 'create_customer']),
  createUnderToplevelId: z.number().int().positive().nullable(),
  sweepMaxAbsolute: z.number().int().min(0),
  sweepMaxPercent: z.number().int().min(0).max(100),
  userLeaverPolicy: z.enum(['no_tickets', 'always', 'never']),
  /** entity → our field names to write; absent entity = every field the connector provides. */
  fieldMappings: z.partialRecord(ENTITY, z.array(z.string().min(1))).nullable(),
});

export const CreateInstanceSchema = InstanceSettingsSchema.partial().extend({
  connectorId: z.string().min(1),
  name: InstanceSettingsSchema.shape.name,
  config: z.record(z.string(), z.unknown()),
});
export type CreateInstanceInput = z.input<typeof CreateInstanceSchema>;

export const UpdateInstanceSchema = InstanceSettingsSchema.partial().extend({
  /** Partial config; omitted (or masked) secrets keep their stored values. */
  config: z.record(z.string(), z.unknown()).optional(),
});
export type UpdateInstanceInput = z.input<typeof UpdateInstanceSchema>;
