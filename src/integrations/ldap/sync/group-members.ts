// Who is in a group mapped to users or agents, read once per run, and a stamp that changes when that does.
//
// Active Directory answers "who is in this group, through nested groups too" with one search
// (LDAP_MATCHING_RULE_IN_CHAIN on memberOf). OpenLDAP has memberOf only where the memberOf overlay is loaded,
// and other servers may have nothing like it, so away from AD the groups' own lists are read (groupOfNames'
// member, groupOfUniqueNames' uniqueMember), and a listed group stands for its members, to any depth.
//
// A changes-only read asks this set whether a changed person is in the group, instead of the person's own
// memberOf values (direct groups only, and absent without the overlay). Joining or leaving a group changes
// the group, not the person, so such a read never sees it happen: the set's stamp is kept in the cursor, and
// a read whose groups' stamps moved is a full one (incremental/plan.ts).
import type { Entry } from '../client.js';
import { fingerprint } from '../incremental/cursor.js';
import { attr } from '../mappers.js';
import { dnKey, values, type Vendor } from '../vendor.js';

/** The attributes a group mapping's entry is read with, beside objectClass. */
export function groupAttributes(vendor: Vendor): string[] {
  return vendor === 'ad' ? [] : ['member', 'uniqueMember'];
}

export interface GroupMembers {
  /** The member DNs, each once. */
  dns: string[];
  /** The same, as dnKey. */
  keys: Set<string>;
}

/** The members named by `dns`, each once (blank values dropped). */
export function memberSet(dns: Iterable<string>): GroupMembers {
  const out: GroupMembers = { dns: [], keys: new Set() };
  for (const dn of dns) {
    if (!dn.trim()) continue;
    const key = dnKey(dn);
    if (out.keys.has(key)) continue;
    out.keys.add(key);
    out.dns.push(dn);
  }
  return out;
}

/**
 * The members a group entry lists (member and uniqueMember). A uniqueMember value may carry an optional unique
 * identifier after the DN (`dn#'0101'B`, RFC 4517 Name and Optional UID), which is not part of the DN.
 */
export function listedMembers(group: Entry): GroupMembers {
  return memberSet([
    ...values(attr(group, 'member')),
    ...values(attr(group, 'uniqueMember')).map((v) => v.replace(/#'[01]*'B$/, '')),
  ]);
}

/** A digest of the membership: the same people in any order or DN spelling give the same stamp. */
export function membershipStamp(members: GroupMembers): string {
  const sorted = [...members.keys].sort();
  return `${sorted.length}:${fingerprint(sorted)}`;
}

/**
 * Away from AD: `direct` with every listed group replaced by its members, to any depth (a group listed twice
 * or in a cycle is followed once). `groupMembers` answers for a DN that is a group (else undefined), so only
 * the groups actually reached are read.
 */
export async function withNestedMembers(
  direct: GroupMembers,
  groupMembers: (dn: string) => Promise<GroupMembers | undefined>,
): Promise<GroupMembers> {
  const people: string[] = [];
  const followed = new Set<string>();
  const pending = [...direct.dns];
  for (let dn = pending.pop(); dn !== undefined; dn = pending.pop()) {
    const key = dnKey(dn);
    if (followed.has(key)) continue;
    const nested = await groupMembers(dn);
    if (!nested) people.push(dn);
    else {
      followed.add(key);
      pending.push(...nested.dns);
    }
  }
  return memberSet(people.reverse());
}
