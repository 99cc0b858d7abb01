// Who a record is for: customer (Halo "client"), site and end user. The most specific one given decides
// the others: a user implies its site and customer, a site its customer. An explicit value that disagrees
// is a 400 naming the field. One indexed query, whatever combination is given. Used by tickets, assets
// and licences alike.
import type { Db, Tx } from '../../db/transaction.js';
import { invalidInput, isAppError } from '../errors.js';
import { prepared } from '../shared/prepared.js';

export interface PartyRefs {
  client_id?: number | null | undefined;
  site_id?: number | null | undefined;
  user_id?: number | null | undefined;
}

export interface Parties {
  customer_id: number | null;
  customer_name: string | null;
  site_id: number | null;
  site_name: string | null;
  user_id: number | null;
  user_name: string | null;
  user_email: string | null;
}

export const NO_PARTIES: Parties = {
  customer_id: null,
  customer_name: null,
  site_id: null,
  site_name: null,
  user_id: null,
  user_name: null,
  user_email: null,
};

const bad = (field: string, message: string) => invalidInput(`${field}: ${message}`, [{ field, message }]);

/** Positive ids only: null, 0 and negatives (Halo's -1) mean "none". */
const given = (v: number | null | undefined): v is number => typeof v === 'number' && v > 0;

// The three lookups, prepared once: they run on every ticket, asset and licence write.
const userParties = prepared(
  (db, [id]) =>
    db
      .selectFrom('end_users as u')
      .innerJoin('sites as s', 's.id', 'u.site_id')
      .innerJoin('customers as c', 'c.id', 's.customer_id')
      .select([
        'u.id as user_id',
        'u.name as user_name',
        'u.email as user_email',
        's.id as site_id',
        's.name as site_name',
        'c.id as customer_id',
        'c.name as customer_name',
      ])
      .where('u.id', '=', id as number),
  1,
);
const siteParties = prepared(
  (db, [id]) =>
    db
      .selectFrom('sites as s')
      .innerJoin('customers as c', 'c.id', 's.customer_id')
      .select(['s.id as site_id', 's.name as site_name', 'c.id as customer_id', 'c.name as customer_name'])
      .where('s.id', '=', id as number),
  1,
);
const customerById = prepared(
  (db, [id]) =>
    db
      .selectFrom('customers')
      .select(['id', 'name'])
      .where('id', '=', id as number),
  1,
);

export async function resolveParties(db: Db | Tx, refs: PartyRefs): Promise<Parties> {
  if (given(refs.user_id)) {
    const [u] = await userParties(db, [refs.user_id]);
    if (!u) throw bad('user_id', `no user with id ${refs.user_id}`);
    if (given(refs.site_id) && refs.site_id !== u.site_id)
      throw bad('site_id', `site ${refs.site_id} is not the site of user ${u.user_id} (${u.site_id})`);
    if (given(refs.client_id) && refs.client_id !== u.customer_id)
      throw bad(
        'client_id',
        `client ${refs.client_id} is not the client of user ${u.user_id} (${u.customer_id})`,
      );
    return u;
  }
  if (given(refs.site_id)) {
    const [s] = await siteParties(db, [refs.site_id]);
    if (!s) throw bad('site_id', `no site with id ${refs.site_id}`);
    if (given(refs.client_id) && refs.client_id !== s.customer_id)
      throw bad(
        'client_id',
        `client ${refs.client_id} is not the client of site ${s.site_id} (${s.customer_id})`,
      );
    return { ...s, user_id: null, user_name: null, user_email: null };
  }
  if (given(refs.client_id)) {
    const [c] = await customerById(db, [refs.client_id]);
    if (!c) throw bad('client_id', `no client with id ${refs.client_id}`);
    return { ...NO_PARTIES, customer_id: c.id, customer_name: c.name };
  }
  return NO_PARTIES;
}

export const isGivenId = given;

/** The parties a record already has (its stored customer, site and user ids). */
export interface StoredParties {
  customer_id: number | null;
  site_id: number | null;
  user_id: number | null;
}

/** New parties from the explicit refs plus the kept ones, dropping kept lower levels that no longer fit. */
export async function mergeParties(db: Db | Tx, existing: StoredParties, input: PartyRefs): Promise<Parties> {
  // A more specific level given explicitly decides the levels above it; kept values don't compete with it.
  const userGiven = isGivenId(input.user_id);
  const siteGiven = isGivenId(input.site_id);
  const candidate: PartyRefs = {
    user_id: input.user_id !== undefined ? input.user_id : existing.user_id,
    site_id: input.site_id !== undefined ? input.site_id : userGiven ? undefined : existing.site_id,
    client_id:
      input.client_id !== undefined
        ? input.client_id
        : userGiven || siteGiven
          ? undefined
          : existing.customer_id,
  };
  for (;;) {
    try {
      return await resolveParties(db, candidate);
    } catch (e) {
      if (!isAppError(e) || e.kind !== 'input') throw e;
      if (input.user_id === undefined && isGivenId(candidate.user_id)) candidate.user_id = null;
      else if (input.site_id === undefined && isGivenId(candidate.site_id)) candidate.site_id = null;
      else throw e;
    }
  }
}
