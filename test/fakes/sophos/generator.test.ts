import { describe, expect, it } from 'vitest';
import { generateSophosState } from './generator.js';
import { companyNames } from './names.js';

describe('generateSophosState', () => {
  it('is deterministic per seed and different across seeds', () => {
    const a = generateSophosState({ seed: 7, tenants: 50, licencesPerTenant: 4 });
    const b = generateSophosState({ seed: 7, tenants: 50, licencesPerTenant: 4 });
    const c = generateSophosState({ seed: 8, tenants: 50, licencesPerTenant: 4 });
    expect(JSON.stringify([a.tenants, [...a.licences], a.firewalls, a.credentials])).toBe(
      JSON.stringify([b.tenants, [...b.licences], b.firewalls, b.credentials]),
    );
    expect(c.tenants.map((t) => t.id)).not.toEqual(a.tenants.map((t) => t.id));
    expect(a.tenants.map((t) => t.name)).toEqual(companyNames(50, 7));
  });

  it('makes N tenants with M licences each, unique ids, and the three credential kinds', () => {
    const state = generateSophosState({ tenants: 120, licencesPerTenant: 5 });
    expect(state.tenants).toHaveLength(120);
    expect(new Set(state.tenants.map((t) => t.id)).size).toBe(120);
    expect(state.licenceCount()).toBe(600);
    const licenceIds = [...state.licences.values()].flat().map((l) => l.id);
    expect(new Set(licenceIds).size).toBe(600);
    expect(state.credentials.map((c) => c.idType)).toEqual(['partner', 'organization', 'tenant']);
    expect(state.tenants.every((t) => t.partnerId === state.partnerId)).toBe(true);
  });

  it('covers perpetual, unlimited and dated licences in the §1.4 shape', () => {
    const licences = [
      ...generateSophosState({ tenants: 100, licencesPerTenant: 5 }).licences.values(),
    ].flat();
    const perpetual = licences.filter((l) => l.perpetual);
    const unlimited = licences.filter((l) => l.unlimited);
    expect(perpetual.length).toBeGreaterThan(0);
    expect(unlimited.length).toBeGreaterThan(0);
    expect(perpetual.every((l) => l.endDate === undefined && l.usage === undefined)).toBe(true);
    expect(unlimited.every((l) => l.quantity === undefined)).toBe(true);
    for (const licence of licences) {
      expect(licence.licenseIdentifier).toMatch(/^C[0-9A-Z]{14}$/);
      if (licence.endDate) expect(licence.endDate >= licence.startDate).toBe(true);
    }
  });
});

describe('tenantsWithoutApiHost', () => {
  it('marks the last n tenants as having no apiHost', () => {
    const state = generateSophosState({ tenants: 10, tenantsWithoutApiHost: 2 });
    expect(state.tenants.map((t) => t.apiHostMode)).toEqual([
      ...Array<string>(8).fill('region'),
      'none',
      'none',
    ]);
  });
});

describe('companyNames', () => {
  it('gives distinct realistic names, including awkward characters', () => {
    const names = companyNames(5000, 3);
    expect(new Set(names).size).toBe(5000);
    expect(names.some((n) => /[&'üøí]/.test(n))).toBe(true);
    expect(names.every((n) => n.trim() === n && n.length > 3)).toBe(true);
  });
});
