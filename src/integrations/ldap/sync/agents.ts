// Agents: people in OUs/groups mapped to agents, created with the mapping's role and team (real agents
// that can log in, never API-only); leavers follow the instance's leaver policy like end users.
import { defineSync } from '../../framework/contract.js';
import { LdapCursorSchema, type LdapCursor } from '../incremental/cursor-schema.js';
import type { LdapConfig } from '../manifest.js';
import { readPeople } from './worker-read.js';

export const agentsSync = defineSync<LdapConfig, 'agents', LdapCursor>({
  entity: 'agents',
  recordType: 'agent',
  cursorSchema: LdapCursorSchema,
  read: (ctx, cursor) => readPeople(ctx, 'agents', cursor),
});
