// Licence routes of the fake against §1.4, with plain fetch.

import { describe, expect, it } from 'vitest';
import { get, partnerHeaders, tokenFor, useFakes } from './test-client.js';
import type { SophosFirewallWire, SophosLicencesResponse, SophosPage } from './types.js';

const start = useFakes();

describe('licences', () => {
  it('returns each tenant its own licences in the §1.4 shape', async () => {
    const fake = await start({ tenants: 6, licencesPerTenant: 5 });
    const token = await tokenFor(fake, fake.credentials.partner);
    for (const tenant of fake.state.tenants) {
      const { status, body } = await get(fake.apiUrl, '/licenses/v1/licenses', token, {
        'X-Tenant-ID': tenant.id,
      });
      expect(status).toBe(200);
      const result = body as SophosLicencesResponse;
      expect(result.tenant).toEqual({ id: tenant.id });
      expect(result.organization).toEqual(
        tenant.organizationId === undefined ? undefined : { id: tenant.organizationId },
      );
      expect(result.licenses).toEqual(fake.state.licencesOf(tenant.id));
      expect(result.licenses).toHaveLength(5);
      for (const licence of result.licenses) {
        expect(licence.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (licence.endDate !== undefined) expect(licence.endDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(Object.keys(licence.product).sort()).toEqual(['code', 'genericCode', 'name']);
        if (licence.perpetual) expect(licence.endDate).toBeUndefined();
        if (licence.unlimited) expect(licence.quantity).toBeUndefined();
        else expect(typeof licence.quantity).toBe('number');
      }
    }
    expect(fake.stats.requests.licenses).toBe(6);
  });

  it('lets a tenant credential read its own licences only, and requires X-Tenant-ID', async () => {
    const fake = await start({ tenants: 4 });
    const self = fake.credentials.tenant!;
    const token = await tokenFor(fake, self);
    expect((await get(fake.apiUrl, '/licenses/v1/licenses', token, { 'X-Tenant-ID': self.id })).status).toBe(
      200,
    );
    const other = fake.state.tenants.find((t) => t.id !== self.id)!;
    expect((await get(fake.apiUrl, '/licenses/v1/licenses', token, { 'X-Tenant-ID': other.id })).status).toBe(
      403,
    );
    expect((await get(fake.apiUrl, '/licenses/v1/licenses', token)).status).toBe(400);
  });

  it('reflects licence changes and pages firewall licences by partner or tenant', async () => {
    const fake = await start({ tenants: 20, firewalls: 7 });
    const token = await tokenFor(fake, fake.credentials.partner);
    const tenant = fake.state.tenants[0]!;
    const [first, second] = fake.state.licencesOf(tenant.id);
    fake.state.updateLicence(tenant.id, first!.id, { quantity: 999 });
    fake.state.removeLicence(tenant.id, second!.id);
    const changed = (await get(fake.apiUrl, '/licenses/v1/licenses', token, { 'X-Tenant-ID': tenant.id }))
      .body as SophosLicencesResponse;
    expect(changed.licenses.find((l) => l.id === first!.id)?.quantity).toBe(999);
    expect(changed.licenses.some((l) => l.id === second!.id)).toBe(false);

    const serials: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const { body } = await get(
        fake.apiUrl,
        `/licenses/v1/licenses/firewalls?page=${page}&pageSize=3&pageTotal=true`,
        token,
        partnerHeaders(fake),
      );
      const result = body as SophosPage<SophosFirewallWire>;
      expect(result.pages).toMatchObject({ current: page, size: 3, total: 3, items: 7 });
      serials.push(...result.items.map((f) => f.serialNumber));
    }
    expect(serials.sort()).toEqual(fake.state.firewalls.map((f) => f.serialNumber).sort());
    const fwTenant = fake.state.firewalls[0]!.tenantId;
    const byTenant = await get(fake.apiUrl, '/licenses/v1/licenses/firewalls', token, {
      'X-Tenant-ID': fwTenant,
    });
    const items = (byTenant.body as SophosPage<SophosFirewallWire>).items;
    expect(items.map((f) => f.tenant.id)).toEqual(fake.state.firewallsOf(fwTenant).map((f) => f.tenantId));
    expect(items[0]).toMatchObject({
      owner: { id: fake.credentials.partner.id, type: 'partner' },
      billingTenant: { id: fwTenant },
    });
  });
});
