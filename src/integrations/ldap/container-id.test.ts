// A hand-added mapping's name and kind come from its DN; anything that is not a DN is refused.
import { describe, expect, it } from 'vitest';
import { describeLdapContainerId } from './container-id.js';

describe('describeLdapContainerId', () => {
  it('names OUs, groups and domains by their DN', () => {
    expect(describeLdapContainerId('OU=IT Staff,OU=Contoso,DC=example,DC=test')).toEqual({
      name: 'IT Staff',
      kind: 'ou',
    });
    expect(describeLdapContainerId('cn=helpdesk,ou=groups,dc=example,dc=org')).toEqual({
      name: 'helpdesk',
      kind: 'group',
    });
    expect(describeLdapContainerId('DC=corp, DC=example')).toEqual({
      name: 'DC=corp,DC=example',
      kind: 'domain',
    });
    expect(describeLdapContainerId('o=Acme')).toEqual({ name: 'Acme', kind: 'ou' });
  });

  it('unescapes the name', () => {
    expect(describeLdapContainerId('OU=Sales\\, North,DC=corp,DC=example').name).toBe('Sales, North');
    expect(describeLdapContainerId('OU=R\\2BD,DC=corp,DC=example').name).toBe('R+D');
  });

  it('refuses what is not a DN', () => {
    for (const bad of ['Sales', '', ',', 'OU=Sales,,DC=x', '=Sales', 'OU=Sales,DC']) {
      expect(() => describeLdapContainerId(bad), bad).toThrow(expect.objectContaining({ kind: 'input' }));
    }
  });
});
