// `tributary seed --demo`: realistic demo data written through the same use cases the API uses (so it obeys
// every rule they enforce): top levels, 50 customers with 1–3 sites each, users per site, teams, agents in
// those teams, tickets across customers in various states with actions, assets and licences. Deterministic
// for a given seed. Refuses to run twice unless forced, recognising earlier demo customers by their note.
import type { Ctx } from '../context.js';
import { AppError } from '../errors.js';
import { createCustomer } from '../customers/create-customer.js';
import { createSite } from '../sites/create-site.js';
import { createEndUser } from '../users/create-end-user.js';
import { createTopLevel } from '../toplevels/save-top-level.js';
import { listTopLevels } from '../toplevels/list-top-levels.js';
import { createTeam } from '../teams/save-team.js';
import { listTeams } from '../teams/list-teams.js';
import { createAgentProfile } from '../agents/save-agent.js';
import { createTicket } from '../tickets/create-ticket.js';
import { updateTicket } from '../tickets/update-ticket.js';
import { closeTicket } from '../tickets/close-ticket.js';
import { createAction } from '../actions/create-action.js';
import { createAsset } from '../assets/save-asset.js';
import { createLicence } from '../licences/save-licence.js';
import { referenceData } from '../lookups/reference-cache.js';
import { createRng, type Rng } from './prng.js';
import {
  AGENTS,
  ASSET_MODELS,
  CITIES,
  COMPANY_FIRST,
  COMPANY_SECOND,
  COMPANY_SUFFIX,
  DEPARTMENTS,
  FIRST_NAMES,
  LICENCE_PRODUCTS,
  NOTES,
  SITE_KINDS,
  STREETS,
  SURNAMES,
  TEAMS,
  TICKET_TEMPLATES,
  TITLES,
} from './vocabulary.js';

/** Every demo customer carries this note; it is how a second run recognises the first. */
export const DEMO_NOTE = 'Demo customer created by `tributary seed --demo`.';

export interface SeedDemoOptions {
  /** Add another batch even when demo data exists. */
  force?: boolean;
  seed?: number;
  customers?: number;
}

export interface SeedDemoCounts {
  topLevels: number;
  customers: number;
  sites: number;
  users: number;
  teams: number;
  agents: number;
  tickets: number;
  closedTickets: number;
  actions: number;
  assets: number;
  licences: number;
}

const TOP_LEVELS = ['Managed Services', 'Break/Fix', 'Projects'] as const;

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

export async function demoDataExists(ctx: Ctx): Promise<boolean> {
  return (
    (await ctx.db
      .selectFrom('customers')
      .select('id')
      .where('notes', '=', DEMO_NOTE)
      .limit(1)
      .executeTakeFirst()) !== undefined
  );
}

function companyNames(rng: Rng, n: number): string[] {
  const names = new Set<string>();
  while (names.size < n) {
    const base = `${rng.pick(COMPANY_FIRST)} ${rng.pick(COMPANY_SECOND)}`;
    names.add(
      names.has(`${base} ${rng.pick(COMPANY_SUFFIX)}`)
        ? `${base} ${rng.int(2, 99)}`
        : `${base} ${rng.pick(COMPANY_SUFFIX)}`,
    );
  }
  return [...names];
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function serial(rng: Rng): string {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  return Array.from({ length: 10 }, () => chars[rng.int(0, chars.length - 1)]).join('');
}

async function teamIdsByName(ctx: Ctx, counts: SeedDemoCounts): Promise<Map<string, number>> {
  const existing = new Map(
    (await listTeams(ctx, { activity: { active: true, inactive: true } })).items.map((t) => [t.name, t.id]),
  );
  for (const name of TEAMS) {
    if (existing.has(name)) continue;
    existing.set(name, (await createTeam(ctx, { name, email: `${slug(name)}@msp.example` })).id);
    counts.teams++;
  }
  return existing;
}

async function topLevelIds(ctx: Ctx, counts: SeedDemoCounts): Promise<number[]> {
  const existing = new Map(
    (await listTopLevels(ctx, { activity: { active: true, inactive: true } })).items.map((t) => [
      t.name,
      t.id,
    ]),
  );
  const ids: number[] = [];
  for (const name of TOP_LEVELS) {
    let id = existing.get(name);
    if (id === undefined) {
      id = (await createTopLevel(ctx, { name })).id;
      counts.topLevels++;
    }
    ids.push(id);
  }
  return ids;
}

export async function seedDemo(baseCtx: Ctx, options: SeedDemoOptions = {}): Promise<SeedDemoCounts> {
  const ctx = baseCtx;
  if (!options.force && (await demoDataExists(ctx))) {
    throw new AppError(
      'DEMO_DATA_EXISTS',
      'conflict',
      'Demo data already exists in this database; run with --force to add another batch',
    );
  }
  const rng = createRng(options.seed ?? 20261121);
  const counts: SeedDemoCounts = {
    topLevels: 0,
    customers: 0,
    sites: 0,
    users: 0,
    teams: 0,
    agents: 0,
    tickets: 0,
    closedTickets: 0,
    actions: 0,
    assets: 0,
    licences: 0,
  };
  const ref = await referenceData(ctx.db);
  const typeIdByName = new Map([...ref.ticketTypes.values()].map((t) => [t.name, t.id]));
  const assetTypeIdByName = new Map([...ref.assetTypes.values()].map((t) => [t.name, t.id]));
  const outcomes = [1, 2, 3, 5, 7].filter((id) => ref.outcomes.has(id));
  const openStatuses = [2, 3, 4].filter((id) => ref.statuses.has(id));

  const toplevels = await topLevelIds(ctx, counts);
  const teams = await teamIdsByName(ctx, counts);
  const agentsByTeam = new Map<string, number[]>();
  for (const a of AGENTS) {
    const agent = await createAgentProfile(ctx, {
      name: `${a.firstname} ${a.surname}`,
      firstname: a.firstname,
      surname: a.surname,
      initials: `${a.firstname[0] ?? ''}${a.surname[0] ?? ''}`,
      email: `${slug(a.firstname)}.${slug(a.surname)}@msp.example`,
      jobtitle: a.jobtitle,
      teamIds: a.teams.map((t) => teams.get(t)).filter((id): id is number => id !== undefined),
      defaultTeamId: teams.get(a.teams[0] ?? 'Service Desk') ?? null,
    });
    counts.agents++;
    for (const t of a.teams) agentsByTeam.set(t, [...(agentsByTeam.get(t) ?? []), agent.id]);
  }
  // Tickets are attributed to the service desk lead, as if they had logged them.
  const deskCtx: Ctx = {
    ...ctx,
    actor: { ...ctx.actor, agentId: agentsByTeam.get('Service Desk')?.[0] ?? null },
  };

  const names = companyNames(rng, options.customers ?? 50);
  for (const [ci, name] of names.entries()) {
    const domain = `${slug(name.split(' ').slice(0, 2).join(''))}.example`;
    const hq = rng.pick(CITIES);
    const customer = await createCustomer(ctx, {
      name,
      toplevelId: rng.pick(toplevels),
      isVip: rng.chance(0.1),
      website: `https://www.${domain}`,
      notes: DEMO_NOTE,
      firstSiteName: `${hq} Head Office`,
    });
    counts.customers++;
    counts.sites++;
    const siteIds = [customer.mainSiteId].filter((id): id is number => id !== null);
    for (let s = rng.int(1, 3) - 1; s > 0; s--) {
      const site = await createSite(ctx, {
        customerId: customer.id,
        name: `${rng.pick(CITIES)} ${rng.pick(SITE_KINDS)}`,
        phone: `+1 555 ${String(rng.int(100, 999))} ${String(rng.int(1000, 9999))}`,
        address: {
          line1: `${rng.int(1, 250)} ${rng.pick(STREETS)}`,
          city: rng.pick(CITIES),
          postcode: String(rng.int(10000, 99999)),
          country: 'United States',
        },
      });
      siteIds.push(site.id);
      counts.sites++;
    }

    const users: number[] = [];
    const seenEmails = new Set<string>();
    for (const siteId of siteIds) {
      for (let u = rng.int(2, 5); u > 0; u--) {
        const firstname = rng.pick(FIRST_NAMES);
        const surname = rng.pick(SURNAMES);
        let email = `${slug(firstname)}.${slug(surname)}@${domain}`;
        if (seenEmails.has(email)) email = `${slug(firstname)}.${slug(surname)}${seenEmails.size}@${domain}`;
        seenEmails.add(email);
        const user = await createEndUser(ctx, {
          siteId,
          firstname,
          surname,
          email,
          login: email,
          phone: `+1 555 ${String(rng.int(100, 999))} ${String(rng.int(1000, 9999))}`,
          title: rng.pick(TITLES),
          department: rng.pick(DEPARTMENTS),
        });
        users.push(user.id);
        counts.users++;
      }
    }

    for (let t = rng.int(2, 6); t > 0; t--) {
      const tpl = rng.pick(TICKET_TEMPLATES);
      const agents = agentsByTeam.get(tpl.team) ?? [];
      const daysAgo = rng.int(0, 60);
      const ticket = await createTicket(deskCtx, {
        summary: rng.pick(tpl.summaries),
        details: `Reported by the customer. ${rng.pick(NOTES)}`,
        user_id: rng.pick(users),
        tickettype_id: typeIdByName.get(tpl.type),
        priority_id: rng.pick([1, 2, 3, 3, 3, 4, 4]),
        team: tpl.team,
        agent_id: agents.length > 0 && rng.chance(0.8) ? rng.pick(agents) : null,
        category_1: tpl.category,
        urgency: rng.pick([1, 2, 3]),
        impact: rng.pick([4, 5, 6]),
        dateoccurred: new Date(
          ctx.now().getTime() - daysAgo * 86_400_000 - rng.int(0, 86_399) * 1000,
        ).toISOString(),
      });
      counts.tickets++;
      counts.actions++; // its opening "Logged" action
      const fate = rng.next();
      if (fate < 0.3) continue; // stays New
      for (let a = rng.int(1, 3); a > 0; a--) {
        await createAction(deskCtx, {
          ticket_id: ticket.id,
          outcome_id: rng.pick(outcomes),
          note: rng.pick(NOTES),
          hiddenfromuser: rng.chance(0.5),
        });
        counts.actions++;
      }
      if (fate < 0.65) {
        await closeTicket(deskCtx, ticket.id, { note: 'Resolved; closing.' });
        counts.closedTickets++;
        counts.actions++;
      } else if (openStatuses.length > 0) {
        await updateTicket(deskCtx, ticket.id, { status_id: rng.pick(openStatuses) });
      }
    }

    let seq = 1;
    const tag = (prefix: string) =>
      `${prefix}-${String(ci + 1).padStart(3, '0')}-${String(seq++).padStart(3, '0')}`;
    for (const userId of users) {
      if (!rng.chance(0.7)) continue;
      const model = rng.pick(ASSET_MODELS.filter((m) => m.perUser));
      await createAsset(ctx, {
        assettype_id: assetTypeIdByName.get(model.type),
        user_id: userId,
        inventory_number: tag(model.prefix),
        serial: serial(rng),
        fields: [
          { name: 'Model', value: rng.pick(model.models) },
          {
            name: 'Operating System',
            value: model.models[0]?.startsWith('MacBook') ? 'macOS' : 'Windows 11 Pro',
          },
        ],
      });
      counts.assets++;
    }
    for (const model of ASSET_MODELS.filter((m) => !m.perUser)) {
      if (model.type === 'Server' && !rng.chance(0.5)) continue;
      await createAsset(ctx, {
        assettype_id: assetTypeIdByName.get(model.type),
        site_id: rng.pick(siteIds),
        inventory_number: tag(model.prefix),
        serial: serial(rng),
        fields: [{ name: 'Model', value: rng.pick(model.models) }],
      });
      counts.assets++;
    }

    const products = shuffled(rng, LICENCE_PRODUCTS).slice(0, rng.int(1, 3));
    for (const p of products) {
      const count = users.length + rng.int(0, 5);
      const start = new Date(Date.UTC(2026, rng.int(0, 10), 1));
      await createLicence(ctx, {
        name: p.name,
        vendor: p.vendor,
        product_sku: p.sku,
        type: p.type,
        client_id: customer.id,
        count,
        licences_in_use: Math.min(count, users.length - rng.int(0, 1)),
        start_date: start.toISOString(),
        end_date: new Date(Date.UTC(start.getUTCFullYear() + 1, start.getUTCMonth(), 1)).toISOString(),
      });
      counts.licences++;
    }
  }
  return counts;
}
