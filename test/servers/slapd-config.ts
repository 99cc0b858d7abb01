import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** Everything slapd.conf needs, resolved from the caller's options. */
export interface SlapdConfigInput {
  dir: string;
  baseDn: string;
  rootDn: string;
  rootPassword: string;
  serviceDn: string | undefined;
  sizeLimit: number | undefined;
  /** slapd size.prtotal: how many entries a paged search may return in total. */
  pagedTotal: 'unlimited' | 'hard' | 'disabled';
  tls: { caCertPath: string; certPath: string; keyPath: string } | undefined;
  allowBindAnonDn: boolean;
  anonymousRead: boolean;
  passwordPolicy: boolean;
  maxSizeBytes: number;
}

/** Escapes a value for a double-quoted slapd.conf argument. */
function q(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Renders a slapd.conf (the static format: one file, no cn=config tree to seed, and slapadd
 * reads it directly). Operational attributes (entryUUID, entryCSN, createTimestamp,
 * modifyTimestamp, creatorsName...) are maintained by slapd's core — `lastmod` is on by default —
 * and slapadd generates them too, so no overlay is needed for them. syncprov is loaded so the
 * suffix carries contextCSN (the server-side "highest change" watermark OpenLDAP offers).
 */
export function renderSlapdConf(c: SlapdConfigInput): string {
  const lines = [
    'include /etc/ldap/schema/core.schema',
    'include /etc/ldap/schema/cosine.schema',
    'include /etc/ldap/schema/nis.schema',
    'include /etc/ldap/schema/inetorgperson.schema',
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    'moduleload syncprov',
    ...(c.passwordPolicy ? ['moduleload ppolicy'] : []),
    `pidfile ${q(join(c.dir, 'slapd.pid'))}`,
    `argsfile ${q(join(c.dir, 'slapd.args'))}`,
  ];
  if (c.allowBindAnonDn) {
    // slapd.conf(5): "allows unauthenticated (anonymous) bind when DN is not empty" — i.e. a simple
    // bind with a DN and an EMPTY password succeeds as anonymous, as AD does.
    lines.push('allow bind_anon_dn');
  }
  if (c.tls) {
    lines.push(
      `TLSCACertificateFile ${q(c.tls.caCertPath)}`,
      `TLSCertificateFile ${q(c.tls.certPath)}`,
      `TLSCertificateKeyFile ${q(c.tls.keyPath)}`,
    );
  }
  lines.push(
    'database mdb',
    `maxsize ${c.maxSizeBytes}`,
    `suffix ${q(c.baseDn)}`,
    `rootdn ${q(c.rootDn)}`,
    `rootpw ${q(c.rootPassword)}`,
    `directory ${q(join(c.dir, 'db'))}`,
    // No fsync per commit: a killed slapd loses nothing (the page cache survives the process);
    // only a machine crash would, which tests do not survive anyway.
    'dbnosync',
    'index objectClass eq',
    'index uid,mail,cn eq',
    'index entryUUID,entryCSN eq',
    'index modifyTimestamp eq',
  );
  if (c.sizeLimit !== undefined || c.pagedTotal !== 'unlimited') {
    // Applies to every identity except the rootdn (slapd never limits the rootdn). An unpaged
    // search stops at N entries with resultCode 4 (sizeLimitExceeded), as AD's MaxPageSize does;
    // the paged-results control is exempt (prtotal=unlimited), capped at the same limit (hard:
    // some pages, then sizeLimitExceeded) or refused (disabled).
    const n = c.sizeLimit === undefined ? 'unlimited' : String(c.sizeLimit);
    lines.push(`limits * size.soft=${n} size.hard=${n} size.prtotal=${c.pagedTotal}`);
  }
  lines.push(
    'access to attrs=userPassword',
    '  by self write',
    '  by anonymous auth',
    '  by * none',
    'access to *',
    ...(c.serviceDn === undefined ? [] : [`  by dn.exact=${q(c.serviceDn)} read`]),
    '  by users read',
    `  by * ${c.anonymousRead ? 'read' : 'none'}`,
    'overlay syncprov',
    // slapd 2.5 carries the password policy schema in the overlay itself; the default policy (an entry,
    // passwordPolicyLdif) is what makes binds honour a lock or an end time.
    ...(c.passwordPolicy ? ['overlay ppolicy', `ppolicy_default ${q(passwordPolicyDn(c.baseDn))}`] : []),
    '',
  );
  return lines.join('\n');
}

/** An RFC 2307 {SSHA} hash, so the service account's password is not stored in clear. */
export function sshaPassword(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha1').update(password).update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}

/** The default password policy's entry (for `passwordPolicy`). */
export const passwordPolicyDn = (baseDn: string): string => `cn=default-password-policy,${baseDn}`;

/**
 * The default password policy: lockout on (so `pwdAccountLockedTime` refuses binds), nothing else. Its entry is
 * a `device` (structural) with `pwdPolicy`, so no person search finds it.
 */
export function passwordPolicyLdif(baseDn: string): string {
  return (
    `dn: ${passwordPolicyDn(baseDn)}
objectClass: device
objectClass: pwdPolicy
` +
    `cn: default-password-policy
pwdAttribute: userPassword
pwdLockout: TRUE

`
  );
}

/** First RDN value of a DN (dc=example,dc=test -> example), for the base entry's naming attribute. */
function firstRdn(dn: string): { attr: string; value: string } {
  const first = dn.split(',')[0] ?? '';
  const eq = first.indexOf('=');
  return { attr: first.slice(0, eq).trim(), value: first.slice(eq + 1).trim() };
}

/** LDIF for the suffix entry and, when wanted, the service account (under ou=service-accounts). */
export function renderBaseLdif(
  baseDn: string,
  service: { dn: string; password: string } | undefined,
): string {
  const rdn = firstRdn(baseDn);
  const base =
    rdn.attr.toLowerCase() === 'dc'
      ? `dn: ${baseDn}\nobjectClass: dcObject\nobjectClass: organization\no: ${rdn.value}\ndc: ${rdn.value}\n`
      : `dn: ${baseDn}\nobjectClass: organization\no: ${rdn.value}\n`;
  if (service === undefined) return `${base}\n`;
  const svcRdn = firstRdn(service.dn);
  const parent = service.dn.slice(service.dn.indexOf(',') + 1);
  const parentRdn = firstRdn(parent);
  const parentEntry =
    parent.toLowerCase() === baseDn.toLowerCase()
      ? ''
      : `dn: ${parent}\nobjectClass: organizationalUnit\n${parentRdn.attr}: ${parentRdn.value}\n\n`;
  return (
    `${base}\n${parentEntry}` +
    `dn: ${service.dn}\nobjectClass: person\nobjectClass: simpleSecurityObject\n` +
    `${svcRdn.attr}: ${svcRdn.value}\nsn: ${svcRdn.value}\ndescription: Tributary sync service account\n` +
    `userPassword: ${sshaPassword(service.password)}\n\n`
  );
}
