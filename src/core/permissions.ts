// What an actor may do. Roles grant permissions; API applications hold Halo-style scopes; an application's
// effective access is its scopes intersected with the permissions of the agent it logs in as.

/** The areas access is granted on. Actions belong to tickets; sites and end users to customers. */
export const AREAS = ['tickets', 'customers', 'assets', 'softwarelicensing', 'agents', 'teams'] as const;
export type Area = (typeof AREAS)[number];
export type Access = 'read' | 'edit';

/** A permission is "<area>:read", "<area>:edit" (which implies read), or "admin" (everything, incl. configuration). */
export type Permission = `${Area}:${Access}` | 'admin';

export const ALL_PERMISSIONS: readonly Permission[] = [
  ...AREAS.flatMap((a) => [`${a}:read`, `${a}:edit`] as Permission[]),
  'admin',
];

export function isPermission(value: string): value is Permission {
  return (ALL_PERMISSIONS as readonly string[]).includes(value);
}

export class PermissionSet {
  private readonly granted: ReadonlySet<Permission>;
  constructor(perms: Iterable<Permission>) {
    this.granted = new Set(perms);
  }
  static all(): PermissionSet {
    return new PermissionSet(ALL_PERMISSIONS);
  }
  static none(): PermissionSet {
    return new PermissionSet([]);
  }
  get isAdmin(): boolean {
    return this.granted.has('admin');
  }
  can(area: Area, access: Access): boolean {
    if (this.granted.has('admin') || this.granted.has(`${area}:edit`)) return true;
    return access === 'read' && this.granted.has(`${area}:read`);
  }
  /** The permissions both sets grant (used for application scopes ∩ agent permissions). */
  intersect(other: PermissionSet): PermissionSet {
    const out: Permission[] = [];
    for (const p of ALL_PERMISSIONS) {
      if (p === 'admin') {
        if (this.isAdmin && other.isAdmin) out.push(p);
        continue;
      }
      const [area, access] = p.split(':') as [Area, Access];
      if (this.grantsExactly(area, access) && other.grantsExactly(area, access)) out.push(p);
    }
    return new PermissionSet(out);
  }
  private grantsExactly(area: Area, access: Access): boolean {
    return this.can(area, access);
  }
  toArray(): Permission[] {
    return [...this.granted];
  }
}
