// The page wire shape between the read worker and the main thread: whatever the records look like, the main
// thread gets back exactly what the worker encoded (same values, same keys in the same order).
import { describe, expect, it } from 'vitest';
import type { ExternalPerson } from '../framework/contract.js';
import { decodePage, encodePage } from './sync/wire.js';

const fields = (i: number): Record<string, string | null> => ({
  name: `Person ${i}`,
  email: i % 3 ? `p${i}@example.test` : null,
  title: null,
});
const plain = (i: number): ExternalPerson => ({
  externalId: `corp:${i}`,
  containerId: 'ou=Sales,dc=example,dc=test',
  disabled: i % 2 === 0,
  fields: fields(i),
});
const roundTrip = (records: ExternalPerson[]) => {
  const back = decodePage(structuredClone(encodePage(records)));
  expect(JSON.stringify(back)).toBe(JSON.stringify(records)); // key order too
  expect(back).toEqual(records);
  return back;
};

describe('LDAP read worker page wire shape', () => {
  it('plain people travel as one joined string, none as objects', () => {
    const records = Array.from({ length: 50 }, (_, i) => plain(i));
    expect(encodePage(records).odd).toHaveLength(0);
    expect(typeof encodePage(records).s).toBe('string');
    roundTrip(records);
    roundTrip([]);
  });

  it('match and onboarding tickets (with and without details and ids) round-trip', () => {
    const withMatch = (i: number): ExternalPerson => ({
      ...plain(i),
      ...(i % 2 ? { match: { field: 'email' as const, value: `p${i}@example.test` } } : {}),
      ...(i % 3
        ? {
            onboardingTicket: {
              summary: `New ${i}`,
              details: i % 5 ? `d ${i}` : '',
              ticketTypeId: 3,
              teamId: 4,
            },
          }
        : {}),
    });
    const records = Array.from({ length: 30 }, (_, i) => withMatch(i));
    expect(encodePage(records).odd).toHaveLength(0);
    roundTrip(records);
    roundTrip(
      Array.from({ length: 5 }, (_, i) => ({ ...plain(i), onboardingTicket: { summary: `only ${i}` } })),
    );
  });

  it('records that do not fit the common shape travel as objects, in place', () => {
    const records: ExternalPerson[] = [
      plain(0),
      { ...plain(1), fields: { email: 'x@example.test', name: 'other order' } },
      { ...plain(2), memberOf: ['cn=g,dc=example,dc=test'] },
      { ...plain(3), fields: { ...fields(3), name: 'holds \u0000 the separator' } },
      { ...plain(4), fields: { ...fields(4), name: '\u0001' } },
      { ...plain(5), match: { field: 'login', value: 'other match field' } },
      { ...plain(6), match: { field: 'email', value: 'e' } },
      { ...plain(7), onboardingTicket: { summary: 's', priorityId: 9 } },
      { ...plain(8), onboardingTicket: { summary: 's' } },
      { containerId: 'key order differs', externalId: 'corp:9', disabled: false, fields: fields(9) },
      { ...plain(10), match: undefined } as unknown as ExternalPerson,
      plain(11),
      { ...plain(12), match: { value: 'keys in the other order', field: 'login' } },
      {
        ...plain(13),
        match: { field: 'login', value: 'v', extra: 1 } as NonNullable<ExternalPerson['match']>,
      },
      // The separator in the last column: the record's columns already written must be taken back.
      { ...plain(14), match: { field: 'login', value: 'a\u0000b' } },
      { ...plain(15), match: { field: 'login', value: 'fits' } },
    ];
    const w = encodePage(records);
    // The page's match field and ticket shape come from the first record that has one (5 and 7).
    expect(w.odd.map(([i]) => i)).toEqual([1, 2, 3, 4, 6, 8, 9, 10, 12, 13, 14]);
    roundTrip(records);
  });
});
