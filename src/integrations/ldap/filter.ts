// The only way LDAP filters are made here: values are escaped per RFC 4515 and filters are composed as
// ldapts Filter objects (values travel as BER octet strings, never spliced into text). The admin's extra
// filter is parsed and validated, then combined structurally with ours.
import {
  AndFilter,
  EqualityFilter,
  ExtensibleFilter,
  FilterParser,
  GreaterThanEqualsFilter,
  LessThanEqualsFilter,
  NotFilter,
  OrFilter,
  PresenceFilter,
  type Filter,
} from 'ldapts';
import { AppError } from '../../core/errors.js';

export type { Filter } from 'ldapts';

/** An attribute description: a name or an OID, with options (`;binary`, `;lang-de`). */
const ATTRIBUTE = /^(?:[A-Za-z][A-Za-z0-9-]{0,127}|\d+(?:\.\d+)+)(?:;[A-Za-z0-9-]+)*$/;

/** Escapes a value for the text form of a filter (RFC 4515 §3): `* ( ) \ NUL` as `\XX`. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[*()\\\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function attribute(name: string): string {
  if (!ATTRIBUTE.test(name))
    throw new AppError('LDAP_BAD_ATTRIBUTE', 'config', `"${name}" is not a valid LDAP attribute name`, {
      details: [{ field: 'attribute', message: 'must be an attribute name or OID' }],
    });
  return name;
}

export const eq = (attr: string, value: string): Filter =>
  new EqualityFilter({ attribute: attribute(attr), value });
export const ge = (attr: string, value: string): Filter =>
  new GreaterThanEqualsFilter({ attribute: attribute(attr), value });
export const le = (attr: string, value: string): Filter =>
  new LessThanEqualsFilter({ attribute: attribute(attr), value });
export const present = (attr: string): Filter => new PresenceFilter({ attribute: attribute(attr) });
export const not = (f: Filter): Filter => new NotFilter({ filter: f });

/** Active Directory's LDAP_MATCHING_RULE_IN_CHAIN: follows group nesting to any depth. */
const IN_CHAIN = '1.2.840.113556.1.4.1941';

/** AD: members of the group `dn`, directly or through nested groups (`(memberOf:1.2.840.113556.1.4.1941:=dn)`). */
export const memberOfInChain = (dn: string): Filter =>
  new ExtensibleFilter({ matchType: 'memberOf', rule: IN_CHAIN, value: dn });

export function and(...filters: (Filter | undefined)[]): Filter {
  const fs = filters.filter((f): f is Filter => f !== undefined);
  if (fs.length === 0) return present('objectClass');
  return fs.length === 1 ? (fs[0] as Filter) : new AndFilter({ filters: fs });
}

export function or(...filters: Filter[]): Filter {
  return filters.length === 1 ? (filters[0] as Filter) : new OrFilter({ filters });
}

/**
 * Parses an admin-written filter (config or a mapping's extra filter). It must be one parenthesised filter
 * that ldapts parses completely; anything else is a config error naming `field`.
 */
export function parseAdminFilter(text: string, field: string): Filter {
  const t = text.trim();
  const fail = (why: string) =>
    new AppError('LDAP_BAD_FILTER', 'config', `${field} is not a valid LDAP filter: ${why}`, {
      details: [{ field, message: why }],
    });
  if (t.length === 0 || t.length > 4096) throw fail('must be 1 to 4096 characters');
  if (!t.startsWith('(') || !t.endsWith(')'))
    throw fail('must be wrapped in parentheses, e.g. (department=Sales)');
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '(') depth++;
    if (c === ')' && --depth === 0 && i !== t.length - 1)
      throw fail('has text after the closing parenthesis');
    if (depth < 0) throw fail('has unbalanced parentheses');
  }
  if (depth !== 0) throw fail('has unbalanced parentheses');
  try {
    return FilterParser.parseString(t);
  } catch (e) {
    throw fail(e instanceof Error ? e.message : 'cannot be parsed');
  }
}

/** The filter's text (RFC 4515), for logs and run records. */
export const filterText = (f: Filter): string => f.toString();
