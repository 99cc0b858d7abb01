// The console's directory mappings in a real browser: Debian's Chromium (playwright-core) against `tributary serve`
// on a temporary SQLite database. Creates a user role on the User roles screen (bad input first), an Active
// Directory / LDAP connection whose server cannot be reached (discovery fails, so DNs are typed), then maps one OU
// to a site with that user role and one group to agents with a role and a team, and checks the table, the edit
// dialog's pre-filled values and what the API stored. Screenshots go to test-results/console/.
import net from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium } from './support/browser.js';
import {
  httpStatus,
  logIn,
  openConnectionTab,
  openConsole,
  type OpenConsole,
} from './support/console-page.js';
import { screenshot } from './support/screens.js';
import type { TributaryProcess } from './support/tributary-server.js';

const ADMIN_PASSWORD = 'e2e-ldap-console-password-1';
const STEP = 30_000;
const SALES_DN = 'OU=Sales,OU=Staff,DC=corp,DC=example';
const IT_DN = 'CN=IT Staff,OU=Groups,DC=corp,DC=example';

interface StoredMapping {
  id: number;
  externalId: string;
  externalName: string;
  containerKind: string;
  status: string;
  targetKind: string | null;
  customerId: number | null;
  siteId: number | null;
  userRoleId: number | null;
  roleId: number | null;
  teamId: number | null;
  recursive: boolean;
  filter: string | null;
  source: string;
}

/** A loopback port nothing listens on: the LDAP connection is refused at once. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

describeWithChromium('console: LDAP mappings to sites and agents (Chromium)', () => {
  let ui: OpenConsole;
  let server: TributaryProcess;
  let page: Page;
  let consoleErrors: string[] = [];
  const seeded = { customerId: 0, siteId: 0, teamId: 0, roleId: 0, userRoleId: 0, instanceId: 0 };

  beforeAll(async () => {
    // Expected non-2xx fetches: 401 (the first session check), 400 and 409 (the deliberately refused forms), and any
    // status from discovery against an LDAP server that is not there. Anything else is a bug.
    const expected = httpStatus(400, 401, 409);
    ui = await openConsole(ADMIN_PASSWORD, (m) => expected(m) || /\/discover\b/.test(m.location().url));
    ({ server, page, consoleErrors } = ui);
  }, 180_000);

  afterAll(async () => {
    await ui?.close();
  });

  const nav = async (name: string) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
  };
  const call = async <T>(method: 'get' | 'post', path: string, data?: unknown): Promise<T> => {
    const res =
      method === 'get'
        ? await page.request.get(`${server.url}${path}`)
        : await page.request.post(`${server.url}${path}`, { data });
    expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
    return (await res.json()) as T;
  };
  /** Halo's POST answers one object for one element, an array for several. */
  const one = <T>(x: T | T[]): T => (Array.isArray(x) ? (x[0] as T) : x);

  it(
    'logs in and seeds a customer with a site, a team and an agent role',
    async () => {
      await logIn(page, ADMIN_PASSWORD);

      const customer = one(
        await call<{ id: number }>('post', '/api/Client', [{ name: 'Northwind Traders' }]),
      );
      seeded.customerId = customer.id;
      const site = one(
        await call<{ id: number }>('post', '/api/Site', [{ name: 'Sales Floor', client_id: customer.id }]),
      );
      seeded.siteId = site.id;
      seeded.teamId = one(await call<{ id: number }>('post', '/api/Team', [{ name: 'Service Desk' }])).id;
      seeded.roleId = (
        await call<{ id: number }>('post', '/admin/api/roles', { name: 'Field Engineers', permissions: [] })
      ).id;
      const teams = await call<{ id: number; name: string }[]>('get', '/admin/api/teams');
      expect(teams.find((t) => t.id === seeded.teamId)).toMatchObject({ name: 'Service Desk' });
    },
    STEP,
  );

  it(
    'creates a user role on the User roles screen: an empty or taken name shows a field error',
    async () => {
      await nav('User roles');
      await page.getByText('No user roles yet').waitFor();
      await page.getByRole('button', { name: 'New user role' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'New user role' });
      await dialog.getByRole('button', { name: 'Create' }).click();
      await dialog.getByRole('alert').filter({ hasText: 'Nothing was saved' }).waitFor();
      expect(await dialog.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await dialog.getByLabel('Name', { exact: true }).fill('Sales staff');
      await dialog.getByLabel('Description', { exact: true }).fill('People in the Sales OU');
      await dialog.getByRole('button', { name: 'Create' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const table = page.getByRole('table', { name: 'User roles' });
      await table
        .getByRole('row')
        .filter({ hasText: 'Sales staff' })
        .getByText('People in the Sales OU')
        .waitFor();

      // The same name again: the server refuses it and says so beside the field.
      await page.getByRole('button', { name: 'New user role' }).first().click();
      await dialog.getByLabel('Name', { exact: true }).fill('Sales staff');
      await dialog.getByRole('button', { name: 'Create' }).click();
      await dialog.getByRole('alert').filter({ hasText: 'Nothing was saved' }).waitFor();
      expect(await dialog.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await screenshot(page, 'ldap-01-user-role-taken');
      await dialog.getByRole('button', { name: 'Cancel' }).click();

      const roles = await call<{ id: number; name: string; description: string | null }[]>(
        'get',
        '/admin/api/user-roles',
      );
      expect(roles.map((r) => r.name)).toEqual(['Sales staff']);
      seeded.userRoleId = roles[0]!.id;
    },
    STEP,
  );

  it(
    'maps an OU, typed by DN, to a site with a user role',
    async () => {
      const port = await closedPort();
      const instance = await call<{ id: number }>('post', '/admin/api/instances', {
        connectorId: 'ldap',
        name: 'Corp AD',
        config: {
          domains: [
            {
              id: 'corp',
              hosts: ['127.0.0.1'],
              port,
              security: 'ldaps',
              bindDn: 'CN=svc-sync,OU=Service,DC=corp,DC=example',
              bindPassword: 'not-used-by-this-test',
              baseDns: ['DC=corp,DC=example'],
            },
          ],
          connectTimeoutMs: 500,
        },
      });
      seeded.instanceId = instance.id;
      await page.goto(`/instances/${instance.id}/mappings`);
      await page.getByRole('heading', { name: 'Corp AD', level: 1 }).waitFor();
      await page.getByText('No mappings yet').waitFor();

      await page.getByRole('button', { name: 'Add', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a mapping' });
      // Discovery cannot reach the server: the DN is typed instead.
      const dn = dialog.getByLabel('Distinguished name (DN)', { exact: true });
      await dn.waitFor();
      expect(await dialog.getByRole('radio', { name: 'Site (end users)' }).isChecked()).toBe(true);

      // 1. Nothing chosen: the browser-side check marks the fields and sends nothing.
      await dialog.getByRole('button', { name: 'Save mapping' }).click();
      await dialog.getByRole('alert').filter({ hasText: 'Some fields need attention' }).waitFor();
      expect(await dn.getAttribute('aria-invalid')).toBe('true');
      expect(await dialog.getByLabel('Site', { exact: true }).getAttribute('aria-invalid')).toBe('true');

      // 2. Everything chosen but the id is no DN: the server's error sits beside the DN field.
      await dn.fill('Sales department');
      // The customer list says what it answers: loaded, then a search that matches nothing, by its term.
      await dialog.getByRole('option', { name: 'Choose a customer…' }).waitFor({ state: 'attached' });
      await dialog.getByLabel('Search customers', { exact: true }).fill('Nobody by this name');
      await dialog
        .getByRole('option', { name: 'No customer matches "Nobody by this name"' })
        .waitFor({ state: 'attached' });
      await dialog.getByLabel('Search customers', { exact: true }).fill('Northwind');
      await dialog.getByRole('option', { name: 'Northwind Traders' }).waitFor({ state: 'attached' });
      await dialog.getByLabel('Customer', { exact: true }).selectOption({ label: 'Northwind Traders' });
      await dialog.getByRole('option', { name: 'Sales Floor' }).waitFor({ state: 'attached' });
      await dialog.getByLabel('Site', { exact: true }).selectOption({ label: 'Sales Floor' });
      await dialog.getByRole('option', { name: 'Sales staff' }).waitFor({ state: 'attached' });
      await dialog.getByLabel('User role', { exact: true }).selectOption({ label: 'Sales staff' });
      await dialog.getByLabel('Include sub-containers', { exact: true }).check();
      await dialog.getByLabel('Filter', { exact: true }).fill('(department=Sales)');
      await dialog.getByRole('button', { name: 'Save mapping' }).click();
      await dialog.getByText('is not a DN', { exact: false }).waitFor();
      expect(await dn.getAttribute('aria-invalid')).toBe('true');
      await screenshot(page, 'ldap-02-mapping-site-bad-dn');
      expect(await call<unknown[]>('get', `/admin/api/instances/${instance.id}/mappings`)).toEqual([]);

      // 3. A DN now, but a filter with a parenthesis missing: its error sits beside the filter.
      await dn.fill(SALES_DN);
      const filter = dialog.getByLabel('Filter', { exact: true });
      await filter.fill('((department=Sales)');
      await dialog.getByRole('button', { name: 'Save mapping' }).click();
      await dialog.getByText('has unbalanced parentheses', { exact: false }).first().waitFor();
      expect(await filter.getAttribute('aria-invalid')).toBe('true');
      expect(await call<unknown[]>('get', `/admin/api/instances/${instance.id}/mappings`)).toEqual([]);

      // 4. Fixed: saved, and the table names the customer, the site and the user role.
      await filter.fill('(department=Sales)');
      await dialog.getByRole('button', { name: 'Save mapping' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const table = page.getByRole('table', { name: /mappings/ });
      await table.getByRole('columnheader', { name: 'Target' }).waitFor();
      const row = table.getByRole('row').filter({ hasText: SALES_DN });
      await row.getByRole('link', { name: 'Sales Floor' }).waitFor();
      await row.getByRole('link', { name: 'Northwind Traders' }).waitFor();
      await row.getByText('user role: Sales staff').waitFor();
      expect(await row.getByRole('cell', { name: 'Sales', exact: true }).count()).toBe(1);

      const stored = await call<StoredMapping[]>('get', `/admin/api/instances/${instance.id}/mappings`);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({
        externalId: SALES_DN,
        externalName: 'Sales',
        containerKind: 'ou',
        status: 'mapped',
        source: 'manual',
        targetKind: 'site',
        customerId: seeded.customerId,
        siteId: seeded.siteId,
        userRoleId: seeded.userRoleId,
        recursive: true,
        filter: '(department=Sales)',
      });
    },
    STEP,
  );

  it(
    'maps a group, typed by DN, to agents with a role and a team',
    async () => {
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a mapping' });
      const dn = dialog.getByLabel('Distinguished name (DN)', { exact: true });
      await dn.waitFor();
      await dn.fill(IT_DN);
      await dialog.getByRole('radio', { name: 'Agents' }).check();
      await dialog.getByRole('option', { name: 'Field Engineers' }).waitFor({ state: 'attached' });
      await dialog.getByLabel('Agent role', { exact: true }).selectOption({ label: 'Field Engineers' });
      await dialog.getByRole('option', { name: 'Service Desk' }).waitFor({ state: 'attached' });
      await dialog.getByLabel('Team', { exact: true }).selectOption({ label: 'Service Desk' });
      await screenshot(page, 'ldap-03-mapping-agents');
      await dialog.getByRole('button', { name: 'Save mapping' }).click();
      await dialog.waitFor({ state: 'hidden' });

      const table = page.getByRole('table', { name: /mappings/ });
      const row = table.getByRole('row').filter({ hasText: IT_DN });
      await row.getByText('Agents (Field Engineers, Service Desk)').waitFor();
      await screenshot(page, 'ldap-04-mappings-table', { fullPage: true });

      const stored = await call<StoredMapping[]>('get', `/admin/api/instances/${seeded.instanceId}/mappings`);
      expect(stored.find((m) => m.externalId === IT_DN)).toMatchObject({
        externalName: 'IT Staff',
        containerKind: 'group',
        status: 'mapped',
        targetKind: 'agent',
        customerId: null,
        siteId: null,
        userRoleId: null,
        roleId: seeded.roleId,
        teamId: seeded.teamId,
        recursive: false,
        filter: null,
      });
    },
    STEP,
  );

  it(
    'pre-fills the edit dialog with everything the mapping holds, and keeps it on save',
    async () => {
      await page.getByRole('button', { name: 'Edit mapping for Sales' }).click();
      const dialog = page.getByRole('dialog', { name: 'Map Sales' });
      await dialog.waitFor();
      expect(await dialog.getByRole('radio', { name: 'Site (end users)' }).isChecked()).toBe(true);
      await dialog.getByRole('option', { name: 'Sales Floor' }).waitFor({ state: 'attached' });
      expect(await dialog.getByLabel('Site', { exact: true }).inputValue()).toBe(String(seeded.siteId));
      expect(await dialog.getByLabel('Customer', { exact: true }).inputValue()).toBe(
        String(seeded.customerId),
      );
      await dialog.getByRole('option', { name: 'Sales staff' }).waitFor({ state: 'attached' });
      expect(await dialog.getByLabel('User role', { exact: true }).inputValue()).toBe(
        String(seeded.userRoleId),
      );
      expect(await dialog.getByLabel('Include sub-containers', { exact: true }).isChecked()).toBe(true);
      expect(await dialog.getByLabel('Filter', { exact: true }).inputValue()).toBe('(department=Sales)');

      // Clearing the user role is saved as "none"; the other settings stay.
      await dialog.getByLabel('User role', { exact: true }).selectOption({ label: 'No user role' });
      await dialog.getByRole('button', { name: 'Save mapping' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const row = page
        .getByRole('table', { name: /mappings/ })
        .getByRole('row')
        .filter({ hasText: SALES_DN });
      await row.getByRole('link', { name: 'Sales Floor' }).waitFor();
      await expect.poll(async () => row.getByText('user role:').count()).toBe(0);
      const stored = await call<StoredMapping[]>('get', `/admin/api/instances/${seeded.instanceId}/mappings`);
      expect(stored.find((m) => m.externalId === SALES_DN)).toMatchObject({
        targetKind: 'site',
        siteId: seeded.siteId,
        userRoleId: null,
        recursive: true,
        filter: '(department=Sales)',
      });
      expect(consoleErrors).toEqual([]);
    },
    STEP,
  );

  it(
    'sets what happens to people who leave the directory on the Integrator tab',
    async () => {
      await openConnectionTab(page, 'Integrator');
      const policy = page.getByLabel('People who leave the directory', { exact: true });
      expect(await policy.inputValue()).toBe('no_tickets');
      await policy.selectOption({ label: 'Never inactivate them' });
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Integrator settings saved').waitFor();
      const stored = await call<{ userLeaverPolicy: string }>(
        'get',
        `/admin/api/instances/${seeded.instanceId}`,
      );
      expect(stored.userLeaverPolicy).toBe('never');
      await screenshot(page, 'ldap-05-integrator-leavers');
      expect(consoleErrors).toEqual([]);
    },
    STEP,
  );

  it(
    'renames a user role and deletes it once no mapping gives it',
    async () => {
      await nav('User roles');
      const table = page.getByRole('table', { name: 'User roles' });
      await table.getByRole('button', { name: 'Edit Sales staff' }).click();
      const edit = page.getByRole('dialog', { name: 'Edit user role Sales staff' });
      expect(await edit.getByLabel('Name', { exact: true }).inputValue()).toBe('Sales staff');
      await edit.getByLabel('Name', { exact: true }).fill('Sales team');
      await edit.getByRole('button', { name: 'Save' }).click();
      await edit.waitFor({ state: 'hidden' });
      await table
        .getByRole('row')
        .filter({ hasText: 'Sales team' })
        .getByText('People in the Sales OU')
        .waitFor();

      // The Sales mapping's role was cleared above, so nothing gives it: it goes, and nobody held it.
      await table.getByRole('button', { name: 'Delete Sales team' }).click();
      const confirm = page.getByRole('dialog', { name: 'Delete user role Sales team?' });
      await confirm.getByRole('button', { name: 'Delete' }).click();
      await page.getByText('User role Sales team deleted; 0 end users held it').waitFor();
      await page.getByText('No user roles yet').waitFor();
      expect(await call<unknown[]>('get', '/admin/api/user-roles')).toEqual([]);
      expect(consoleErrors).toEqual([]);
    },
    STEP,
  );
});
