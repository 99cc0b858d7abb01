// normaliseDn/parentDn skip parsing for DNs that normalise to themselves (most of what servers return). The
// shortcut must never change a result: compare with the full RFC 4514 parse on hand-picked and random DNs.
import { describe, expect, it } from 'vitest';
import { normaliseDn, parentDn, splitDn } from './vendor.js';

// The full parse, as normaliseDn/parentDn did it for every DN before the shortcut.
const reference = {
  normaliseDn: (dn: string) =>
    splitDn(dn)
      .map((rdn) => rdn.replace(/^\s*([^=]+?)\s*=\s*/, '$1='))
      .join(','),
  parentDn: (dn: string) => splitDn(dn).slice(1).join(','),
};

const samples = [
  '',
  ',',
  ',a',
  'a,,b',
  'uid=u0000001,ou=OU 17,dc=example,dc=test',
  'CN=Smith\\, John , OU=Sales ,DC=example, DC=test',
  'cn = x,ou=y',
  ' cn=x,ou=y ',
  'cn=x,ou=y,',
  'cn=a+sn=b,ou=People',
  'cn=tab\there,ou=x',
  'cn=x,\tou=y',
  'cn=x\u00a0,ou=y',
  'cn=a\\2Cb,ou=y',
  'cn="quoted, value",ou=y',
  'ou=a =b,dc=x',
  'o u=x,dc=y',
];

describe('DN fast path', () => {
  it('gives the full parse result on hand-picked DNs', () => {
    for (const dn of samples) {
      expect(normaliseDn(dn), dn).toBe(reference.normaliseDn(dn));
      expect(parentDn(dn), dn).toBe(reference.parentDn(dn));
    }
  });

  it('gives the full parse result on 20,000 random DNs', () => {
    const alphabet = ['a', 'B', '=', ',', ' ', '\\', '+', '"', '\t', '\u00a0', '\u3000', 'ü', '#'];
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) as number;
    for (let n = 0; n < 20_000; n++) {
      let dn = '';
      const len = Math.floor(rnd() * 14);
      for (let i = 0; i < len; i++) dn += alphabet[Math.floor(rnd() * alphabet.length)];
      expect(normaliseDn(dn), JSON.stringify(dn)).toBe(reference.normaliseDn(dn));
      expect(parentDn(dn), JSON.stringify(dn)).toBe(reference.parentDn(dn));
    }
  });
});
