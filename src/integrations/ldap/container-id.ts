// What a mapping's LDAP-side values say of themselves, checked when the mapping is saved.
//
// A mapping's container id is a DN. Added by hand (`tributary mappings add --external-id <dn>`), it has no
// discovered name or kind, so both are read off the DN itself: the name a person would call it (its RDN value)
// and the kind its naming attribute implies. No lookup: whether the DN exists is checked by every sync, which
// fails rather than read nothing.
import { AppError, invalidInput } from '../../core/errors.js';
import type { ExternalContainer } from '../framework/contract.js';
import { parseAdminFilter } from './filter.js';
import { normaliseDn, rdnValue, splitDn } from './vendor.js';

/** An RDN's attribute type (RFC 4512 descr or numeric OID), before its "=" and value. */
const RDN_TYPE = /^\s*([A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)\s*=/;

export function describeLdapContainerId(externalId: string): Pick<ExternalContainer, 'name' | 'kind'> {
  const types = splitDn(externalId).map((rdn) => RDN_TYPE.exec(rdn)?.[1]);
  const type = types[0];
  if (type === undefined || types.includes(undefined))
    throw invalidInput(`"${externalId}" is not a distinguished name (e.g. OU=Sales,DC=corp,DC=example)`, [
      { field: 'externalId', message: 'is not a DN' },
    ]);
  switch (type.toLowerCase()) {
    case 'ou':
      return { name: rdnValue(externalId), kind: 'ou' };
    // A naming context (DC=corp,DC=example) is a domain; discover names it by its DN too.
    case 'dc':
      return { name: normaliseDn(externalId), kind: 'domain' };
    // Mapping targets named by CN are groups in practice (AD's CN=Users container is found by discover,
    // which labels it itself); the sync classifies every mapped DN by its objectClass regardless.
    case 'cn':
      return { name: rdnValue(externalId), kind: 'group' };
    default:
      return { name: rdnValue(externalId), kind: 'ou' };
  }
}

/** A mapping's filter must parse as the sync will parse it (filter.ts parseAdminFilter); else `input`, field `filter`. */
export function checkLdapMappingFilter(filter: string): void {
  try {
    parseAdminFilter(filter, 'filter');
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    throw invalidInput(e.message, e.details);
  }
}
