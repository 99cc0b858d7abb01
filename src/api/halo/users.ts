// /api/Users: end users / contacts (halo-api.md §3.3). Paged list with the `users` wrapper; DELETE deactivates.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { mapPage } from '../../core/shared/list.js';
import { createEndUser } from '../../core/users/create-end-user.js';
import { deleteEndUser } from '../../core/users/delete-end-user.js';
import { getEndUser } from '../../core/users/get-end-user.js';
import { listEndUsers } from '../../core/users/list-end-users.js';
import { presentUser } from '../../core/users/presenter.js';
import { updateEndUser } from '../../core/users/update-end-user.js';
import { listQuery } from './list-query.js';
import { bodyBool, bodyId, bodyRef, bodyText, ignoredPostFlags, queryInt } from './params.js';
import { registerResource } from './resource.js';
import { parseAdvancedSearch } from './advanced-search.js';

const userListQuery = listQuery.extend({
  client_id: queryInt.optional().describe('only users of this client'),
  site_id: queryInt.optional().describe('only users of this site'),
  toplevel_id: queryInt.optional().describe('only users of clients under this top level'),
  advanced_search: z
    .string()
    .optional()
    .describe(
      'JSON [{filter_name, filter_type: 2, filter_value}] on id, emailaddress, login/networklogin, name, site_id, client_id; other fields are a 400',
    ),
});

const ADVANCED_FIELDS = {
  id: 'id',
  emailaddress: 'email',
  email: 'email',
  login: 'login',
  networklogin: 'login',
  name: 'name',
  site_id: 'site_id',
  client_id: 'customer_id',
} as const;

const userElement = z.object({
  id: bodyId,
  name: bodyText.optional(),
  firstname: bodyText.optional(),
  surname: bodyText.optional(),
  site_id: bodyRef.optional().describe("the user's site; its client is derived from it"),
  client_id: bodyRef.optional().describe("without site_id: the user goes to this client's main site"),
  emailaddress: bodyText.optional(),
  phonenumber: bodyText.optional(),
  mobilenumber: bodyText.optional(),
  login: bodyText.optional(),
  networklogin: bodyText.optional().describe('alias of login'),
  title: bodyText.optional(),
  department: bodyText.optional(),
  notes: bodyText.optional(),
  inactive: bodyBool.optional(),
  ...ignoredPostFlags,
});

export async function userRoutes(app: FastifyInstance): Promise<void> {
  registerResource(app, {
    path: '/Users',
    tag: 'Users',
    list: {
      query: userListQuery,
      reply: { kind: 'wrapper', key: 'users' },
      summary:
        'List end users (wrapper {page_no, page_size, record_count, users}); search matches name, e-mail and login',
      run: async (ctx, req, q) =>
        mapPage(
          await listEndUsers(ctx, {
            ...req.options,
            customerId: q.client_id,
            siteId: q.site_id,
            toplevelId: q.toplevel_id,
            equals: parseAdvancedSearch(q.advanced_search, ADVANCED_FIELDS),
          }),
          presentUser,
        ),
    },
    get: { run: async (ctx, id) => presentUser(await getEndUser(ctx, id)) },
    save: {
      element: userElement,
      run: async (ctx, el) => {
        const fields = {
          firstname: el.firstname,
          surname: el.surname,
          email: el.emailaddress,
          phone: el.phonenumber,
          mobile: el.mobilenumber,
          login: el.login !== undefined ? el.login : el.networklogin,
          title: el.title,
          department: el.department,
          notes: el.notes,
          inactive: el.inactive,
          siteId: el.site_id ?? undefined,
          customerId: el.client_id ?? undefined,
        };
        if (el.id === undefined) return presentUser(await createEndUser(ctx, { ...fields, name: el.name }));
        return presentUser(
          await updateEndUser(ctx, { ...fields, id: el.id, name: el.name === null ? '' : el.name }),
        );
      },
    },
    remove: {
      summary: 'Deactivate an end user (soft delete)',
      run: async (ctx, id) => presentUser(await deleteEndUser(ctx, id)),
    },
  });
}
