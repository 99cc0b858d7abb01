// Choose a customer: type to search, then pick from the matches (a labelled search box and a labelled select).
import { useEffect, useId, useState } from 'react';
import { api, qs } from '../api/client.js';
import type { CustomerRow, Page } from '../api/records.js';

interface CustomerPickerProps {
  label: string;
  value: number | null;
  onChange(id: number | null, name: string | null): void;
  error?: string | undefined;
  /** Pre-fill the search (e.g. with the external name). */
  initialSearch?: string;
}

export function CustomerPicker({ label, value, onChange, error, initialSearch = '' }: CustomerPickerProps) {
  const id = useId();
  const [search, setSearch] = useState(initialSearch);
  const [options, setOptions] = useState<CustomerRow[]>([]);
  /** The search the options answer (null until the first answer): until then "no match" would be untrue. */
  const [answered, setAnswered] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    // The first list loads at once; later ones wait for the typing to pause.
    const delay = answered === null ? 0 : 200;
    const t = window.setTimeout(() => {
      api
        .get<Page<CustomerRow>>(
          `/records/customers${qs({ search: search.trim(), pageSize: 50, status: 'active' })}`,
          controller.signal,
        )
        .then((p) => {
          setOptions(p.items);
          setAnswered(search.trim());
          setLoadError(null);
        })
        .catch((e: unknown) => {
          if (!controller.signal.aborted)
            setLoadError(e instanceof Error ? e.message : 'Could not load customers');
        });
    }, delay);
    return () => {
      controller.abort();
      window.clearTimeout(t);
    };
    // `answered` only picks the first delay, so it is not a dependency: a new answer must not fetch again.
  }, [search]);

  const placeholder =
    answered === null
      ? 'Loading customers…'
      : options.length
        ? 'Choose a customer…'
        : answered
          ? `No customer matches "${answered}"`
          : 'No customers yet';

  return (
    <fieldset className={`fieldset${error ? ' field-invalid' : ''}`}>
      <legend>{label}</legend>
      <div className="field">
        <label htmlFor={`${id}-search`}>Search customers</label>
        <input id={`${id}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-select`}>Customer</label>
        <select
          id={`${id}-select`}
          value={value === null ? '' : String(value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error || loadError ? `${id}-error` : undefined}
          onChange={(e) => {
            const picked = options.find((o) => String(o.id) === e.target.value);
            onChange(picked ? picked.id : null, picked ? picked.name : null);
          }}
        >
          <option value="">{placeholder}</option>
          {value !== null && !options.some((o) => o.id === value) && (
            <option value={String(value)}>Customer {value}</option>
          )}
          {options.map((o) => (
            <option key={o.id} value={String(o.id)}>
              {o.name}
            </option>
          ))}
        </select>
        {(error || loadError) && (
          <p className="field-error" id={`${id}-error`}>
            {error ?? loadError}
          </p>
        )}
      </div>
    </fieldset>
  );
}
