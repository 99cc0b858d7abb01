// Halo's `advanced_search` list parameter: a JSON array of {filter_name, filter_type, filter_value}
// (CIPP Get-HaloUser: filter_type 2 = equals). A filter we cannot apply must not be ignored: ignoring it
// returns every record and a client that takes the first hit (CIPP) links the wrong contact. Halo answers an
// unknown field with "Invalid advanced search parameter", which CIPP expects and falls back from.
import { z } from 'zod';
import { invalidInput } from '../../core/errors.js';

export const EQUALS = 2;

const filterSchema = z.array(
  z.looseObject({
    filter_name: z.string(),
    filter_type: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
    filter_value: z.union([z.string(), z.number(), z.boolean()]).transform(String),
  }),
);

export interface AdvancedFilter<F extends string> {
  field: F;
  value: string;
}

const invalid = (why: string) =>
  invalidInput(`Invalid advanced search parameter: ${why}`, [{ field: 'advanced_search', message: why }]);

/** Parses `advanced_search` into equality filters on the given fields (Halo name → our field); else a 400. */
export function parseAdvancedSearch<F extends string>(
  text: string | undefined,
  fields: Readonly<Record<string, F>>,
): AdvancedFilter<F>[] {
  if (text === undefined || text.trim() === '') return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid('not a JSON array');
  }
  const parsed = filterSchema.safeParse(Array.isArray(json) ? json : [json]);
  if (!parsed.success) throw invalid('expected [{filter_name, filter_type, filter_value}]');
  return parsed.data.map((f) => {
    const field = fields[f.filter_name.toLowerCase()];
    if (field === undefined) throw invalid(`${f.filter_name} cannot be searched`);
    if (f.filter_type !== EQUALS)
      throw invalid(`filter_type ${f.filter_type} is not supported (only 2, equals)`);
    return { field, value: f.filter_value };
  });
}
