// End users: people in OUs/groups mapped to a customer or site (see people.ts for how they are read).
import { defineSync } from '../../framework/contract.js';
import { LdapCursorSchema, type LdapCursor } from '../incremental/cursor-schema.js';
import type { LdapConfig } from '../manifest.js';
import { readPeople } from './worker-read.js';

export const usersSync = defineSync<LdapConfig, 'users', LdapCursor>({
  entity: 'users',
  recordType: 'user',
  cursorSchema: LdapCursorSchema,
  read: (ctx, cursor) => readPeople(ctx, 'users', cursor),
});
