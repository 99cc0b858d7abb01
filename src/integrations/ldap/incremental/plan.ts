// Decides, per run, whether a change-only read is safe or a full read is needed, and says why (the reason
// lands on the run record). Pure: the facts about each domain are read by the caller.
import type { LdapCursor } from './cursor.js';

export interface DomainFacts {
  id: string;
  vendor: 'ad' | 'openldap' | 'other';
  dsServiceName?: string | undefined;
  invocationId?: string | undefined;
  host: string;
}

export interface PlanInput {
  cursor: LdapCursor | undefined;
  incrementalEnabled: boolean;
  fullReconcileHours: number;
  mappingsHash: string;
  /** The membership stamps of this read's group mappings, by normalised group DN (none: no group mappings). */
  groups?: Record<string, string> | undefined;
  domains: DomainFacts[];
  now: Date;
}

export type Plan = { mode: 'full' | 'incremental'; reason: string };

export function planRead(p: PlanInput): Plan {
  const full = (reason: string): Plan => ({ mode: 'full', reason });
  const c = p.cursor;
  if (!p.incrementalEnabled) return full('incremental sync is turned off for this instance');
  if (!c || c.lastFullAt === null) return full('no watermark yet: first read');
  if (c.inProgress) return full('the previous read did not finish: reading everything again');
  if (c.mappingsHash !== p.mappingsHash)
    return full(
      'the mappings or the directory scope (base DNs, filters, attributes) changed since the last full read',
    );
  const groups = Object.entries(p.groups ?? {});
  if (groups.length > 0 && !c.groups) return full('the group mappings have no membership watermark yet');
  for (const [dn, stamp] of groups)
    if (c.groups?.[dn] !== stamp) return full(`the members of group ${dn} changed since the last read`);
  const ageHours = (p.now.getTime() - new Date(c.lastFullAt).getTime()) / 3_600_000;
  if (!(ageHours < p.fullReconcileHours))
    return full(
      `scheduled full reconcile (last full read ${Math.floor(ageHours)} h ago, every ${p.fullReconcileHours} h)`,
    );
  const reasons: string[] = [];
  for (const d of p.domains) {
    const w = c.domains[d.id];
    if (!w) return full(`domain ${d.id} has no watermark yet`);
    if (w.vendor !== d.vendor) return full(`domain ${d.id} is now ${d.vendor}, was ${w.vendor}`);
    if (d.vendor === 'ad') {
      if (!w.usn || !w.dsServiceName || !w.invocationId)
        return full(`domain ${d.id} has no USN watermark yet`);
      if (w.dsServiceName.toLowerCase() !== (d.dsServiceName ?? '').toLowerCase())
        return full(`domain ${d.id}: a different domain controller answered (${d.host}); USNs are per DC`);
      if (w.invocationId !== d.invocationId)
        return full(`domain ${d.id}: the DC's invocationID changed (restored from backup?)`);
      reasons.push(`${d.id}: uSNChanged > ${w.usn} on the same DC`);
    } else if (d.vendor === 'openldap') {
      if (!w.modifyTimestamp) return full(`domain ${d.id} has no modifyTimestamp watermark yet`);
      reasons.push(`${d.id}: modifyTimestamp >= ${w.modifyTimestamp} minus the overlap`);
    } else {
      return full(`domain ${d.id}: this server offers no change watermark`);
    }
  }
  return { mode: 'incremental', reason: `changes only (${reasons.join('; ')})` };
}
