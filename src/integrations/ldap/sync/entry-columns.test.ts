// The read worker's fast path (entry bytes → wire columns) must give the main thread exactly the people the
// general path gives (decodeEntry → entryToPerson → encodePage), field by field and key by key, and move the
// OpenLDAP watermark the same way. It may decline an entry (the general path then takes it), but the common
// shapes, non-ASCII names included, must not be declined, or the fast path would be fast in name only.
import { describe, expect, it } from 'vitest';
import type { ExternalPerson } from '../../framework/contract.js';
import type { DomainWatermark } from '../incremental/cursor.js';
import { entryMessage, type AttributeValues } from '../lean/ber.test-support.js';
import { decodeEntry, decodeMessage } from '../lean/decode.js';
import { attributeMap, attributesToRead, entryToPerson, type PersonContext } from '../mappers.js';
import { BINARY_ATTRIBUTES, normaliseDn, parentDn, type Vendor } from '../vendor.js';
import { laterStamp } from './people.js';
import { decodePage, encodePage } from './wire.js';
import { WireEmitter } from './wire-emit.js';

type Raw = [dn: string, attributes: [string, AttributeValues][]];

const SALES = 'ou=Sales,dc=example,dc=test';
const OTHER = 'ou=Elsewhere,dc=example,dc=test';

function context(vendor: Vendor, extra: Partial<PersonContext> = {}): PersonContext {
  return {
    domainId: 'corp',
    vendor,
    anchor: vendor === 'ad' ? 'objectGUID' : 'entryUUID',
    map: attributeMap(vendor, 'users', { userAttributes: {}, agentAttributes: {} }),
    matchExisting: { attribute: 'mail', field: 'email' },
    onboarding: undefined,
    ...extra,
  };
}

/** People of a mapped OU are emitted in it; the rest are not this search's. */
const containerOf = (dn: string) =>
  normaliseDn(parentDn(dn)).toLowerCase() === SALES.toLowerCase() ? SALES : undefined;

/** Both paths over the same messages: the people the main thread would get, and the watermarks. */
function bothPaths(p: PersonContext, raws: Raw[], start?: string) {
  const messages = raws.map(([dn, attributes], i) => entryMessage(i + 1, dn, attributes));
  const requested = attributesToRead(p);
  const generalMark: DomainWatermark = { vendor: p.vendor, modifyTimestamp: start };
  const general: ExternalPerson[] = [];
  for (const bytes of messages) {
    const e = decodeEntry(bytes, decodeMessage(bytes), requested, BINARY_ATTRIBUTES);
    const container = containerOf(e.dn);
    if (container === undefined) continue;
    general.push(entryToPerson(e, p, undefined, container));
    if (p.vendor === 'openldap') generalMark.modifyTimestamp = laterStamp(generalMark.modifyTimestamp, e);
  }
  const fastMark: DomainWatermark = { vendor: p.vendor, modifyTimestamp: start };
  const emitter = WireEmitter.for({
    person: p,
    requested,
    watermark: p.vendor === 'openldap' ? fastMark : undefined,
    containerOf,
    general: (e, container) => {
      const person = entryToPerson(e, p, undefined, container);
      if (p.vendor === 'openldap') fastMark.modifyTimestamp = laterStamp(fastMark.modifyTimestamp, e);
      return person;
    },
  });
  if (!emitter) throw new Error('the fast path does not apply');
  for (const bytes of messages) emitter.onEntry(bytes, decodeMessage(bytes));
  const page = emitter.take();
  const fast = decodePage(structuredClone(page));
  // The general path's own wire round trip gives the same records (the reference the worker used to post).
  expect(decodePage(structuredClone(encodePage(general)))).toEqual(general);
  return { general, fast, page, generalMark, fastMark };
}

function expectSame(p: PersonContext, raws: Raw[], start?: string) {
  const r = bothPaths(p, raws, start);
  expect(JSON.stringify(r.fast)).toBe(JSON.stringify(r.general)); // same keys in the same order
  expect(r.fast).toEqual(r.general);
  expect(r.fastMark).toEqual(r.generalMark);
  return r;
}

const uuid = (i: number) => `0f8e${String(i).padStart(4, '0')}-1c2d-4e5f-8a9b-0123456789ab`;

/** An OpenLDAP person as the bench and most directories hold one. */
function person(i: number, over: Record<string, AttributeValues | undefined> = {}): Raw {
  const attributes: Record<string, AttributeValues | undefined> = {
    entryUUID: [uuid(i)],
    cn: [`Person ${i}`],
    displayName: [`Person ${i}`],
    givenName: ['Person'],
    sn: [String(i)],
    mail: [`p${i}@example.test`],
    telephoneNumber: ['+44 20 7946 0000'],
    title: ['Engineer'],
    uid: [`p${i}`],
    manager: [`cn=Boss ${i},${SALES}`],
    modifyTimestamp: ['20260101120000Z'],
    ...over,
  };
  return [
    `cn=Person ${i},${SALES}`,
    Object.entries(attributes).filter((e): e is [string, AttributeValues] => e[1] !== undefined),
  ];
}

describe('LDAP read worker fast path (entry bytes → wire columns)', () => {
  it('writes plain and non-ASCII people as columns, exactly as the general path', () => {
    const raws: Raw[] = [
      ...Array.from({ length: 20 }, (_, i) => person(i)),
      person(20, { displayName: ['José Müller'], sn: ['Müller'], title: ['Ingénieur en chef'] }),
      person(21, { displayName: ['山田 太郎'], givenName: ['太郎'], sn: ['山田'] }),
      person(22, { title: ['Tab\tinside'], telephoneNumber: ['0'] }),
    ];
    const r = expectSame(context('openldap'), raws);
    expect(r.page.odd).toHaveLength(0);
    expect(r.fast).toHaveLength(raws.length);
    expect(typeof r.page.s).not.toBe('string');
  });

  it('trims, nulls blanks and absent attributes, reads the first of several values, any spelling of a type', () => {
    const r = expectSame(context('openldap'), [
      person(1, { displayName: ['  Padded Name  '], title: ['   '], mobile: undefined }),
      person(2, { mail: ['first@example.test', 'second@example.test'], telephoneNumber: [] }),
      person(3, {
        DISPLAYNAME: ['Upper Type'],
        displayName: undefined,
        Mail: ['m@example.test'],
        mail: undefined,
      }),
      person(4, { title: ['\u00a0non-breaking\u00a0'] }),
      person(5, { entryUUID: ['0F8E0005-1C2D-4E5F-8A9B-0123456789AB'] }),
      person(6, { manager: ['cn=Boss\\, Big,ou=Sales,dc=example,dc=test'] }),
      person(7, { manager: ['  '] }),
      person(8, { title: [' Leading'], telephoneNumber: ['Trailing\n'] }),
    ]);
    expect(r.page.odd).toHaveLength(0);
  });

  it('a configured text anchor is trimmed and lower-cased', () => {
    const p = { ...context('openldap'), anchor: 'employeeNumber' };
    const r = expectSame(p, [
      person(1, { employeeNumber: ['XYZ-0001'] }),
      person(2, { employeeNumber: ['  abc-0002 '] }),
    ]);
    expect(r.fast.map((x) => x.externalId)).toEqual(['corp:xyz-0001', 'corp:abc-0002']);
    expect(r.page.odd.map(([i]) => i)).toEqual([1]); // padded: left to the general path
  });

  it('leaves to the general path what it cannot be sure of, with the same result', () => {
    const r = expectSame(context('openldap'), [
      person(1, { title: [Buffer.from([0x41, 0xff, 0xfe, 0x42])] }), // not UTF-8
      person(2, { displayName: undefined, givenName: undefined, sn: undefined }), // named after cn
      person(3, { title: ['nul\u0000inside'] }),
      person(4, { title: ['\u0001'] }),
      person(5, { mail: ['a@example.test'], MAIL: ['b@example.test'] }), // two spellings
      person(6, { entryUUID: ['one', 'two'] }), // several anchor values
      person(7, { title: ['holds \ufffd itself'] }),
      person(8),
    ]);
    expect(r.page.odd.map(([i]) => i)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("skips people outside the search's containers and reads the disabled flag (ppolicy lock or end time)", () => {
    const [, attributes] = person(9);
    const r = expectSame(context('openldap'), [
      person(1, { pwdAccountLockedTime: ['20260101000000Z'] }),
      person(2, { pwdAccountLockedTime: [] }),
      [`cn=Person 9,${OTHER}`, attributes],
      person(3),
    ]);
    expect(r.fast.map((x) => x.disabled)).toEqual([true, false, false]);
    expect(r.page.odd).toHaveLength(0);

    // A password policy's end time at or before the read's clock disables the account too.
    const now = Date.UTC(2026, 10, 22, 9, 21, 27);
    const ended = expectSame(context('openldap', { expiryNow: now }), [
      person(1, { pwdEndTime: ['20261122082127Z'] }),
      person(2, { pwdEndTime: ['20261122092127Z'] }),
      person(3, { pwdEndTime: ['20261122102127Z'] }),
      person(4, { pwdEndTime: ['not a time'] }),
      person(5),
    ]);
    expect(ended.fast.map((x) => x.disabled)).toEqual([true, true, false, false, false]);

    // And so does a start time still ahead of it (pwdStartTime), until it arrives.
    const starting = expectSame(context('openldap', { expiryNow: now }), [
      person(1, { pwdStartTime: ['20261122082127Z'] }),
      person(2, { pwdStartTime: ['20261122092127Z'] }),
      person(3, { pwdStartTime: ['20261122102127Z'] }),
      person(4, { pwdStartTime: ['not a time'] }),
      person(5, { pwdStartTime: ['20261122102127Z'], pwdEndTime: ['20261122082127Z'] }),
    ]);
    expect(starting.fast.map((x) => x.disabled)).toEqual([false, false, true, false, true]);
  });

  it('moves the OpenLDAP watermark past the latest modifyTimestamp, as the general path does', () => {
    const stamps = ['20260101120000Z', '20260301120000.5Z', '20250101000000Z', '20260301120000Z'];
    const raws = stamps.map((t, i) => person(i, { modifyTimestamp: [t] }));
    expect(expectSame(context('openldap'), raws).fastMark.modifyTimestamp).toBe('20260301120000Z');
    expect(expectSame(context('openldap'), raws, '20270101000000Z').fastMark.modifyTimestamp).toBe(
      '20270101000000Z',
    );
  });

  it('Active Directory: objectGUID as a GUID, userAccountControl bit 0x2, accountExpires past the DC clock', () => {
    const guid = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    const ad = (i: number, over: Record<string, AttributeValues | undefined> = {}): Raw => {
      const [dn, attributes] = person(i, {
        entryUUID: undefined,
        uid: undefined,
        modifyTimestamp: undefined,
        objectGUID: [Buffer.concat([guid.subarray(0, 15), Buffer.from([i])])],
        userPrincipalName: [`p${i}@example.test`],
        userAccountControl: ['512'],
        ...over,
      });
      return [dn, attributes];
    };
    const r = expectSame(context('ad'), [
      ad(1),
      ad(2, { userAccountControl: ['514'] }),
      ad(3, { userAccountControl: [' 66050 '] }),
      ad(4, { userAccountControl: undefined }),
      ad(5, { objectGUID: [Buffer.from('0011223344556677', 'hex')] }), // not 16 bytes: hex, general path
    ]);
    expect(r.fast.map((x) => x.disabled)).toEqual([false, true, true, false, false]);
    expect(r.fast[0]?.externalId).toBe('corp:33221100-5544-7766-8899-aabbccddee01');
    expect(r.page.odd.map(([i]) => i)).toEqual([4]);

    // An accountExpires at or before the DC's clock disables the account; 0 and 2^63-1 mean never.
    const now = Date.UTC(2026, 10, 22, 9, 21, 27);
    const filetime = (ms: number) => String(BigInt(ms) * 10_000n + 116_444_736_000_000_000n);
    const expiring = expectSame(context('ad', { expiryNow: now }), [
      ad(1, { accountExpires: [filetime(now - 3_600_000)] }),
      ad(2, { accountExpires: [filetime(now)] }),
      ad(3, { accountExpires: [filetime(now + 3_600_000)] }),
      ad(4, { accountExpires: ['0'] }),
      ad(5, { accountExpires: ['9223372036854775807'] }),
      ad(6, { accountExpires: [filetime(now - 3_600_000)], userAccountControl: ['514'] }),
      ad(7, { accountExpires: undefined }),
    ]);
    expect(expiring.fast.map((x) => x.disabled)).toEqual([true, true, false, false, false, true, false]);
    // Without a clock nothing counts as expired.
    const unknown = expectSame(context('ad'), [ad(1, { accountExpires: [filetime(now - 3_600_000)] })]);
    expect(unknown.fast.map((x) => x.disabled)).toEqual([false]);
  });

  it('without a match field, with field overrides, and as agents', () => {
    const p = context('openldap', {
      matchExisting: null,
      map: attributeMap('openldap', 'agents', {
        userAttributes: {},
        agentAttributes: { phone: 'mobile', initials: 'uid' },
      }),
    });
    const r = expectSame(p, [person(1, { mobile: ['+44 7700 900000'] }), person(2)]);
    expect(r.page.odd).toHaveLength(0);
    expect(r.page.m).toBeNull();
  });

  it('each take() is one page: the next page starts empty, its objects indexed within it', () => {
    const p = context('openldap');
    const emitter = WireEmitter.for({
      person: p,
      requested: attributesToRead(p),
      watermark: undefined,
      containerOf,
      general: (e, container) => entryToPerson(e, p, undefined, container),
    });
    if (!emitter) throw new Error('the fast path does not apply');
    const feed = (raws: Raw[]) => {
      for (const [dn, attributes] of raws) {
        const bytes = entryMessage(1, dn, attributes);
        emitter.onEntry(bytes, decodeMessage(bytes));
      }
      return emitter.take();
    };
    const first = feed([person(1), person(2), person(3)]);
    const second = feed([
      person(4),
      person(5, { displayName: undefined, givenName: undefined, sn: undefined }),
    ]);
    const third = feed([]);
    expect(decodePage(first).map((x) => x.fields.login)).toEqual(['p1', 'p2', 'p3']);
    expect(decodePage(second).map((x) => x.fields.login)).toEqual(['p4', 'p5']);
    expect(second.odd.map(([i]) => i)).toEqual([1]);
    expect(decodePage(third)).toEqual([]);
  });

  it('fails the page as the general path fails the read: a person without an anchor value', () => {
    const p = context('openldap');
    expect(() => bothPaths(p, [person(1, { entryUUID: undefined })])).toThrow(/has no entryUUID/);
    expect(() => bothPaths(p, [person(1), person(2, { entryUUID: ['   '] })])).toThrow(/has no entryUUID/);
  });

  it('does not apply where people carry per-person ticket text (onboarding)', () => {
    const p = context('openldap', { onboarding: { summary: 'New starter: {name}' } });
    expect(
      WireEmitter.for({
        person: p,
        requested: [],
        watermark: undefined,
        containerOf,
        general: () => ({}) as never,
      }),
    ).toBeUndefined();
  });
});
