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
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const t = window.setTimeout(() => {
      api
        .get<Page<CustomerRow>>(
          `/records/customers${qs({ search: search.trim(), pageSize: 50, status: 'active' })}`,
          controller.signal,
        )
        .then((p) => {
          setOptions(p.items);
          setLoadError(null);
        })
        .catch((e: unknown) => {
          if (!controller.signal.aborted)
            setLoadError(e instanceof Error ? e.message : 'Could not load customers');
        });
    }, 200);
    return () => {
      controller.abort();
      window.clearTimeout(t);
    };
  }, [search]);

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
          <option value="">{options.length ? 'Choose a customer…' : 'No customers match'}</option>
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
