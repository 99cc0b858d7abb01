// The lean decoder must build exactly the entries ldapts builds from the same bytes (the mappers were written
// against ldapts' entries), for every shape a directory can send.
import { BerReader, SearchEntry } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { doneMessage, entryMessage, referenceMessage, type AttributeValues } from './ber.test-support.js';
import {
  decodeEntry,
  decodeMessage,
  decodeReference,
  decodeResult,
  LdapProtocolError,
  messageLength,
  pagedCookie,
} from './decode.js';

/** What ldapts' own parser and toObject() make of the message. */
function viaLdapts(bytes: Buffer, requested: string[], binary: string[]) {
  const reader = new BerReader(bytes);
  reader.readSequence();
  const messageId = reader.readInt() ?? 0;
  reader.readSequence(0x64);
  const entry = new SearchEntry({ messageId });
  entry.parseMessage(reader);
  return entry.toObject(requested, binary);
}

function both(attributes: [string, AttributeValues][], requested: string[] = [], binary: string[] = []) {
  const bytes = entryMessage(7, 'CN=Ada Lovelace,OU=Sales,DC=example,DC=test', attributes);
  const m = decodeMessage(bytes);
  expect(m).toMatchObject({ id: 7, op: 0x64 });
  return { lean: decodeEntry(bytes, m, requested, binary), ldapts: viaLdapts(bytes, requested, binary) };
}

const guid = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
const notUtf8 = Buffer.from([0x41, 0xff, 0xfe, 0x42]);

describe('lean LDAP decoding', () => {
  it.each<[string, [string, AttributeValues][], string[], string[]]>([
    [
      'single values',
      [
        ['cn', ['Ada Lovelace']],
        ['mail', ['ada@example.test']],
      ],
      [],
      [],
    ],
    ['several values', [['memberOf', ['CN=A,DC=x', 'CN=B,DC=x', 'CN=C,DC=x']]], [], []],
    ['an empty value set', [['description', []]], [], []],
    ['an empty string value', [['title', ['']]], [], []],
    ['non-ASCII text', [['sn', ['Łukasiewicz – 日本 😀']]], [], []],
    ['a real U+FFFD in valid UTF-8', [['cn', ['a\ufffdb']]], [], []],
    [
      'an explicitly binary attribute',
      [
        ['objectGUID', [guid]],
        ['cn', ['x']],
      ],
      [],
      ['objectGUID'],
    ],
    ['a ;binary attribute type', [['userCertificate;binary', [guid, notUtf8]]], [], []],
    ['a value that is not UTF-8 (the whole attribute becomes Buffers)', [['x', ['ok', notUtf8]]], [], []],
    [
      'requested attributes the entry lacks ([]), matched without regard to case',
      [['CN', ['Ada']]],
      ['cn', 'mail', 'telephoneNumber'],
      [],
    ],
    ['a value longer than 127 bytes (long-form length)', [['notes', ['n'.repeat(300)]]], [], []],
    ['a value longer than 65,535 bytes', [['jpegPhoto', [Buffer.alloc(70_000, 7)]]], [], ['jpegPhoto']],
  ])('%s: the same entry as ldapts', (_name, attributes, requested, binary) => {
    const { lean, ldapts } = both(attributes, requested, binary);
    expect(lean).toEqual(ldapts);
    // Same value types too (toEqual does not tell a Buffer from a string array of its bytes).
    for (const [k, v] of Object.entries(ldapts))
      expect(Buffer.isBuffer(Array.isArray(v) ? v[0] : v), k).toBe(
        Buffer.isBuffer(Array.isArray(lean[k]) ? (lean[k] as unknown[])[0] : lean[k]),
      );
  });

  it('decodes entry after entry as ldapts does while it reuses the type names it has seen', () => {
    // Type names are remembered across entries (and slots): a later entry naming them in another order or
    // spelling, a name that only shares a prefix, and more names than are remembered must still decode exactly.
    const entries: [string, AttributeValues][][] = [
      [
        ['cn', ['Ada']],
        ['mail', ['ada@example.test']],
        ['title', ['Countess']],
      ],
      [
        ['mail', ['bob@example.test']],
        ['CN', ['Bob']],
        ['titles', ['x', 'y']],
      ],
      [
        ['title', ['']],
        ['cn', []],
      ],
      Array.from({ length: 300 }, (_, i): [string, AttributeValues] => [`attr${i}`, [`v${i}`]]),
      [
        ['attr299', ['again']],
        ['cn', ['Carol']],
      ],
    ];
    for (const attributes of entries) {
      const { lean, ldapts } = both(attributes, ['cn', 'mail', 'Title', 'mobile']);
      expect(lean).toEqual(ldapts);
    }
  });

  it('cuts a stream into messages: a message is only complete when all its bytes are there', () => {
    const a = entryMessage(2, 'CN=a', [['cn', ['a'.repeat(200)]]]);
    const b = doneMessage(2, 0, '', Buffer.from('cookie'));
    const stream = Buffer.concat([a, b]);
    expect(messageLength(stream, 0)).toBe(a.length);
    expect(messageLength(stream, a.length)).toBe(b.length);
    expect(messageLength(stream.subarray(0, 1), 0)).toBeUndefined();
    expect(messageLength(stream.subarray(0, 2), 0)).toBeUndefined(); // long form: the length octets are missing
    expect(() => messageLength(Buffer.from([0x04, 0x00]), 0)).toThrow(LdapProtocolError);
  });

  it('reads results, referrals and the paged-results cookie', () => {
    const done = doneMessage(9, 32, 'no such object', Buffer.from([1, 2, 3]));
    const m = decodeMessage(done);
    expect(decodeResult(done, m)).toEqual({
      status: 32,
      matchedDN: '',
      errorMessage: 'no such object',
      referrals: [],
    });
    expect([...pagedCookie(done, m)]).toEqual([1, 2, 3]);
    const last = doneMessage(9, 0, '', Buffer.alloc(0));
    expect(pagedCookie(last, decodeMessage(last)).length).toBe(0);
    const none = doneMessage(9);
    expect(pagedCookie(none, decodeMessage(none)).length).toBe(0);
    const ref = referenceMessage(9, ['ldap://dc2.example.test/OU=East,DC=example,DC=test', 'ldap://x/']);
    expect(decodeReference(ref, decodeMessage(ref))).toEqual([
      'ldap://dc2.example.test/OU=East,DC=example,DC=test',
      'ldap://x/',
    ]);
  });

  it('refuses malformed messages instead of guessing', () => {
    const good = entryMessage(3, 'CN=a', [['cn', ['a']]]);
    // The entry's attribute list claims more bytes than the message holds.
    const broken = Buffer.from(good);
    broken[broken.indexOf(0x30, 10)] = 0x04;
    expect(() => decodeEntry(broken, decodeMessage(broken), [], [])).toThrow(LdapProtocolError);
    expect(() => decodeMessage(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]))).toThrow(LdapProtocolError);
  });
});
