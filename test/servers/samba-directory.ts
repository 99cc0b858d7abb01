import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { Attribute, Change, Client } from 'ldapts';

/** userAccountControl bits used here (MS-ADTS 2.2.16). */
export const UAC_ACCOUNTDISABLE = 0x2;
export const UAC_NORMAL_ACCOUNT = 0x200;

export interface AdUserInput {
  /** The CN (RDN value). */
  cn: string;
  sAMAccountName: string;
  /** Parent container DN, e.g. an OU made with createOu(). Default CN=Users,<base>. */
  parentDn?: string;
  userPrincipalName?: string;
  givenName?: string;
  sn?: string;
  displayName?: string;
  mail?: string;
  telephoneNumber?: string;
  title?: string;
  department?: string;
  /** Default: a random complex password, so the account can be enabled. */
  password?: string;
  /** Default true (userAccountControl 512); false adds ACCOUNTDISABLE (514). */
  enabled?: boolean;
}

export interface AdConnection {
  ldapsUrl: string;
  caCertPem: string;
  /** Name to verify the server certificate against (SNI + hostname check). */
  tlsServerName: string;
  adminUpn: string;
  adminPassword: string;
  baseDn: string;
  realm: string;
}

/**
 * Directory changes for tests, made the way an administrator's tools make them: LDAP over LDAPS
 * as Administrator (passwords can only be set over an encrypted connection).
 */
export class SambaDirectory {
  constructor(private readonly c: AdConnection) {}

  /** A client bound as Administrator; the caller must unbind() it. */
  async adminClient(): Promise<Client> {
    const client = new Client({
      url: this.c.ldapsUrl,
      // SNI must not be an IP address; Node then checks the certificate against the URL's host.
      tlsOptions: isIP(this.c.tlsServerName)
        ? { ca: [this.c.caCertPem] }
        : { ca: [this.c.caCertPem], servername: this.c.tlsServerName },
      timeout: 30_000,
      connectTimeout: 10_000,
    });
    await client.bind(this.c.adminUpn, this.c.adminPassword);
    return client;
  }

  private async withClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    const client = await this.adminClient();
    try {
      return await fn(client);
    } finally {
      await client.unbind();
    }
  }

  async createOu(name: string, parentDn = this.c.baseDn): Promise<string> {
    const dn = `OU=${name},${parentDn}`;
    await this.withClient((client) =>
      client.add(dn, { objectClass: ['top', 'organizationalUnit'], ou: name }),
    );
    return dn;
  }

  /** Creates a user and returns its DN. */
  async createUser(u: AdUserInput): Promise<string> {
    const dn = `CN=${u.cn},${u.parentDn ?? `CN=Users,${this.c.baseDn}`}`;
    const password = u.password ?? `Pw-${randomBytes(9).toString('base64url')}-x9!`;
    const uac = UAC_NORMAL_ACCOUNT | (u.enabled === false ? UAC_ACCOUNTDISABLE : 0);
    const optional: Record<string, string | undefined> = {
      givenName: u.givenName,
      sn: u.sn,
      displayName: u.displayName,
      mail: u.mail,
      telephoneNumber: u.telephoneNumber,
      title: u.title,
      department: u.department,
    };
    const attributes = [
      new Attribute({ type: 'objectClass', values: ['top', 'person', 'organizationalPerson', 'user'] }),
      new Attribute({ type: 'cn', values: [u.cn] }),
      new Attribute({ type: 'sAMAccountName', values: [u.sAMAccountName] }),
      new Attribute({
        type: 'userPrincipalName',
        values: [u.userPrincipalName ?? `${u.sAMAccountName}@${this.c.realm.toLowerCase()}`],
      }),
      ...Object.entries(optional)
        .filter((e): e is [string, string] => e[1] !== undefined)
        .map(([type, value]) => new Attribute({ type, values: [value] })),
      // AD takes the password as the UTF-16LE encoding of the quoted string.
      new Attribute({ type: 'unicodePwd', values: [Buffer.from(`"${password}"`, 'utf16le')] }),
      new Attribute({ type: 'userAccountControl', values: [String(uac)] }),
    ];
    await this.withClient((client) => client.add(dn, attributes));
    return dn;
  }

  /** Replaces attribute values (an empty array deletes the attribute). */
  async modify(dn: string, values: Record<string, string | string[]>): Promise<void> {
    const changes = Object.entries(values).map(
      ([type, v]) =>
        new Change({
          operation: 'replace',
          modification: new Attribute({ type, values: Array.isArray(v) ? v : [v] }),
        }),
    );
    await this.withClient((client) => client.modify(dn, changes));
  }

  /**
   * Sets when the account expires (accountExpires: a FILETIME, 100-ns intervals since 1601); 'never' writes 0.
   * Returns the value written.
   */
  async setExpiry(dn: string, at: Date | 'never'): Promise<string> {
    const value = at === 'never' ? '0' : String(BigInt(at.getTime()) * 10_000n + 116_444_736_000_000_000n);
    await this.modify(dn, { accountExpires: value });
    return value;
  }

  /** Moves an entry under another parent (an OU change). Returns the new DN. */
  async move(dn: string, newParentDn: string): Promise<string> {
    const rdn = dn.slice(0, dn.search(/[^\\],/) + 1);
    const newDn = `${rdn},${newParentDn}`;
    await this.withClient((client) => client.modifyDN(dn, newDn));
    return newDn;
  }

  /** Renames an entry's CN in place. Returns the new DN. */
  async rename(dn: string, newCn: string): Promise<string> {
    const parent = dn.slice(dn.search(/[^\\],/) + 2);
    const newDn = `CN=${newCn},${parent}`;
    await this.withClient((client) => client.modifyDN(dn, newDn));
    return newDn;
  }

  async setEnabled(dn: string, enabled: boolean): Promise<number> {
    return this.withClient(async (client) => {
      const { searchEntries } = await client.search(dn, {
        scope: 'base',
        attributes: ['userAccountControl'],
      });
      const current = Number(searchEntries[0]?.userAccountControl);
      if (!Number.isInteger(current)) throw new Error(`no userAccountControl on ${dn}`);
      const next = enabled ? current & ~UAC_ACCOUNTDISABLE : current | UAC_ACCOUNTDISABLE;
      await client.modify(
        dn,
        new Change({
          operation: 'replace',
          modification: new Attribute({ type: 'userAccountControl', values: [String(next)] }),
        }),
      );
      return next;
    });
  }

  disable(dn: string): Promise<number> {
    return this.setEnabled(dn, false);
  }

  enable(dn: string): Promise<number> {
    return this.setEnabled(dn, true);
  }

  /** Deletes an entry; AD keeps it as a tombstone under CN=Deleted Objects. */
  async delete(dn: string): Promise<void> {
    await this.withClient((client) => client.del(dn));
  }

  /** RootDSE highestCommittedUSN: the DC's change watermark. */
  async highestCommittedUsn(): Promise<number> {
    return this.withClient(async (client) => {
      const { searchEntries } = await client.search('', {
        scope: 'base',
        attributes: ['highestCommittedUSN'],
      });
      return Number(searchEntries[0]?.highestCommittedUSN);
    });
  }
}
