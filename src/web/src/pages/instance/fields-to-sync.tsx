// "Fields to sync": per entity, which fields a run writes (the instance's field mappings). Fields left unticked
// are never written on updates; a record the run creates still gets its name. An entity the admin never
// changed keeps following the connector's defaults (customers: the PSA keeps its own customer names).
import type { ConnectorInfo, EntityName, Instance } from '../../api/integrations.js';
import { Checkbox } from '../../components/field.js';

export type FieldChoice = Record<string, string[]>;

const label = (f: string) => (f.charAt(0).toUpperCase() + f.slice(1)).replace(/_/g, ' ');

const HINTS: Record<string, Record<string, string>> = {
  customers: {
    name: 'Off by default: existing customers keep their PSA names. New customers are named after the source.',
  },
};

/** The fields each entity writes now: the instance's mapping, else the connector's default. */
export function initialFieldChoice(instance: Instance, connector: ConnectorInfo): FieldChoice {
  const out: FieldChoice = {};
  for (const e of connector.entities) {
    const all = connector.mappableFields?.[e];
    if (!all) continue;
    out[e] = instance.fieldMappings?.[e as EntityName] ?? connector.defaultFields?.[e] ?? all;
  }
  return out;
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/**
 * The field mappings to save: entities already mapped, or whose choice differs from the connector's default
 * (so an untouched entity keeps following the defaults). Undefined when nothing is to be saved.
 */
export function fieldMappingsToSave(
  instance: Instance,
  connector: ConnectorInfo,
  choice: FieldChoice,
): Partial<Record<string, string[]>> | undefined {
  const out: Partial<Record<string, string[]>> = { ...(instance.fieldMappings ?? {}) };
  let changed = false;
  for (const [e, fields] of Object.entries(choice)) {
    const def = connector.defaultFields?.[e] ?? connector.mappableFields?.[e] ?? [];
    const explicit = instance.fieldMappings?.[e as EntityName];
    if (explicit ? !same(explicit, fields) : !same(def, fields)) {
      out[e] = fields;
      changed = true;
    }
  }
  return changed ? out : undefined;
}

export function FieldsToSync({
  connector,
  entities,
  choice,
  onChange,
}: {
  connector: ConnectorInfo;
  entities: string[];
  choice: FieldChoice;
  onChange: (next: FieldChoice) => void;
}) {
  const shown = connector.entities.filter((e) => entities.includes(e) && connector.mappableFields?.[e]);
  if (shown.length === 0) return null;
  return (
    <fieldset className="fieldset">
      <legend>Fields to sync</legend>
      <p className="field-hint">Unticked fields are never written to existing records.</p>
      {shown.map((e) => (
        <fieldset key={e} className="fieldset" aria-label={`${label(e)} fields`}>
          <legend>{label(e)}</legend>
          {(connector.mappableFields?.[e] ?? []).map((f) => (
            <Checkbox
              key={f}
              label={label(f)}
              name={`field-${e}-${f}`}
              checked={(choice[e] ?? []).includes(f)}
              {...(HINTS[e]?.[f] ? { hint: HINTS[e][f] } : {})}
              onChange={(ev) =>
                onChange({
                  ...choice,
                  [e]: ev.target.checked
                    ? [...(choice[e] ?? []), f]
                    : (choice[e] ?? []).filter((x) => x !== f),
                })
              }
            />
          ))}
        </fieldset>
      ))}
    </fieldset>
  );
}
