// The console's record lists and detail views by type, with the permission area each needs.
import type { ExternalRecordType } from '../../db/schema/core.js';
import { requireAccess, type Ctx } from '../context.js';
import type { Area } from '../permissions.js';
import { getAgent, listAgents } from './agents.js';
import { getAsset, listAssets } from './assets.js';
import { getCustomer, listCustomers } from './customers.js';
import type { RecordDetail } from './detail.js';
import { getLicence, listLicences } from './licences.js';
import type { ListInput, Page } from './query-helpers.js';
import { getSite, listSites } from './sites.js';
import { getTicket, listTickets } from './tickets.js';
import { getUser, listUsers } from './users.js';

export const RECORD_TYPES = [
  'customers',
  'sites',
  'users',
  'agents',
  'tickets',
  'licences',
  'assets',
] as const;
export type RecordTypeName = (typeof RECORD_TYPES)[number];

interface RecordKind {
  area: Area;
  linkType: ExternalRecordType;
  list(ctx: Ctx, input: ListInput): Promise<Page<unknown>>;
  get(ctx: Ctx, id: number): Promise<RecordDetail>;
}

const KINDS: Record<RecordTypeName, RecordKind> = {
  customers: { area: 'customers', linkType: 'customer', list: listCustomers, get: getCustomer },
  sites: { area: 'customers', linkType: 'site', list: listSites, get: getSite },
  users: { area: 'customers', linkType: 'user', list: listUsers, get: getUser },
  agents: { area: 'agents', linkType: 'agent', list: listAgents, get: getAgent },
  tickets: { area: 'tickets', linkType: 'ticket', list: listTickets, get: getTicket },
  licences: { area: 'softwarelicensing', linkType: 'licence', list: listLicences, get: getLicence },
  assets: { area: 'assets', linkType: 'asset', list: listAssets, get: getAsset },
};

export async function listRecords(ctx: Ctx, type: RecordTypeName, input: ListInput): Promise<Page<unknown>> {
  const kind = KINDS[type];
  requireAccess(ctx, kind.area, 'read');
  return kind.list(ctx, input);
}

export async function getRecord(ctx: Ctx, type: RecordTypeName, id: number): Promise<RecordDetail> {
  const kind = KINDS[type];
  requireAccess(ctx, kind.area, 'read');
  return kind.get(ctx, id);
}

export type { ListInput, Page } from './query-helpers.js';
export type { RecordDetail } from './detail.js';
