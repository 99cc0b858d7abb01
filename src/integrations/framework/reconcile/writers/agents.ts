// Directory people in agent-mapped containers become agents, with the mapping's role and team.
import type { ExternalPerson } from '../../contract.js';
import { resolveContainer } from '../../mappings/mapping.js';
import type { RecordWriter } from '../types.js';
import { activeIds, adoptExisting, inactivate, leavers } from './shared.js';
import { personFields } from './users.js';

const AGENT_FIELDS = [
  'name',
  'firstname',
  'surname',
  'initials',
  'email',
  'jobtitle',
  'phone',
  'login',
] as const;

export const agentWriter: RecordWriter<ExternalPerson> = {
  recordType: 'agent',
  table: 'agents',
  mappableFields: AGENT_FIELDS,
  async resolve(w, rec) {
    const m = resolveContainer(w.mappings, rec.containerId, rec.memberOf);
    if (!m || m.target.kind !== 'agent') return { kind: 'skip', reason: 'container not mapped to agents' };
    const { roleId, teamId } = m.target;
    const fields = personFields(rec, AGENT_FIELDS);
    const existingId = await adoptExisting(w, { recordType: 'agent', table: 'agents' }, rec);
    return {
      kind: 'write',
      name: String(fields.name),
      fields,
      ...(existingId !== undefined ? { existingId } : {}),
      structural: { inactive: rec.disabled ? 1 : 0, ...(teamId !== null ? { default_team_id: teamId } : {}) },
      afterCreate: async (wc, id) => {
        if (roleId !== null)
          await wc.tx.insertInto('agent_roles').values({ agent_id: id, role_id: roleId }).execute();
        if (teamId !== null)
          await wc.tx.insertInto('team_members').values({ team_id: teamId, agent_id: id }).execute();
      },
    };
  },
  async create(w, v) {
    const text = (k: string) => (v[k] === undefined || v[k] === null ? null : String(v[k]));
    const { id } = await w.tx
      .insertInto('agents')
      .values({
        name: String(v.name),
        firstname: text('firstname'),
        surname: text('surname'),
        initials: text('initials'),
        email: text('email'),
        jobtitle: text('jobtitle'),
        phone: text('phone'),
        login: text('login'),
        inactive: Number(v.inactive ?? 0),
        default_team_id:
          v.default_team_id === undefined || v.default_team_id === null ? null : Number(v.default_team_id),
        created_at: w.now,
        updated_at: w.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },
  // Leaving agents follow the instance's leaver policy too ("no_tickets": only agents with no tickets assigned).
  sweep: async (w, ids) => inactivate(w.tx, 'agents', await leavers(w, 'agent_id', ids), w.now),
  active: (tx, ids) => activeIds(tx, 'agents', ids),
};
