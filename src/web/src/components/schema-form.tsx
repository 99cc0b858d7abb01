// A form generated from a connector's config JSON Schema: one labelled control per property. Sections are
// fieldsets (an optional one has a switch), lists of sections can be added to and removed from, field maps are
// a box per key, enums are selects, booleans checkboxes. Secret fields (writeOnly) are password inputs that are
// never pre-filled: left blank, the stored value is kept. What each schema node becomes, and the values
// checked and sent, are in schema-values.ts.
import type { JsonSchema } from '../api/integrations.js';
import { errorMessage } from '../api/client.js';
import { useResource } from '../lib/use-resource.js';
import { Button } from './button.js';
import { Checkbox, SelectField, TextArea, TextField } from './field.js';
import {
  errorAt,
  getAt,
  humanize,
  kindOf,
  removeAt,
  sectionOn,
  sectionToggled,
  seededSection,
  setAt,
  singular,
  unwrapNullable,
  defaultsFor,
  type FormValues,
} from './schema-values.js';

export {
  cleanValues,
  configErrors,
  defaultsFor,
  humanize,
  isSecret,
  unwrapNullable,
  validateAgainst,
  type FormValues,
} from './schema-values.js';

interface SchemaFormProps {
  schema: JsonSchema;
  values: FormValues;
  onChange(values: FormValues): void;
  /** Field errors by dotted path ("clientId", "region.name", "domains.0.bindDn"). */
  errors: Record<string, string>;
  /** Which secrets already have a stored value (by dotted path, as the API reports them). */
  storedSecrets?: Record<string, { set: boolean }>;
  disabled?: boolean;
}

const MULTILINE = /certificate|\bpem\b/i;

export function SchemaForm(props: SchemaFormProps) {
  return <Fields {...props} path={[]} />;
}

type FieldsProps = SchemaFormProps & { path: string[] };

function Fields(props: FieldsProps) {
  const { schema, path } = props;
  const required = new Set(schema.required ?? []);
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([key, raw]) => (
        <Field
          key={[...path, key].join('.')}
          {...props}
          schema={unwrapNullable(raw)}
          path={[...path, key]}
          required={required.has(key)}
        />
      ))}
    </>
  );
}

function Field(props: FieldsProps & { required: boolean }) {
  const { schema: s, values, onChange, errors, storedSecrets = {}, disabled, path, required: req } = props;
  const dotted = path.join('.');
  const label = s.title ?? humanize(path[path.length - 1] ?? '');
  const value = getAt(values, path);
  const set = (v: unknown) => onChange(setAt(values, path, v));
  const error = errors[dotted];
  const hint = s.description;
  /** What every labelled control below takes; a kind that needs another hint or error overrides it after. */
  const common = { name: dotted, label, hint, error, required: req, disabled };
  switch (kindOf(s)) {
    case 'section': {
      const on = req || sectionOn(s, value);
      return (
        <fieldset className="fieldset">
          <legend>{label}</legend>
          {!req && (
            <Checkbox
              name={`${dotted}.__on`}
              label={`Use ${label.toLowerCase()}`}
              hint={hint}
              checked={on}
              disabled={disabled}
              onChange={(e) => set(sectionToggled(s, e.target.checked))}
            />
          )}
          {req && hint && <p className="field-hint">{hint}</p>}
          {on && <Fields {...props} values={seededSection(s, values, path)} path={path} />}
        </fieldset>
      );
    }
    case 'list':
      return <ListField {...props} label={label} />;
    case 'map': {
      const keys = (s.propertyNames?.enum ?? []).map(String);
      return (
        <fieldset className="fieldset">
          <legend>{label}</legend>
          {hint && <p className="field-hint">{hint} Leave a box empty for the default.</p>}
          <div className="field-grid">
            {keys.map((k) => {
              const v = getAt(values, [...path, k]);
              return (
                <TextField
                  key={k}
                  name={`${dotted}.${k}`}
                  label={humanize(k)}
                  // The same keys recur in sibling maps (a user's and an agent's Name): the map's title in the
                  // accessible name tells them apart, and it still begins with the visible label.
                  aria-label={`${humanize(k)} (${label})`}
                  error={errors[`${dotted}.${k}`]}
                  disabled={disabled}
                  placeholder="(default)"
                  value={typeof v === 'string' ? v : ''}
                  onChange={(e) =>
                    onChange(setAt(values, [...path, k], e.target.value === '' ? undefined : e.target.value))
                  }
                />
              );
            })}
          </div>
        </fieldset>
      );
    }
    case 'boolean':
      return (
        <Checkbox
          name={dotted}
          label={label}
          hint={hint}
          error={error}
          checked={value === undefined ? s.default === true : value === true}
          disabled={disabled}
          onChange={(e) => set(e.target.checked)}
        />
      );
    case 'enum':
      return (
        <SelectField
          {...common}
          value={value === undefined || value === null ? '' : String(value)}
          placeholder={
            s.default !== undefined ? `(default: ${String(s.default)})` : req ? 'Choose…' : '(none)'
          }
          options={(s.enum ?? []).map((o) => ({ value: String(o), label: String(o) }))}
          onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}
        />
      );
    case 'choice':
      return (
        <ChoiceField
          list={s.choices as NonNullable<JsonSchema['choices']>}
          {...common}
          value={typeof value === 'number' ? value : undefined}
          onChange={set}
        />
      );
    case 'number':
      return (
        <TextField
          {...common}
          type="number"
          inputMode="numeric"
          min={s.minimum}
          max={s.maximum}
          placeholder={s.default !== undefined ? String(s.default) : ''}
          value={typeof value === 'number' && !Number.isNaN(value) ? String(value) : ''}
          onChange={(e) => set(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      );
    case 'lines': {
      const list = Array.isArray(value) ? (value as unknown[]).map(String) : [];
      return (
        <TextArea
          {...common}
          hint={hint ? `${hint} One per line.` : 'One per line.'}
          error={errorAt(errors, dotted, true)}
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
    case 'secret': {
      const stored = storedSecrets[dotted]?.set === true;
      return (
        <TextField
          {...common}
          hint={stored ? `${hint ? `${hint} ` : ''}A value is stored; leave blank to keep it.` : hint}
          required={req && !stored}
          type="password"
          autoComplete="new-password"
          placeholder={stored ? '•••••••• (stored)' : ''}
          value={typeof value === 'string' && value !== '********' ? value : ''}
          onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}
        />
      );
    }
    case 'text':
      // A certificate or long text (PEM, ticket details) gets a box of several lines.
      if (MULTILINE.test(`${dotted} ${label}`) || (s.maxLength ?? 0) >= 1000)
        return (
          <TextArea
            {...common}
            rows={4}
            spellCheck={false}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}
          />
        );
      return (
        <TextField
          {...common}
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
  }
}

/**
 * A list of sections (LDAP's domains): each element a fieldset named after the list ("Domain 1", with its id
 * when it has one), removable down to the schema's minimum, and a button that adds one with its defaults.
 */
function ListField(props: FieldsProps & { required: boolean; label: string }) {
  const { schema: s, values, onChange, errors, disabled, path, label } = props;
  const dotted = path.join('.');
  const items = unwrapNullable(s.items as JsonSchema);
  const value = getAt(values, path);
  const list = Array.isArray(value) ? value : [];
  const one = singular(label);
  const min = s.minItems ?? 0;
  const error = errors[dotted];
  return (
    <div className={`field-list${error ? ' field-invalid' : ''}`}>
      <p className="field-list-title">{label}</p>
      {s.description && <p className="field-hint">{s.description}</p>}
      {list.map((item, i) => {
        const id = item && typeof item === 'object' ? (item as FormValues).id : undefined;
        const name = `${one} ${i + 1}${typeof id === 'string' && id ? ` (${id})` : ''}`;
        return (
          <fieldset className="fieldset" key={i}>
            <legend>{name}</legend>
            <Fields {...props} schema={items} path={[...path, String(i)]} />
            <div className="form-actions">
              <Button
                variant="ghost"
                disabled={disabled === true || list.length <= min}
                onClick={() => onChange(removeAt(values, path, i))}
              >
                Remove {name}
              </Button>
            </div>
          </fieldset>
        );
      })}
      {error && (
        <p className="field-error" role="alert">
          {label} {error}.
        </p>
      )}
      <Button
        disabled={disabled}
        onClick={() => onChange(setAt(values, path, [...list, defaultsFor(items)]))}
      >
        Add {one.toLowerCase()}
      </Button>
    </div>
  );
}

/**
 * An id chosen by name from one of the server's short lists. An id that is no longer in the list (deleted, or
 * made inactive) stays selected and says so, rather than silently becoming "none".
 */
function ChoiceField(props: {
  list: NonNullable<JsonSchema['choices']>;
  name: string;
  label: string;
  hint: string | undefined;
  error: string | undefined;
  required: boolean;
  disabled: boolean | undefined;
  value: number | undefined;
  onChange(value: number | undefined): void;
}) {
  const { list, value } = props;
  const choices = useResource<{ id: number; name: string }[]>(`/choices/${list}`);
  const options = (choices.data ?? []).map((c) => ({ value: String(c.id), label: c.name }));
  if (value !== undefined && !options.some((o) => o.value === String(value)))
    options.push({
      value: String(value),
      label: choices.loading ? `#${value}` : `#${value} (not in the list)`,
    });
  const trouble = choices.error ? `Could not load the list: ${errorMessage(choices.error)}` : undefined;
  return (
    <SelectField
      name={props.name}
      label={props.label}
      hint={[props.hint, trouble].filter(Boolean).join(' ') || undefined}
      error={props.error}
      required={props.required}
      disabled={props.disabled}
      value={value === undefined ? '' : String(value)}
      placeholder={props.required ? 'Choose…' : '(none)'}
      options={options}
      onChange={(e) => props.onChange(e.target.value === '' ? undefined : Number(e.target.value))}
    />
  );
}
