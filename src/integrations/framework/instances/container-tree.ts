// What discovery found, as a tree: each container after its parent, one level deeper, siblings by name, so an
// OU structure reads as it does in the directory (the CLI indents by depth, the console's pickers too). A
// container whose parent was not discovered starts a tree. A parent is found by its exact id, else by its id
// in any case (a DN's attribute names and values are case-insensitive: "DC=Example" is "dc=example").
import type { ExternalContainer } from '../contract.js';

export interface TreeRow {
  container: ExternalContainer;
  depth: number;
}

export function containerTree(containers: readonly ExternalContainer[]): TreeRow[] {
  const ids = new Set(containers.map((c) => c.externalId));
  const byLowerId = new Map<string, string>();
  for (const c of containers)
    if (!byLowerId.has(c.externalId.toLowerCase())) byLowerId.set(c.externalId.toLowerCase(), c.externalId);
  const parentOf = (c: ExternalContainer): string | undefined =>
    c.parentId === undefined
      ? undefined
      : ids.has(c.parentId)
        ? c.parentId
        : byLowerId.get(c.parentId.toLowerCase());
  const children = new Map<string | undefined, ExternalContainer[]>();
  for (const c of containers) {
    const parent = parentOf(c);
    const list = children.get(parent) ?? [];
    list.push(c);
    children.set(parent, list);
  }
  const byName = (a: ExternalContainer, b: ExternalContainer) =>
    a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.externalId.localeCompare(b.externalId);
  const rows: TreeRow[] = [];
  const seen = new Set<string>();
  // Depth-first with an explicit stack: a directory may be deep, and a parent cycle in bad data must end.
  const stack: TreeRow[] = [...(children.get(undefined) ?? [])]
    .sort(byName)
    .reverse()
    .map((container) => ({ container, depth: 0 }));
  for (let row = stack.pop(); row !== undefined; row = stack.pop()) {
    if (seen.has(row.container.externalId)) continue;
    seen.add(row.container.externalId);
    rows.push(row);
    const kids = [...(children.get(row.container.externalId) ?? [])].sort(byName).reverse();
    for (const container of kids) stack.push({ container, depth: row.depth + 1 });
  }
  // Containers only reachable through a cycle (each other's parents) are listed at the top level.
  for (const c of containers) if (!seen.has(c.externalId)) rows.push({ container: c, depth: 0 });
  return rows;
}
