// Who is in a group mapped to users or agents, and a stamp that changes when that does.
//
// Active Directory keeps memberOf on every member (a back link the DC maintains), so a person's own entry says
// which groups hold them. OpenLDAP has memberOf only where the memberOf overlay is loaded, and other servers may
// have nothing like it; the group entry's own list (groupOfNames' member, groupOfUniqueNames' uniqueMember) is
// the one source every server has. So away from AD the members are read from the group itself.
//
// Joining or leaving a group changes the group entry, not the person's: a changes-only read of people never
// sees it. The stamp (AD: the group's uSNChanged; elsewhere a digest of its member list) is kept in the cursor,
// and a read whose groups' stamps moved is a full one (incremental/plan.ts).
import crypto from 'node:crypto';
import type { Entry } from '../client.js';
import { attr } from '../mappers.js';
import { normaliseDn, values, type Vendor } from '../vendor.js';

/** The attributes a group mapping's entry is read with, beside objectClass. */
export function groupAttributes(vendor: Vendor): string[] {
  return vendor === 'ad' ? ['uSNChanged'] : ['member', 'uniqueMember'];
}

/** A DN as memberships compare it (normalised, lower-cased). */
export const memberKey = (dn: string): string => normaliseDn(dn).trim().toLowerCase();

export interface GroupMembers {
  /** The member DNs as the group lists them, each once. */
  dns: string[];
  /** The same, as memberKey. */
  keys: Set<string>;
}

/**
 * The members a group entry lists (member and uniqueMember). A uniqueMember value may carry an optional unique
 * identifier after the DN (`dn#'0101'B`, RFC 4517 Name and Optional UID), which is not part of the DN.
 */
export function listedMembers(group: Entry): GroupMembers {
  const dns: string[] = [];
  const keys = new Set<string>();
  const listed = [
    ...values(attr(group, 'member')),
    ...values(attr(group, 'uniqueMember')).map((v) => v.replace(/#'[01]*'B$/, '')),
  ];
  for (const dn of listed) {
    if (!dn.trim()) continue;
    const key = memberKey(dn);
    if (keys.has(key)) continue;
    keys.add(key);
    dns.push(dn);
  }
  return { dns, keys };
}

/** What changes when the group's membership does: AD's uSNChanged of the group, else a digest of its members. */
export function membershipStamp(vendor: Vendor, group: Entry, members: GroupMembers | undefined): string {
  if (vendor === 'ad') return `usn:${values(attr(group, 'uSNChanged'))[0] ?? ''}`;
  const sorted = [...(members?.keys ?? [])].sort();
  const digest = crypto.createHash('sha256').update(JSON.stringify(sorted)).digest('base64url').slice(0, 22);
  return `members:${sorted.length}:${digest}`;
}
