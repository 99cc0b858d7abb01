// Zod building blocks for Halo wire values. Query strings arrive as text ("true", "1", "50"); bodies carry
// JSON types, and a wrong type on a known field is a 400 naming the field.
import { z } from 'zod';

/** A query boolean: true/false/1/0/yes/no in any case; empty means "not given". */
export const queryBool = z
  .string()
  .trim()
  .regex(/^(true|false|1|0|yes|no|)$/i, 'must be true or false')
  .transform((v) => (v === '' ? undefined : /^(true|1|yes)$/i.test(v)));

/** A query integer; empty means "not given". */
export const queryInt = z
  .string()
  .trim()
  .regex(/^(-?\d{1,15})?$/, 'must be an integer')
  .transform((v) => (v === '' ? undefined : Number(v)));

/** A query list of integers, comma-separated ("1,2,3"). */
export const queryIntList = z
  .string()
  .trim()
  .regex(/^(\d{1,15}(,\s*\d{1,15})*)?$/, 'must be a comma-separated list of integers')
  .transform((v) => (v === '' ? [] : v.split(',').map((s) => Number(s.trim()))));

/** `/X/{id}`: a positive integer id. */
export const idParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, 'must be a positive integer')
    .transform(Number),
});

/** A JSON boolean in a body; 0/1 accepted because some clients serialise flags as numbers. */
export const bodyBool = z
  .union([z.boolean(), z.literal(0), z.literal(1)], { error: 'must be true or false' })
  .transform((v) => v === true || v === 1);

/** A JSON integer in a body; numeric strings accepted (some PowerShell clients send ids as text). */
export const bodyInt = z.union(
  [
    z.number().int(),
    z
      .string()
      .trim()
      .regex(/^-?\d{1,15}$/)
      .transform(Number),
  ],
  { error: 'must be an integer' },
);

/** A nullable text field in a body: null (or "") clears it. */
export const bodyText = z
  .string({ error: 'must be a string' })
  .nullable()
  .transform((v) => (v === null || v.trim() === '' ? null : v));

/** A nullable id reference in a body: null, 0 or a negative number (Halo's "none") clear it. */
export const bodyRef = z
  .union(
    [
      z.number().int(),
      z
        .string()
        .trim()
        .regex(/^-?\d{1,15}$/)
        .transform(Number),
      z.null(),
    ],
    { error: 'must be an integer or null' },
  )
  .transform((v) => (v === null || v <= 0 ? null : v));

/**
 * The `id` of a POST element: absent, null or 0 means create; a positive integer means update.
 */
export const bodyId = z
  .union(
    [
      z.number().int().min(0),
      z
        .string()
        .trim()
        .regex(/^\d{1,15}$/)
        .transform(Number),
      z.null(),
    ],
    { error: 'must be a non-negative integer' },
  )
  .optional()
  .transform((v) => (v === null || v === undefined || v === 0 ? undefined : v));

/** Halo's POST flags that change nothing here; listed so the OpenAPI document shows they are accepted. */
export const ignoredPostFlags = {
  _novalidate: z.unknown().optional(),
  return_this: z.unknown().optional(),
  dont_do_rules: z.unknown().optional(),
  _forcereassign: z.unknown().optional(),
  _dontaddnewfields: z.unknown().optional(),
};
