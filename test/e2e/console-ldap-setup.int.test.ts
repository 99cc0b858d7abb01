// Setting up an Active Directory / LDAP connection entirely in the console, in a real browser (Debian's Chromium
// through playwright-core) against a real slapd over LDAPS: the New connection dialog's domain section (key,
// servers, port, CA certificate, bind DN, password, base DNs), Check connection, then the Setup tab: a second
// domain that is incomplete (field errors, nothing saved), removed again; a field → attribute override; matching
// of hand-made users turned off; onboarding tickets left off, then turned on with a ticket type and team chosen
// by name; the Mappings dialog offering the directory's OUs with their people counts; an import, and its run
// page saying which read ran and why. Before, the domains were a one-per-line text box showing "[object Object]",
// and the Setup form could not be saved at all.
// Screenshots go to test-results/console/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBinaries } from '../servers/require-binaries.js';
import { SLAPD_BINARIES, startSlapd, type SlapdServer } from '../servers/slapd.js';
import { directoryLdif } from '../../src/integrations/ldap/testing.js';
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

const ADMIN_PASSWORD = 'e2e-ldap-setup-password-1';
const STEP = 30_000;

interface StoredInstance {
  id: number;
  name: string;
  config: Record<string, unknown> & { domains: Record<string, unknown>[] };
  secrets: Record<string, { set: boolean }>;
}

describeWithBinaries('console: LDAP connection setup against slapd', SLAPD_BINARIES, () => {
  describeWithChromium('console: LDAP connection setup (Chromium)', () => {
    let slapd: SlapdServer;
    let ui: OpenConsole;
    let server: TributaryProcess;
    let page: Page;
    let instanceId = 0;
    let consoleErrors: string[] = [];

    beforeAll(async () => {
      slapd = await startSlapd({ ldif: directoryLdif() });
      // Expected: 401 (the first session check) and 400 (the deliberately incomplete forms).
      ui = await openConsole(ADMIN_PASSWORD, httpStatus(400, 401));
      ({ server, page, consoleErrors } = ui);
    }, 180_000);

    afterAll(async () => {
      await ui?.close();
      await slapd?.stop();
    });

    const get = async <T>(path: string): Promise<T> => {
      const res = await page.request.get(`${server.url}${path}`);
      expect(res.status(), `GET ${path}: ${await res.text()}`).toBe(200);
      return (await res.json()) as T;
    };
    const instance = () => get<StoredInstance>(`/admin/api/instances/${instanceId}`);
    const save = () => page.getByRole('button', { name: 'Save', exact: true }).click();

    it(
      'creates the connection in the New connection dialog; a missing password is a field error first',
      async () => {
        await logIn(page, ADMIN_PASSWORD);

        await page.goto('/integrations/ldap');
        await page.getByRole('button', { name: 'New connection' }).first().click();
        const dialog = page.getByRole('dialog', { name: 'New Active Directory / LDAP connection' });
        const url = new URL(slapd.ldapsUrl);
        // Only the connection's name: the attribute maps' "Name" boxes are named after their map as well.
        await dialog.getByLabel('Name', { exact: true }).fill('Head office directory');
        const domain = dialog.getByRole('group', { name: 'Domain 1' });
        await domain.getByLabel('Domain key', { exact: true }).fill('corp');
        await domain.getByLabel('Servers', { exact: true }).fill(url.hostname);
        await domain.getByLabel('Port', { exact: true }).fill(url.port);
        await domain.getByLabel('CA certificate (PEM)', { exact: true }).fill(slapd.caCertPem);
        await domain.getByLabel('Bind DN or UPN', { exact: true }).fill(slapd.bindDn);
        await domain.getByLabel('Base DNs', { exact: true }).fill(slapd.baseDn);
        // A new connection starts with LDAPS, matching by e-mail, and onboarding tickets off.
        expect(await domain.getByLabel('Connection security', { exact: true }).inputValue()).toBe('ldaps');
        expect(await dialog.getByLabel('Use match existing records', { exact: true }).isChecked()).toBe(true);
        expect(await dialog.getByLabel('Use onboarding tickets', { exact: true }).isChecked()).toBe(false);

        await dialog.getByRole('button', { name: 'Create' }).click();
        const password = domain.getByLabel('Bind password', { exact: true });
        await domain.getByText('Bind password is required.').waitFor();
        expect(await password.getAttribute('aria-invalid')).toBe('true');
        expect(await get<unknown[]>('/admin/api/instances')).toEqual([]);
        await screenshot(page, 'ldap-setup-01-new-connection-missing-password', { fullPage: true });

        await password.fill(slapd.bindPassword);
        await dialog.getByRole('button', { name: 'Create' }).click();
        await page.waitForURL(/\/instances\/\d+\/setup$/);
        instanceId = Number(/\/instances\/(\d+)\//.exec(page.url())?.[1]);
        const stored = await instance();
        expect(stored.name).toBe('Head office directory');
        expect(stored.config.domains).toEqual([
          {
            id: 'corp',
            hosts: [url.hostname],
            port: Number(url.port),
            security: 'ldaps',
            caCertificate: slapd.caCertPem,
            bindDn: slapd.bindDn,
            bindPassword: '********',
            baseDns: [slapd.baseDn],
            vendor: 'auto',
          },
        ]);
        expect(stored.secrets).toEqual({ 'domains.0.bindPassword': { set: true } });
        // Nothing optional was switched on by saving the form.
        expect(stored.config).not.toHaveProperty('onboarding');
        expect(stored.config).not.toHaveProperty('matchExisting');
        expect(consoleErrors).toEqual([]);
      },
      STEP,
    );

    it(
      'checks the saved connection against slapd',
      async () => {
        await page.getByRole('button', { name: 'Check connection' }).click();
        const result = page.getByRole('status').filter({ hasText: 'Connection works' });
        await result.waitFor();
        expect(await result.textContent()).toContain('OpenLDAP');
        await screenshot(page, 'ldap-setup-02-check-connection');
        expect(consoleErrors).toEqual([]);
      },
      STEP,
    );

    it(
      'refuses an incomplete second domain with errors beside its fields, and saves nothing',
      async () => {
        await page.getByRole('button', { name: 'Add domain' }).click();
        const second = page.getByRole('group', { name: 'Domain 2' });
        await second.getByLabel('Domain key', { exact: true }).fill('child');
        await save();
        await second.getByText('Bind DN or UPN is required.').waitFor();
        await second.getByText('Bind password is required.').waitFor();
        await page.getByText('Some fields need attention. Nothing was saved.').waitFor();
        // The first domain's stored password still counts: no error there.
        expect(
          await page.getByRole('group', { name: 'Domain 1 (corp)' }).locator('.field-error').count(),
        ).toBe(0);
        expect((await instance()).config.domains).toHaveLength(1);
        await screenshot(page, 'ldap-setup-03-incomplete-second-domain', { fullPage: true });

        await page.getByRole('button', { name: 'Remove Domain 2 (child)' }).click();
        await second.waitFor({ state: 'detached' });
        expect(consoleErrors).toEqual([]);
      },
      STEP,
    );

    it(
      'saves a field override and turns matching off; the stored password is kept',
      async () => {
        await page.getByLabel('Title (End-user attributes)', { exact: true }).fill('description');
        const matching = page.getByLabel('Use match existing records', { exact: true });
        // On by the connector's default, shown as values: e-mail matched on mail.
        expect(await page.getByLabel('Attribute', { exact: true }).inputValue()).toBe('mail');
        await matching.uncheck();
        await save();
        await page.getByText('Settings saved').waitFor();
        const stored = await instance();
        expect(stored.config.userAttributes).toEqual({ title: 'description' });
        expect(stored.config.matchExisting).toBeNull();
        expect(stored.config).not.toHaveProperty('onboarding');
        expect(stored.config.domains).toHaveLength(1);
        expect(stored.secrets).toEqual({ 'domains.0.bindPassword': { set: true } });

        // The stored password still binds.
        await page.getByRole('button', { name: 'Check connection' }).click();
        await page.getByRole('status').filter({ hasText: 'Connection works' }).waitFor();
        await screenshot(page, 'ldap-setup-04-saved', { fullPage: true });
        expect(consoleErrors).toEqual([]);
      },
      STEP,
    );

    it(
      'turns onboarding tickets on only when asked, with the ticket type and team chosen by name',
      async () => {
        // A fresh PSA has ticket types but no team: add one through the Halo API, then reload the form.
        const team = await page.request.post(`${server.url}/api/Team`, { data: [{ name: 'Service Desk' }] });
        expect(team.status(), await team.text()).toBeLessThan(300);
        await page.reload();
        await page.getByLabel('Use onboarding tickets', { exact: true }).check();
        const onboarding = page.getByRole('group', { name: 'Onboarding tickets' });
        await onboarding.getByLabel('Ticket type', { exact: true }).selectOption({ label: 'Onboarding' });
        await onboarding.getByLabel('Team', { exact: true }).selectOption({ label: 'Service Desk' });
        await onboarding.getByLabel('Details', { exact: true }).fill('Welcome {firstname} to {ou}.');
        await save();
        await page.getByText('Settings saved').waitFor();
        const types = await get<{ id: number; name: string }[]>('/admin/api/choices/tickettype');
        const teams = await get<{ id: number; name: string }[]>('/admin/api/choices/team');
        expect((await instance()).config.onboarding).toEqual({
          ticketTypeId: types.find((t) => t.name === 'Onboarding')?.id,
          teamId: teams.find((t) => t.name === 'Service Desk')?.id,
          details: 'Welcome {firstname} to {ou}.',
        });
        // The summary was left at its placeholder: the connector's default ("New starter: {name}") applies.
        expect(await onboarding.getByLabel('Summary', { exact: true }).getAttribute('placeholder')).toBe(
          'New starter: {name}',
        );
        await screenshot(page, 'ldap-setup-05-onboarding', { fullPage: true });
        expect(consoleErrors).toEqual([]);
      },
      STEP,
    );

    it(
      'offers the directory OUs to map, with how many people each holds',
      async () => {
        await openConnectionTab(page, 'Mappings');
        await page.getByRole('button', { name: 'Add', exact: true }).click();
        const dialog = page.getByRole('dialog');
        const picker = dialog.getByLabel('OU', { exact: true });
        await picker.locator('option', { hasText: 'Sales' }).waitFor({ state: 'attached' });
        const options = await picker.locator('option').allTextContents();
        // A tree: each OU below its parent, indented one step (three no-break spaces) deeper.
        const indent = (text: string | undefined) => (text ?? '').length - (text ?? '').trimStart().length;
        const named = (name: string) => options.find((o) => o.trimStart().startsWith(name));
        expect(named('Sales')?.trimStart()).toBe('Sales · 2 people');
        expect(named('IT Staff')?.trimStart()).toBe('IT Staff · 1 person');
        const base = options.findIndex((o) => o.includes('dc=example,dc=test'));
        expect(base).toBeGreaterThan(0);
        expect(options.indexOf(named('Sales') as string)).toBeGreaterThan(base);
        expect(indent(named('Sales'))).toBe(indent(options[base]) + 3);
        // The indentation is silent: a screen reader hears the parent's name instead.
        const baseName = (options[base] as string).trim().replace(/ · .*$/, '');
        await expect
          .poll(() => picker.getByRole('option', { name: `Sales · 2 people, inside ${baseName}` }).count())
          .toBe(1);
        await screenshot(page, 'ldap-setup-06-pick-an-ou');
        expect(consoleErrors).toEqual([]);
      },
      STEP,
    );

    it(
      'maps the Sales OU to a site, imports, and the run says which read ran and why',
      async () => {
        const post = async <T>(path: string, data: unknown): Promise<T> => {
          const res = await page.request.post(`${server.url}${path}`, { data });
          expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
          const body = (await res.json()) as T | T[];
          return Array.isArray(body) ? (body[0] as T) : body;
        };
        const customer = await post<{ id: number }>('/api/Client', [{ name: 'Contoso' }]);
        await post('/api/Site', [{ name: 'Sales Floor', client_id: customer.id }]);

        // The dialog the last step opened: the OU, then the customer and its site.
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel('OU', { exact: true }).selectOption({ label: 'Sales · 2 people' });
        await dialog.getByLabel('Search customers', { exact: true }).fill('Contoso');
        await dialog.getByRole('option', { name: 'Contoso' }).waitFor({ state: 'attached' });
        await dialog.getByLabel('Customer', { exact: true }).selectOption({ label: 'Contoso' });
        await dialog.getByRole('option', { name: 'Sales Floor' }).waitFor({ state: 'attached' });
        await dialog.getByLabel('Site', { exact: true }).selectOption({ label: 'Sales Floor' });
        await dialog.getByRole('button', { name: 'Save mapping' }).click();
        await dialog.waitFor({ state: 'hidden' });

        await openConnectionTab(page, 'Import');
        await page.getByRole('button', { name: 'Import now' }).click();
        const importSection = page.getByRole('region', { name: 'Import' });
        await importSection.getByText('Succeeded').waitFor({ timeout: 60_000 });
        await importSection.getByRole('link', { name: 'Run details' }).click();
        const users = page
          .getByRole('table', { name: 'Counts per entity' })
          .getByRole('row', { name: /^users/ });
        await users.waitFor();
        const text = await users.textContent();
        expect(text).toContain('full');
        expect(text).toContain('no watermark yet: first read');
        await screenshot(page, 'ldap-setup-07-run-read-and-why');
        expect(consoleErrors).toEqual([]);
      },
      STEP,
    );

    it(
      'the Mappings tab shows the people each mapping holds now',
      async () => {
        await page.getByRole('link', { name: 'Head office directory' }).click();
        await openConnectionTab(page, 'Mappings');
        const sales = page.getByRole('row', { name: /^Sales/ });
        await sales.getByText('2 active users').waitFor();
        await screenshot(page, 'ldap-setup-08-mappings-people');
        // The count opens the site's users.
        await sales.getByRole('link', { name: '2 active users' }).click();
        await page.getByRole('status').filter({ hasText: 'Showing the users of site Sales Floor' }).waitFor();
        const rows = page.getByRole('table', { name: 'Users' }).getByRole('row');
        await rows.nth(2).waitFor();
        expect(await rows.count()).toBe(3); // the header and two people
        expect(consoleErrors).toEqual([]);
      },
      STEP,
    );
  });
});
