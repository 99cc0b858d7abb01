import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import type { Mapping } from '../../api/integrations.js';
import { addBody, checkDraft, draftFrom, editBody, serverErrors, targetKinds } from './mapping-form.js';

const mapping = (over: Partial<Mapping>): Mapping => ({
  id: 7,
  externalId: 'OU=Sales,DC=example,DC=com',
  externalName: 'Sales',
  containerKind: 'ou',
  status: 'mapped',
  targetKind: 'site',
  customerId: 3,
  siteId: 4,
  userRoleId: 2,
  roleId: null,
  teamId: null,
  recursive: true,
  filter: '(department=Sales)',
  source: 'manual',
  candidates: [],
  people: null,
  ...over,
});

describe('mapping form', () => {
  it('offers customers for customer connectors and sites or agents for directories', () => {
    expect(targetKinds({ entities: ['customers', 'licences'] })).toEqual(['customer']);
    expect(targetKinds({ entities: ['users', 'agents'] })).toEqual(['site', 'agent']);
    expect(targetKinds({ entities: [] })).toEqual(['customer']);
  });

  it('pre-fills every setting of an existing mapping', () => {
    const d = draftFrom(mapping({}), ['site', 'agent']);
    expect(d).toMatchObject({ target: 'site', customerId: 3, siteId: 4, userRoleId: 2, recursive: true });
    expect(editBody(d)).toEqual({
      target: { kind: 'site', siteId: 4, userRoleId: 2 },
      recursive: true,
      filter: '(department=Sales)',
    });
    const agents = draftFrom(mapping({ targetKind: 'agent', roleId: 5, teamId: null, filter: null }), [
      'site',
      'agent',
    ]);
    expect(editBody(agents)).toEqual({
      target: { kind: 'agent', roleId: 5, teamId: null },
      recursive: true,
      filter: null,
    });
  });

  it('requires the container and a site before sending, and nothing for agents', () => {
    const d = draftFrom(null, ['site', 'agent']);
    expect(d.target).toBe('site');
    expect(checkDraft(d, true)).toEqual({
      externalId: 'is required',
      customerId: 'choose the site’s customer',
      siteId: 'choose a site',
    });
    expect(checkDraft({ ...d, externalId: 'OU=X,DC=a', target: 'agent' }, true)).toEqual({});
    expect(checkDraft(draftFrom(null, ['customer']), false)).toEqual({ customerId: 'choose a customer' });
  });

  it('sends a typed DN without a kind, and a discovered one with its kind and name', () => {
    const d = { ...draftFrom(null, ['site', 'agent']), target: 'agent' as const, filter: '  ' };
    expect(addBody({ ...d, externalId: ' OU=X,DC=a ' })).toEqual({
      externalId: 'OU=X,DC=a',
      target: { kind: 'agent', roleId: null, teamId: null },
      recursive: false,
      filter: null,
    });
    expect(
      addBody({ ...d, externalId: 'CN=G,DC=a', externalName: 'G', containerKind: 'group' }),
    ).toMatchObject({
      externalName: 'G',
      containerKind: 'group',
    });
    expect(addBody({ ...d, externalId: 'x', containerKind: 'forest' })).not.toHaveProperty('containerKind');
  });

  it('places the server’s field errors beside their fields', () => {
    const e = new ApiError(400, 'INVALID_INPUT', 'Invalid input', [
      { field: 'body.target.userRoleId', message: 'does not exist' },
      { field: 'body.filter', message: 'is not a valid LDAP filter' },
    ]);
    expect(serverErrors(e)).toEqual({ userRoleId: 'does not exist', filter: 'is not a valid LDAP filter' });
  });
});
