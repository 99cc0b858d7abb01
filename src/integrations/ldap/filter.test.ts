import { describe, expect, it } from 'vitest';
import { BerWriter } from 'ldapts';
import {
  and,
  eq,
  escapeFilterValue,
  filterText,
  ge,
  memberOfInChain,
  not,
  or,
  parseAdminFilter,
  present,
} from './filter.js';
import { INJECTIONS } from './testing.js';

describe('escaping filter builder (RFC 4515)', () => {
  it('escapes * ( ) \\ NUL as \\XX and nothing else', () => {
    expect(escapeFilterValue('*)(uid=*')).toBe('\\2a\\29\\28uid=\\2a');
    expect(escapeFilterValue('a\\b\u0000c')).toBe('a\\5cb\\00c');
    expect(escapeFilterValue('Ünïcode & | ! =')).toBe('Ünïcode & | ! =');
  });

  it('every injection string stays one equality assertion whose text has no unescaped specials', () => {
    for (const s of INJECTIONS) {
      const f = eq('uid', s);
      const t = filterText(f);
      expect(t.startsWith('(uid=') && t.endsWith(')')).toBe(true);
      const inner = t.slice('(uid='.length, -1);
      expect(inner, s).not.toMatch(/[()*]/);
      expect(inner.includes(String.fromCharCode(0))).toBe(false);
      expect(inner.replace(/\\[0-9a-f]{2}/gi, '')).not.toContain('\\');
      // Round trip: the text parses back to the same single equality filter with the literal value.
      const back = parseAdminFilter(t, 'x') as unknown as { attribute: string; value: string };
      expect(back.attribute).toBe('uid');
      expect(String(back.value)).toBe(s);
    }
  });

  it("AD's in-chain memberOf: the group DN travels as the assertion value, and its text form is escaped", () => {
    const dn = 'CN=Help (desk)*,OU=IT\\2C Staff,DC=example,DC=test';
    const f = memberOfInChain(dn);
    expect(filterText(f)).toBe(
      '(memberOf:1.2.840.113556.1.4.1941:=CN=Help \\28desk\\29\\2a,OU=IT\\5c2C Staff,DC=example,DC=test)',
    );
    const ber = new BerWriter();
    f.write(ber);
    // MatchingRuleAssertion [9]: matchingRule [1], type [2], matchValue [3] holding the DN byte for byte.
    expect(ber.buffer[0]).toBe(0xa9);
    expect(ber.buffer.includes(Buffer.from(`\x83${String.fromCharCode(dn.length)}${dn}`, 'latin1'))).toBe(
      true,
    );
  });

  it('composes structurally: the admin filter is a parsed subtree, never spliced text', () => {
    const admin = parseAdminFilter('(|(department=Sales)(department=Support))', 'userFilter');
    const f = and(
      present('objectClass'),
      admin,
      not(eq('cn', 'x)(y')),
      ge('uSNChanged', '42'),
      or(eq('a', '1'), eq('b', '2')),
    );
    expect(filterText(f)).toBe(
      '(&(objectClass=*)(|(department=Sales)(department=Support))(!(cn=x\\29\\28y))(uSNChanged>=42)(|(a=1)(b=2)))',
    );
  });

  it('rejects malformed admin filters with a config error naming the field', () => {
    for (const bad of [
      'department=Sales',
      '(department=Sales',
      '(a=1))(b=2',
      '(a=1)(b=2)',
      '',
      '((a=1)',
      '(&(a=1)',
      `(${'a'.repeat(5000)}=1)`,
    ]) {
      expect(() => parseAdminFilter(bad, 'mappings.0.filter'), bad).toThrow(
        expect.objectContaining({
          code: 'LDAP_BAD_FILTER',
          kind: 'config',
          details: [expect.objectContaining({ field: 'mappings.0.filter' })],
        }),
      );
    }
  });

  it('refuses attribute names that are not names or OIDs', () => {
    expect(() => eq('uid)(x', 'a')).toThrow(expect.objectContaining({ code: 'LDAP_BAD_ATTRIBUTE' }));
    expect(() => present('')).toThrow();
    expect(filterText(eq('1.2.840.113556.1.4.8', 'x'))).toBe('(1.2.840.113556.1.4.8=x)');
  });
});
