import { describe, expect, it } from 'vitest';
import type { Entry } from '../client.js';
import { listedMembers, memberSet, membershipStamp, withNestedMembers } from './group-members.js';

const group = (o: Record<string, string | string[]>): Entry => ({ dn: 'cn=g,dc=example,dc=test', ...o });

describe('group members listed by the group entry', () => {
  it('reads member and uniqueMember, drops the optional UID of a uniqueMember and lists each person once', () => {
    const m = listedMembers(
      group({
        member: ['uid=a,ou=P,dc=example,dc=test', 'UID=A, OU=P,DC=example,DC=test'],
        uniqueMember: ["uid=b,ou=P,dc=example,dc=test#'0101'B", 'uid=c,ou=P,dc=example,dc=test'],
      }),
    );
    expect(m.dns).toEqual([
      'uid=a,ou=P,dc=example,dc=test',
      'uid=b,ou=P,dc=example,dc=test',
      'uid=c,ou=P,dc=example,dc=test',
    ]);
    expect([...m.keys]).toEqual([
      'uid=a,ou=p,dc=example,dc=test',
      'uid=b,ou=p,dc=example,dc=test',
      'uid=c,ou=p,dc=example,dc=test',
    ]);
    // groupOfNames requires a member; an emptied group often keeps a blank one.
    expect(listedMembers(group({ member: '' })).dns).toEqual([]);
  });

  it('stamps the membership: the same members in any order or spelling give the same stamp, a change another', () => {
    const stamp = (dns: string[]) => membershipStamp(memberSet(dns));
    const ab = stamp(['uid=a,dc=example,dc=test', 'uid=b,dc=example,dc=test']);
    expect(stamp(['UID=b,DC=example,DC=test', 'uid=a, dc=example,dc=test'])).toBe(ab);
    expect(stamp(['uid=a,dc=example,dc=test'])).not.toBe(ab);
    expect(stamp(['uid=a,dc=example,dc=test', 'uid=c,dc=example,dc=test'])).not.toBe(ab);
    expect(stamp([])).toBe(stamp(['']));
  });

  it('away from AD, a listed group stands for its members, to any depth; cycles and repeats are followed once', async () => {
    const g = (...dns: string[]) => memberSet(dns);
    const groups = new Map([
      ['cn=tier1,dc=t', g('uid=b,dc=t', 'CN=Tier2,DC=t')],
      ['cn=tier2,dc=t', g('uid=c,dc=t', 'cn=tier1,dc=t', 'uid=b,dc=t')],
      ['cn=empty,dc=t', g()],
      ['cn=unreached,dc=t', g('uid=z,dc=t')],
    ]);
    const read: string[] = [];
    const lookup = async (dn: string) => {
      read.push(dn.toLowerCase());
      return groups.get(dn.toLowerCase());
    };
    const m = await withNestedMembers(
      g('uid=a,dc=t', 'cn=Tier1,dc=t', 'cn=tier2,dc=t', 'cn=empty,dc=t'),
      lookup,
    );
    expect([...m.keys].sort()).toEqual(['uid=a,dc=t', 'uid=b,dc=t', 'uid=c,dc=t']);
    // Each group reached is read once; a group nobody lists is never read.
    expect(read.filter((dn) => dn.startsWith('cn=')).sort()).toEqual([
      'cn=empty,dc=t',
      'cn=tier1,dc=t',
      'cn=tier2,dc=t',
    ]);
    expect((await withNestedMembers(g('uid=a,dc=t'), async () => undefined)).dns).toEqual(['uid=a,dc=t']);
  });
});
