// Top level → Halo "TopLevel" (Tree_List) wire shape (halo-api.md §3.16).
import type { TopLevel } from './top-level.js';

export interface HaloTopLevel {
  id: number;
  name: string;
  long_name: string;
  inactive: boolean;
  client_count: number;
}

export function presentTopLevel(t: TopLevel): HaloTopLevel {
  return { id: t.id, name: t.name, long_name: t.name, inactive: t.inactive, client_count: t.customerCount };
}
