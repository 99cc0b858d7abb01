// Names of records the screen only knows by id (mapping targets, review candidates), fetched in one request.
import { useEffect, useState } from 'react';
import { api, qs } from '../api/client.js';
import type { Page } from '../api/records.js';

export function useNames(type: 'customers' | 'sites', ids: readonly number[]): Map<number, string> {
  const [names, setNames] = useState<Map<number, string>>(new Map());
  const key = [...new Set(ids)]
    .sort((a, b) => a - b)
    .slice(0, 200)
    .join(',');
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    api
      .get<Page<{ id: number; name: string }>>(
        `/records/${type}${qs({ ids: key, pageSize: 200 })}`,
        controller.signal,
      )
      .then((p) => setNames(new Map(p.items.map((r) => [r.id, r.name]))))
      .catch(() => undefined);
    return () => controller.abort();
  }, [type, key]);
  return names;
}
