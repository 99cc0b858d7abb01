// A form generated from a connector's config JSON Schema: one labelled control per property, nested objects
// as fieldsets, enums as selects, booleans as checkboxes. Secret fields (writeOnly) are password inputs that are
// never pre-filled: left blank, the stored value is kept.
import type { JsonSchema } from '../api/integrations.js';
import { Checkbox, SelectField, TextArea, TextField } from './field.js';

export type FormValues = Record<string, unknown>;

interface SchemaFormProps {
  schema: JsonSchema;
  values: FormValues;
  onChange(values: FormValues): void;
  /** Field errors by dotted path ("clientId", "region.name"). */
  errors: Record<string, string>;
  /** Which secrets already have a stored value (by dotted path). */
  storedSecrets?: Record<string, { set: boolean }>;
  disabled?: boolean;
}

/** Unwraps `anyOf: [X, {type:'null'}]` (zod's nullable/optional output) to X. */
export function unwrapNullable(s: JsonSchema): JsonSchema {
  const alts = s.anyOf ?? s.oneOf;
  if (alts) {
    const real = alts.filter((a) => a.type !== 'null');
    if (real.length === 1 && real[0])
      return {
        ...real[0],
        ...(s.title ? { title: s.title } : {}),
        ...(s.description ? { description: s.description } : {}),
        ...(s.default !== undefined ? { default: s.default } : {}),
        ...(s.secret || s.writeOnly ? { writeOnly: true } : {}),
      };
  }
  return s;
}

const typeOf = (s: JsonSchema): string =>
  Array.isArray(s.type)
    ? (s.type.find((t) => t !== 'null') ?? 'string')
    : (s.type ?? (s.enum ? 'string' : s.properties ? 'object' : 'string'));

export const isSecret = (s: JsonSchema): boolean => s.writeOnly === true || s.secret === true;

export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words
    .charAt(0)
    .toUpperCase()
    .concat(words.slice(1))
    .replace(/\b(id|url|api|tls|ldap|dn|ou|sso|smtp|oauth|http|https)\b/gi, (m) => m.toUpperCase());
}

function getAt(values: FormValues, path: string[]): unknown {
  let cur: unknown = values;
  for (const k of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as FormValues)[k];
  }
  return cur;
}

function setAt(values: FormValues, path: string[], value: unknown): FormValues {
  const [head, ...rest] = path;
  if (head === undefined) return values;
  if (rest.length === 0) {
    if (value === undefined) return Object.fromEntries(Object.entries(values).filter(([k]) => k !== head));
    return { ...values, [head]: value };
  }
  const child = values[head];
  return {
    ...values,
    [head]: setAt(child && typeof child === 'object' ? (child as FormValues) : {}, rest, value),
  };
}

/** Defaults from the schema for a new instance's form. */
export function defaultsFor(schema: JsonSchema): FormValues {
  const out: FormValues = {};
  for (const [key, raw] of Object.entries(schema.properties ?? {})) {
    const s = unwrapNullable(raw);
    if (typeOf(s) === 'object' && s.properties) out[key] = defaultsFor(s);
    else if (s.default !== undefined) out[key] = s.default;
  }
  return out;
}

/** Checks required fields and simple bounds before anything is sent; the server validates again. */
export function validateAgainst(
  schema: JsonSchema,
  values: FormValues,
  storedSecrets: Record<string, { set: boolean }> = {},
  prefix = '',
): Record<string, string> {
  const errors: Record<string, string> = {};
  const required = new Set(schema.required ?? []);
  for (const [key, raw] of Object.entries(schema.properties ?? {})) {
    const s = unwrapNullable(raw);
    const path = prefix ? `${prefix}.${key}` : key;
    const v = values[key];
    const t = typeOf(s);
    if (t === 'object' && s.properties) {
      Object.assign(
        errors,
        validateAgainst(s, v && typeof v === 'object' ? (v as FormValues) : {}, storedSecrets, path),
      );
      continue;
    }
    const empty = v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
    if (empty) {
      if (required.has(key) && t !== 'boolean' && !(isSecret(s) && storedSecrets[path]?.set))
        errors[path] = 'is required';
      continue;
    }
    if ((t === 'integer' || t === 'number') && typeof v === 'number') {
      if (Number.isNaN(v)) errors[path] = 'must be a number';
      else if (t === 'integer' && !Number.isInteger(v)) errors[path] = 'must be a whole number';
      else if (s.minimum !== undefined && v < s.minimum) errors[path] = `must be at least ${s.minimum}`;
      else if (s.maximum !== undefined && v > s.maximum) errors[path] = `must be at most ${s.maximum}`;
    }
    if (t === 'string' && typeof v === 'string') {
      if (s.minLength !== undefined && v.length < s.minLength)
        errors[path] = `must be at least ${s.minLength} characters`;
      else if (s.format === 'uri' || s.format === 'url') {
        try {
          new URL(v);
        } catch {
          errors[path] = 'must be a full URL, e.g. https://example.com';
        }
      }
    }
  }
  return errors;
}

/** Drops blank secrets (so the stored ones are kept) and blank optional strings. */
export function cleanValues(schema: JsonSchema, values: FormValues): FormValues {
  const out: FormValues = {};
  for (const [key, raw] of Object.entries(schema.properties ?? {})) {
    const s = unwrapNullable(raw);
    const v = values[key];
    if (typeOf(s) === 'object' && s.properties) {
      out[key] = cleanValues(s, v && typeof v === 'object' ? (v as FormValues) : {});
      continue;
    }
    if (v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v))) continue;
    out[key] = v;
  }
  return out;
}

export function SchemaForm(props: SchemaFormProps) {
  return <Fields {...props} path={[]} />;
}

function Fields({
  schema,
  values,
  onChange,
  errors,
  storedSecrets = {},
  disabled,
  path,
}: SchemaFormProps & { path: string[] }) {
  const required = new Set(schema.required ?? []);
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([key, raw]) => {
        const s = unwrapNullable(raw);
        const here = [...path, key];
        const dotted = here.join('.');
        const label = s.title ?? humanize(key);
        const t = typeOf(s);
        const value = getAt(values, here);
        const set = (v: unknown) => onChange(setAt(values, here, v));
        const error = errors[dotted];
        const hint = s.description;
        const req = required.has(key);
        if (t === 'object' && s.properties) {
          return (
            <fieldset key={dotted} className="fieldset">
              <legend>{label}</legend>
              {hint && <p className="field-hint">{hint}</p>}
              <Fields
                schema={s}
                values={values}
                onChange={onChange}
                errors={errors}
                storedSecrets={storedSecrets}
                disabled={disabled ?? false}
                path={here}
              />
            </fieldset>
          );
        }
        if (t === 'boolean') {
          return (
            <Checkbox
              key={dotted}
              name={dotted}
              label={label}
              hint={hint}
              error={error}
              checked={value === true}
              disabled={disabled}
              onChange={(e) => set(e.target.checked)}
            />
          );
        }
        if (s.enum) {
          return (
            <SelectField
              key={dotted}
              name={dotted}
              label={label}
              hint={hint}
              error={error}
              required={req}
              disabled={disabled}
              value={value === undefined || value === null ? '' : String(value)}
              placeholder={req && s.default === undefined ? 'Choose…' : '(default)'}
              options={s.enum.map((o) => ({ value: String(o), label: String(o) }))}
              onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}
            />
          );
        }
        if (t === 'integer' || t === 'number') {
          return (
            <TextField
              key={dotted}
              name={dotted}
              label={label}
              hint={hint}
              error={error}
              required={req}
              disabled={disabled}
              type="number"
              inputMode="numeric"
              min={s.minimum}
              max={s.maximum}
              value={typeof value === 'number' && !Number.isNaN(value) ? String(value) : ''}
              onChange={(e) => set(e.target.value === '' ? undefined : Number(e.target.value))}
            />
          );
        }
        if (t === 'array') {
          const list = Array.isArray(value) ? (value as unknown[]).map(String) : [];
          return (
            <TextArea
              key={dotted}
              name={dotted}
              label={label}
              hint={hint ? `${hint} One per line.` : 'One per line.'}
              error={error}
              required={req}
              disabled={disabled}
              rows={3}
              value={list.join('\n')}
              onChange={(e) =>
                set(
                  e.target.value
                    .split('\n')
                    .map((l) => l.trim())
                    .filter(Boolean),
                )
              }
            />
          );
        }
        if (isSecret(s)) {
          const stored = storedSecrets[dotted]?.set === true;
          return (
            <TextField
              key={dotted}
              name={dotted}
              label={label}
              hint={stored ? `${hint ? `${hint} ` : ''}A value is stored; leave blank to keep it.` : hint}
              error={error}
              required={req && !stored}
              disabled={disabled}
              type="password"
              autoComplete="new-password"
              placeholder={stored ? '•••••••• (stored)' : ''}
              value={typeof value === 'string' && value !== '********' ? value : ''}
              onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}
            />
          );
        }
        return (
          <TextField
            key={dotted}
            name={dotted}
            label={label}
            hint={hint}
            error={error}
            required={req}
            disabled={disabled}
            type={s.format === 'uri' || s.format === 'url' ? 'url' : s.format === 'email' ? 'email' : 'text'}
            value={
              typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value)
            }
            placeholder={
              s.default !== undefined
                ? String(s.default)
                : s.examples?.[0] !== undefined
                  ? String(s.examples[0])
                  : ''
            }
            onChange={(e) => set(e.target.value)}
          />
        );
      })}
    </>
  );
}

/** Server field paths ("body.config.clientId", "config.clientId") → form paths ("clientId"). */
export function configErrors(fields: readonly { field: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const p = f.field.replace(/^body\./, '');
    if (p.startsWith('config.')) out[p.slice('config.'.length)] ??= f.message;
  }
  return out;
}
