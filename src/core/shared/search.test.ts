import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachDialect } from '../../db/testing.js';
import { containsAny, containsPattern, escapeLike } from './search.js';

describe('escapeLike', () => {
  it('escapes the LIKE wildcards and the escape character itself', () => {
    expect(escapeLike('50%_off\\now')).toBe('50\\%\\_off\\\\now');
    expect(escapeLike('plain')).toBe('plain');
    expect(containsPattern('a%')).toBe('%a\\%%');
  });
});

describeEachDialect('containsAny', (get) => {
  const names = [
    '100% Managed',
    '100 Percent',
    'snake_case Ltd',
    'snakeXcase Ltd',
    'Back\\slash',
    'Backslash',
    'ACME Corp',
    'acme corp',
  ];

  it('matches substrings case-insensitively with wildcards taken literally', async () => {
    const { db } = get();
    const now = new Date().toISOString();
    await db
      .insertInto('top_levels')
      .values(names.map((name) => ({ name, created_at: now, updated_at: now })))
      .execute();
    const find = async (term: string) =>
      (
        await db
          .selectFrom('top_levels as t')
          .select('t.name')
          .where(containsAny(db, ['t.name'], term))
          .orderBy('t.name')
          .execute()
      ).map((r) => r.name);

    expect(await find('%')).toEqual(['100% Managed']);
    expect(await find('_')).toEqual(['snake_case Ltd']);
    expect(await find('\\')).toEqual(['Back\\slash']);
    expect((await find('acme')).sort()).toEqual(['ACME Corp', 'acme corp']);
    expect(await find("'; drop table top_levels; --")).toEqual([]);
    const count = await db
      .selectFrom('top_levels')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(names.length);
  });

  it('ORs several columns', async () => {
    const { db } = get();
    const rows = await db
      .selectFrom('top_levels as t')
      .select('t.id')
      .where(containsAny(db, ['t.name', 't.created_at'], 'percent'))
      .execute();
    expect(rows).toHaveLength(1);
  });
});
