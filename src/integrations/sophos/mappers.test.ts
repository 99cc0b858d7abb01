import { describe, expect, it } from 'vitest';
import {
  hasApiHost,
  licenceToExternal,
  tenantDisplayName,
  tenantToContainer,
  tenantToCustomer,
} from './mappers.js';
import type { SophosLicence } from './types.js';

describe('Sophos mappers', () => {
  const tenant = {
    id: 't-1',
    name: 'Contoso Legal Ltd',
    showAs: 'Contoso',
    dataRegion: 'eu01',
    billingType: 'term',
    apiHost: 'https://api-eu01.central.sophos.com',
  };

  it('maps a tenant to a customer and a container by its id, named as Sophos shows it', () => {
    expect(tenantToCustomer(tenant)).toEqual({ externalId: 't-1', name: 'Contoso' });
    expect(tenantToContainer(tenant)).toEqual({
      externalId: 't-1',
      name: 'Contoso',
      kind: 'tenant',
      path: 'eu01 · term',
    });
    expect(tenantDisplayName({ name: '  Fabrikam GmbH ', showAs: '  ' })).toBe('Fabrikam GmbH');
    expect(tenantToContainer({ id: 'x', name: 'X' })).toEqual({ externalId: 'x', name: 'X', kind: 'tenant' });
  });

  it('knows which tenants can be read', () => {
    expect(hasApiHost(tenant)).toBe(true);
    expect(hasApiHost({})).toBe(false);
    expect(hasApiHost({ apiHost: ' ' })).toBe(false);
  });

  it('maps a term licence with usage', () => {
    const l: SophosLicence = {
      id: 'l-1',
      licenseIdentifier: 'C01234',
      product: { code: 'CIXA', name: 'Central Intercept X Advanced', genericCode: 'X' },
      startDate: '2024-01-15',
      endDate: '2025-01-14',
      perpetual: false,
      type: 'term',
      quantity: 50,
      unlimited: false,
      usage: { current: { count: 37 } },
    };
    expect(licenceToExternal('t-1', l)).toEqual({
      externalId: 'l-1',
      containerId: 't-1',
      name: 'Central Intercept X Advanced',
      vendor: 'Sophos',
      productCode: 'CIXA',
      type: 'term',
      quantity: 50,
      consumed: 37,
      startDate: '2024-01-15',
      endDate: '2025-01-14',
    });
  });

  it('leaves quantity and end date unset on unlimited and perpetual licences, and drops malformed dates', () => {
    const unlimited = licenceToExternal('t', {
      id: 'u',
      product: { code: 'E' },
      startDate: '15/01/2024',
      unlimited: true,
      quantity: 10,
      type: 'enterprise',
    });
    expect(unlimited).toEqual({
      externalId: 'u',
      containerId: 't',
      name: 'E',
      vendor: 'Sophos',
      productCode: 'E',
      type: 'enterprise',
    });
    const perpetual = licenceToExternal('t', {
      id: 'p',
      product: {},
      licenseIdentifier: 'CX',
      perpetual: true,
      endDate: '2030-01-01',
      quantity: 5,
    });
    expect(perpetual).toEqual({
      externalId: 'p',
      containerId: 't',
      name: 'CX',
      vendor: 'Sophos',
      quantity: 5,
    });
  });
});
