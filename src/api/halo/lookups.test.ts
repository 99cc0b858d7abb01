import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDialect } from '../../db/testing.js';
import { buildHaloTestApp, TEST_PERMISSIONS_HEADER } from './testing.js';

describeEachDialect('Halo lookups', (get) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildHaloTestApp(get());
  });
  afterAll(async () => {
    await app.close();
  });
  const reader = { [TEST_PERMISSIONS_HEADER]: 'tickets:read' };
  const getJson = async (url: string) => {
    const r = await app.inject({ method: 'GET', url, headers: reader });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };

  it('are bare arrays readable by any authenticated caller; Lookup?lookupid=11 is non-empty', async () => {
    const types = await getJson('/api/Lookup?lookupid=11');
    expect(Array.isArray(types)).toBe(true);
    expect(types.length).toBeGreaterThan(0);
    expect(types.map((t: { name: string }) => t.name)).toContain('Urgency');
    const statuses = await getJson('/api/Status?type=ticket');
    expect(statuses.find((s: { id: number }) => s.id === 9)).toMatchObject({
      name: 'Closed',
      is_closed: true,
    });
    expect((await getJson('/api/Status?excludeclosed=true')).some((s: { id: number }) => s.id === 9)).toBe(
      false,
    );
    const prios = await getJson('/api/Priority?slaid=1');
    expect(prios.map((p: { priorityid: number }) => p.priorityid)).toEqual([1, 2, 3, 4]);
    const slas = await getJson('/api/SLA');
    expect(slas[0]).toMatchObject({ id: 1, name: 'Standard SLA' });
    const sla = await getJson('/api/SLA/1');
    expect(sla.priorities).toHaveLength(4);
    const tt = await getJson('/api/TicketType?showall=true');
    expect(tt.map((t: { name: string }) => t.name)).toEqual([
      'Incident',
      'Service Request',
      'Onboarding',
      'Alert',
    ]);
    expect(await getJson('/api/TicketType/1')).toMatchObject({
      default_sla: 1,
      default_priority: 3,
      initial_status: 1,
    });
    const cat2 = await getJson('/api/Category?type_id=2');
    expect(cat2.every((c: { type_id: number }) => c.type_id === 2)).toBe(true);
    const outcomes = await getJson('/api/Outcome');
    expect(outcomes.find((o: { id: number }) => o.id === 7)).toMatchObject({
      buttonname: 'Internal Note',
      defaultprivate: true,
    });
    expect((await getJson('/api/Lookup?lookupid=27')).map((l: { id: number }) => l.id)).toEqual([1, 2, 3]);
    expect((await app.inject({ method: 'GET', url: '/api/Status/12345' })).statusCode).toBe(404);
  });

  it('writes need admin; created entries are usable at once; entries in use cannot be deleted', async () => {
    const denied = await app.inject({
      method: 'POST',
      url: '/api/Status',
      headers: { [TEST_PERMISSIONS_HEADER]: 'tickets:edit' },
      payload: [{ name: 'Escalated' }],
    });
    expect(denied.statusCode).toBe(403);
    const created = await app.inject({
      method: 'POST',
      url: '/api/Status',
      payload: [{ name: 'Escalated', sequence: 7 }],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    const t = await app.inject({
      method: 'POST',
      url: '/api/Tickets',
      payload: [{ summary: 'uses new status', status_id: id }],
    });
    expect(t.statusCode, t.body).toBe(201);
    const inUse = await app.inject({ method: 'DELETE', url: `/api/Status/${id}` });
    expect(inUse.statusCode).toBe(409);
    const missingName = await app.inject({ method: 'POST', url: '/api/Lookup', payload: [{ lookupid: 27 }] });
    expect(missingName.statusCode).toBe(400);
    expect(missingName.json().errors[0].field).toBe('[0].name');
    const badRef = await app.inject({
      method: 'POST',
      url: '/api/TicketType',
      payload: [{ name: 'Change', default_sla: 77 }],
    });
    expect(badRef.statusCode).toBe(400);
    expect(badRef.json().errors[0].field).toBe('[0].default_sla');
    const cat = await app.inject({
      method: 'POST',
      url: '/api/Category',
      payload: { value: 'Backup', type_id: 1 },
    });
    expect(cat.statusCode).toBe(201);
    expect((await app.inject({ method: 'DELETE', url: `/api/Category/${cat.json().id}` })).statusCode).toBe(
      200,
    );
    expect(
      (await getJson('/api/Category?type_id=1')).some((c: { value: string }) => c.value === 'Backup'),
    ).toBe(false);
  });
});
