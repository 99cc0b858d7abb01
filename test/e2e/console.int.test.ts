// The console in a real browser: Debian's Chromium (playwright-core) against `tributary serve` on a temporary
// SQLite database and the fake Sophos Central. Logs in, creates a Sophos connection (bad input first: field
// errors, nothing saved), checks it, generates and adds mappings, previews, imports and sees Last Sync, then
// walks the record, application, agent and settings screens. Screenshots go to test-results/console/.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeSophos, type FakeSophos } from '../fakes/sophos/index.js';
import { describeWithChromium } from './support/browser.js';
import { httpStatus, openConnectionTab, openConsole, type OpenConsole } from './support/console-page.js';
import { screenshot } from './support/screens.js';
import type { TributaryProcess } from './support/tributary-server.js';

const ADMIN_PASSWORD = 'e2e-console-password-1';
const STEP = 30_000;

describeWithChromium('console end to end (Chromium)', () => {
  let server: TributaryProcess;
  let sophos: FakeSophos;
  let ui: OpenConsole;
  let page: Page;
  let consoleErrors: string[] = [];

  beforeAll(async () => {
    sophos = await startFakeSophos({ tenants: 6, licencesPerTenant: 2, seed: 7 });
    // 401 (the first session check, the wrong password) and 400 (the deliberately bad form) are expected.
    ui = await openConsole(ADMIN_PASSWORD, httpStatus(400, 401));
    ({ server, page, consoleErrors } = ui);
  }, 180_000);

  afterAll(async () => {
    await ui?.close();
    await sophos?.close();
  });

  const nav = async (name: string) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
  };
  const tab = (name: string) => openConnectionTab(page, name);

  const api = async <T>(path: string): Promise<T> => {
    const res = await page.request.get(`${server.url}/admin/api${path}`);
    expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
    return (await res.json()) as T;
  };

  it(
    'starts at the login page, refuses a wrong password, and logs in',
    async () => {
      await page.goto('/');
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      // Keyboard users can reach the form: the login field has focus and every control has a label.
      expect(await page.evaluate('document.activeElement && document.activeElement.name')).toBe('login');
      await screenshot(page, '01-login');
      await page.getByLabel('Login', { exact: true }).fill('admin');
      await page.getByLabel('Password', { exact: true }).fill('not-the-password');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('alert').filter({ hasText: 'do not match' }).waitFor();
      await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
      await page.getByLabel('Password', { exact: true }).press('Enter');
      await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
      await page.getByText('No integrations yet').waitFor();
      await screenshot(page, '02-dashboard-empty');
    },
    STEP,
  );

  it(
    'offers a skip link first in the tab order and marks the current page in the navigation',
    async () => {
      await page.goto('/');
      await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe(
        'Skip to content',
      );
      const current = page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]');
      expect(await current.textContent()).toBe('Dashboard');
    },
    STEP,
  );

  it(
    'creates a Sophos connection: bad input shows field errors and saves nothing',
    async () => {
      // Customers to map the fake's tenants onto: two exact names, one name twice (ambiguous), one for "Add".
      const t = sophos.state.tenants
        .filter((x) => x.apiHostMode === 'region')
        .map((x) => x.showAs.trim() || x.name);
      const seed = [t[0], t[1], t[2], t[2], 'Manual Mapping Co'].map((name) => ({ name }));
      const created = await page.request.post(`${server.url}/api/Client`, { data: seed });
      expect(created.status(), await created.text()).toBeLessThan(300);

      await nav('Integrations');
      await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
      await screenshot(page, '03-integrations');
      await page.getByRole('button', { name: 'Add a Sophos Central connection' }).click();
      const dialog = page.getByRole('dialog', { name: 'New Sophos Central connection' });
      await dialog.waitFor();
      // The form is labelled from the connector's schema and pre-filled with its defaults.
      expect(await dialog.getByLabel('Sophos ID URL', { exact: true }).inputValue()).toBe(
        'https://id.sophos.com',
      );
      expect(await dialog.getByLabel('Sophos Central API URL', { exact: true }).inputValue()).toBe(
        'https://api.central.sophos.com',
      );
      // 1. Required fields left empty: the browser-side check marks them, nothing is sent.
      await dialog.getByLabel('Name', { exact: true }).fill('');
      await dialog.getByRole('button', { name: 'Create' }).click();
      await dialog.getByRole('alert').filter({ hasText: 'Some fields need attention' }).waitFor();
      expect(await dialog.getByLabel('Client ID', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      expect(await dialog.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await screenshot(page, '04-new-connection-errors');
      expect(await api<unknown[]>('/instances')).toEqual([]);
      // 2. Plain-http URLs without the insecure switch: the server refuses, the error sits beside the field.
      await dialog.getByLabel('Name', { exact: true }).fill('Sophos Central');
      await dialog.getByLabel('Client ID', { exact: true }).fill(sophos.credentials.partner.clientId);
      await dialog.getByLabel('Client secret', { exact: true }).fill(sophos.credentials.partner.clientSecret);
      await dialog.getByLabel('Sophos ID URL', { exact: true }).fill(sophos.idUrl);
      await dialog.getByLabel('Sophos Central API URL', { exact: true }).fill(sophos.apiUrl);
      await dialog.getByRole('button', { name: 'Create' }).click();
      await dialog.getByText('must use https', { exact: false }).first().waitFor();
      expect(await dialog.getByLabel('Sophos ID URL', { exact: true }).getAttribute('aria-invalid')).toBe(
        'true',
      );
      expect(await api<unknown[]>('/instances')).toEqual([]);
      // 3. Fixed: created, and the console opens its Setup tab.
      await dialog.getByLabel('Allow insecure HTTP', { exact: true }).check();
      await dialog.getByRole('button', { name: 'Create' }).click();
      await page.getByRole('heading', { name: 'Sophos Central', level: 1 }).waitFor();
      expect(
        await page
          .getByRole('navigation', { name: 'Connection sections' })
          .locator('[aria-current="page"]')
          .textContent(),
      ).toBe('Setup');
      // The secret is write-only: the form shows that one is stored, never its value.
      expect(await page.getByLabel('Client secret', { exact: true }).inputValue()).toBe('');
      expect(await page.content()).not.toContain(sophos.credentials.partner.clientSecret);
    },
    STEP,
  );

  it(
    'checks the connection',
    async () => {
      await page.getByRole('button', { name: 'Check connection' }).click();
      await page.getByText('Connection works').waitFor();
      await screenshot(page, '05-setup');
    },
    STEP,
  );

  it(
    'generates mappings, resolves an ambiguous name and adds one by hand',
    async () => {
      await tab('Mappings');
      await page.getByText('No mappings yet').waitFor();
      await page.getByRole('button', { name: 'Generate Mappings' }).click();
      await page.getByText(/Mappings generated: 2 mapped, 1 to review/).waitFor();
      const review = page.getByRole('group', { name: /Candidates for/ });
      await review.getByRole('button').first().click();
      await page
        .getByText(/mapped to/)
        .first()
        .waitFor();
      const instanceId = /\/instances\/(\d+)\//.exec(page.url())?.[1];
      const unmatched = await api<{ externalId: string; externalName: string }[]>(
        `/instances/${instanceId}/mappings?status=unmatched`,
      );
      const target = unmatched[0]!;
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a mapping' });
      await dialog.getByLabel('Sophos tenant', { exact: true }).selectOption({ label: target.externalName });
      await dialog.getByLabel('Search customers', { exact: true }).fill('Manual Mapping');
      await dialog.getByRole('option', { name: 'Manual Mapping Co' }).waitFor({ state: 'attached' });
      await dialog.getByLabel('Customer', { exact: true }).selectOption({ label: 'Manual Mapping Co' });
      await dialog.getByRole('button', { name: 'Save mapping' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const table = page.getByRole('table', { name: /mappings/ });
      const added = table.getByRole('row').filter({ hasText: target.externalName });
      await added.getByRole('link', { name: 'Manual Mapping Co' }).waitFor();
      expect(await added.getByText('You').count()).toBe(1);
      expect(await table.getByText('Mapped', { exact: true }).count()).toBe(4);
      await screenshot(page, '06-mappings');
    },
    STEP,
  );

  it('previews the changes without writing, then imports with progress and shows Last Sync', async () => {
    await tab('Import');
    await page.getByRole('button', { name: 'Preview changes' }).click();
    const previewTable = page.getByRole('table', { name: 'Changes the import would make' });
    await previewTable.waitFor({ timeout: 60_000 });
    expect(await previewTable.getByText('Create').count()).toBeGreaterThan(0);
    await screenshot(page, '07-preview');
    // A preview writes nothing.
    expect((await api<{ total: number }>('/records/licences')).total).toBe(0);
    // A slow vendor: the import keeps running on the server while the page shows its progress.
    sophos.controls.latencyMs = 400;
    await page.getByRole('button', { name: 'Import these changes' }).click();
    const importSection = page.getByRole('region', { name: 'Import' });
    await importSection.getByRole('progressbar', { name: 'Import progress' }).waitFor();
    await importSection.getByText('Running').waitFor();
    await screenshot(page, '08-import-running');
    // The console stays usable meanwhile.
    await tab('Mappings');
    await page.getByRole('table', { name: /mappings/ }).waitFor();
    await tab('Import');
    sophos.controls.latencyMs = 0;
    await page.getByRole('region', { name: 'Import' }).getByText('Succeeded').waitFor({ timeout: 60_000 });
    await screenshot(page, '08-import');
    expect((await api<{ total: number }>('/records/licences')).total).toBeGreaterThan(0);
    await tab('Integrator');
    const lastSync = page.locator('.details-row', { hasText: 'Last Sync' });
    await lastSync.waitFor();
    expect(await lastSync.locator('dd').textContent()).not.toBe('Never');
    await page.getByRole('table', { name: 'Run history' }).getByText('Succeeded').first().waitFor();
    await screenshot(page, '09-integrator');
    await nav('Dashboard');
    const card = page
      .getByRole('list', { name: 'Integration instances' })
      .getByRole('listitem')
      .filter({ hasText: 'Sophos Central' });
    await card.getByRole('img', { name: /Last runs/ }).waitFor();
    expect(await card.getByText('Healthy').count()).toBe(1);
    await screenshot(page, '02-dashboard');
  }, 90_000);

  it(
    'lists the imported customers and licences and shows where each came from',
    async () => {
      const tenant = sophos.state.tenants.find((x) => x.apiHostMode === 'region')!;
      const name = tenant.showAs.trim() || tenant.name;
      await nav('Customers');
      await page.getByRole('table', { name: 'Customers' }).getByRole('link', { name }).waitFor();
      await screenshot(page, '13-customers');
      await page.getByLabel('Search', { exact: true }).fill(name);
      const table = page.getByRole('table', { name: new RegExp(`Customers matching`) });
      await table.getByRole('link', { name }).click();
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      const sources = page.getByRole('table', { name: `Sources of ${name}` });
      await sources.getByRole('link', { name: 'Sophos Central' }).waitFor();
      await sources.getByText(tenant.id).waitFor();
      await screenshot(page, '14-customer-detail');
      await nav('Licences');
      await page.getByRole('table', { name: 'Licences' }).getByText('Sophos Central').first().waitFor();
      await screenshot(page, '15-licences');
    },
    STEP,
  );

  it('holds a run that would inactivate too much for approval, shows it, and applies it when approved', async () => {
    const tenant = sophos.state.tenants.find((x) => x.apiHostMode === 'region')!;
    const gone = sophos.state.licencesOf(tenant.id).map((l) => l.id);
    expect(gone.length).toBeGreaterThan(0);
    for (const id of gone) sophos.state.removeLicence(tenant.id, id);
    await nav('Integrations');
    await page.getByRole('link', { name: 'Sophos Central', exact: true }).first().click();
    await page
      .getByRole('table', { name: 'Sophos Central connections' })
      .getByRole('link', { name: 'Sophos Central' })
      .click();
    await tab('Integrator');
    // Fields to sync: the customer name is not written by default (the PSA keeps its names); ticking it maps it.
    const instanceId = /\/instances\/(\d+)\//.exec(page.url())?.[1];
    const customerName = page
      .getByRole('group', { name: 'Customers fields' })
      .getByLabel('Name', { exact: true });
    expect(await customerName.isChecked()).toBe(false);
    await customerName.check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Integrator settings saved').waitFor();
    const mapped = await api<{ fieldMappings: Record<string, string[]> | null }>(`/instances/${instanceId}`);
    expect(mapped.fieldMappings?.customers?.sort()).toEqual(['name', 'notes', 'website']);
    await customerName.uncheck();
    // The deletion guard at zero: any inactivation waits for an admin.
    await page.getByLabel('Deletion guard: most records', { exact: true }).fill('0');
    await page.getByLabel('Deletion guard: most percent', { exact: true }).fill('0');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    // The first save's toast may still show: wait on the saved state instead.
    await expect
      .poll(
        async () =>
          (await api<{ fieldMappings: Record<string, string[]> | null }>(`/instances/${instanceId}`))
            .fieldMappings?.customers,
      )
      .toEqual(['website', 'notes']);
    await page.getByText('Integrator settings saved').first().waitFor();
    await page.getByRole('button', { name: 'Run now' }).click();
    const waiting = page.getByRole('alert').filter({ hasText: /is waiting for approval/ });
    await waiting.waitFor({ timeout: 60_000 });
    await waiting.getByRole('link', { name: 'Review it' }).click();
    await page.getByText('Waiting for your approval').waitFor();
    await page.getByText(`${gone.length} records the source no longer lists`).waitFor();
    await screenshot(page, '16-run-waiting-for-approval', { fullPage: true });
    // Nothing changes until an admin decides. A licence the source dropped ends as "expired" once approved.
    const customer = tenant.showAs.trim() || tenant.name;
    const statuses = async () =>
      (
        await api<{ items: { status: string }[] }>(`/records/licences?search=${encodeURIComponent(customer)}`)
      ).items.map((l) => l.status);
    const before = await statuses();
    expect(before).toHaveLength(gone.length);
    expect(before.some((st) => st !== 'expired')).toBe(true);
    await page.getByRole('button', { name: 'Approve inactivations' }).click();
    const confirm = page.getByRole('dialog', { name: 'Approve the inactivations?' });
    await confirm.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByText('The inactivations were approved.').waitFor();
    expect(await statuses()).toEqual(gone.map(() => 'expired'));
    await screenshot(page, '17-run-approved', { fullPage: true });
  }, 90_000);

  it(
    'creates an API application and shows its secret once',
    async () => {
      await nav('API applications');
      await page.getByText('No API applications yet').waitFor();
      // Keyboard: Escape closes a dialog and focus returns to the button that opened it.
      const opener = page.getByRole('button', { name: 'New application' }).first();
      await opener.click();
      const dialog = page.getByRole('dialog', { name: 'New API application' });
      await dialog.waitFor();
      expect(await page.evaluate('document.activeElement && document.activeElement.tagName')).toBe('INPUT');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await expect
        .poll(() => page.evaluate('document.activeElement && document.activeElement.textContent'), {
          timeout: 2000,
        })
        .toBe('New application');
      await opener.click();
      await dialog.waitFor();
      // Bad input: no name and no agent → field errors, nothing saved.
      await dialog.getByRole('button', { name: 'Create' }).click();
      await dialog.getByText('is required').waitFor();
      expect(await dialog.getByLabel('Application name', { exact: true }).getAttribute('aria-invalid')).toBe(
        'true',
      );
      expect(await api<unknown[]>('/applications')).toEqual([]);
      await dialog.getByLabel('Application name', { exact: true }).fill('E2E RMM');
      await dialog.getByLabel('Login agent', { exact: true }).selectOption({ index: 1 });
      await dialog.getByRole('button', { name: 'Create' }).click();
      const secretDialog = page.getByRole('dialog', { name: /Client secret for E2E RMM/ });
      await secretDialog.waitFor();
      const secret = await secretDialog.getByTestId('issued-secret').textContent();
      expect(secret?.length ?? 0).toBeGreaterThan(20);
      await screenshot(page, '19-application-secret-once');
      await secretDialog.getByRole('button', { name: 'I have saved it' }).click();
      await page.getByRole('table', { name: 'API applications' }).getByText('E2E RMM').waitFor();
      // The list never shows the secret again.
      expect(await page.content()).not.toContain(secret ?? '');
      await screenshot(page, '20-applications');
      // Regenerate: confirm, then a new secret, shown once, different from the first.
      await page.getByRole('button', { name: 'Regenerate the secret of E2E RMM' }).click();
      await page
        .getByRole('dialog', { name: /Regenerate the secret of E2E RMM/ })
        .getByRole('button', { name: 'Regenerate' })
        .click();
      const again = page.getByRole('dialog', { name: /Client secret for E2E RMM/ });
      await again.waitFor();
      const second = await again.getByTestId('issued-secret').textContent();
      expect(second).not.toBe(secret);
      expect(second?.length ?? 0).toBeGreaterThan(20);
      await again.getByRole('button', { name: 'I have saved it' }).click();
    },
    STEP,
  );

  it(
    'lists agents and saves a notification preference',
    async () => {
      await nav('Agents');
      const toggle = page.getByRole('checkbox', { name: /E-mail .* when a sync fails/ }).first();
      await toggle.check();
      await page.getByText(/will now get an e-mail/).waitFor();
      const agents = await api<{ notify_sync_failures: boolean; login: string | null }[]>('/agents');
      expect(agents.find((a) => a.login === 'admin')?.notify_sync_failures).toBe(true);
      await screenshot(page, '21-agents');
    },
    STEP,
  );

  it(
    'shows the settings status without secrets',
    async () => {
      await nav('Settings');
      await page.getByRole('heading', { name: 'Master key' }).waitFor();
      await page.getByText('Not configured').waitFor();
      await screenshot(page, '18-settings');
    },
    STEP,
  );

  it(
    'shows a paused instance on the dashboard and its Integrator tab, and resumes it from either',
    async () => {
      const [inst] = await api<{ id: number; name: string }[]>('/instances');
      const reason = 'Paused after 30 consecutive failures; last error: SOPHOS_AUTH: e2e';
      const pause = () => {
        // What the integrator writes when it pauses an instance (the server's SQLite file, WAL mode).
        const file = new Database(path.join(server.dataDir, 'tributary.db'));
        file.pragma('busy_timeout = 5000');
        file
          .prepare(
            'UPDATE integration_instances SET paused_reason = ?, consecutive_failures = 30 WHERE id = ?',
          )
          .run(reason, inst!.id);
        file.close();
      };
      const status = async () =>
        (
          await api<{ status: { pausedReason: string | null; consecutiveFailures: number } }>(
            `/instances/${inst!.id}`,
          )
        ).status;
      pause();
      await nav('Dashboard');
      const card = page
        .getByRole('list', { name: 'Integration instances' })
        .getByRole('listitem')
        .filter({ hasText: inst!.name });
      const notice = card.getByRole('alert').filter({ hasText: 'Paused: no scheduled runs until resumed' });
      await notice.getByText(reason).waitFor();
      await screenshot(page, '22-dashboard-paused');
      await notice.getByRole('button', { name: `Resume ${inst!.name}` }).click();
      await notice.waitFor({ state: 'detached' });
      expect(await status()).toEqual(expect.objectContaining({ pausedReason: null, consecutiveFailures: 0 }));

      pause();
      await card.getByRole('link', { name: inst!.name }).click();
      const tabNotice = page
        .getByRole('alert')
        .filter({ hasText: 'Paused: no scheduled runs until resumed' });
      await tabNotice.getByText(reason).waitFor();
      await screenshot(page, '23-integrator-paused');
      await tabNotice.getByRole('button', { name: `Resume ${inst!.name}` }).click();
      await tabNotice.waitFor({ state: 'detached' });
      expect((await status()).pausedReason).toBeNull();
    },
    STEP,
  );

  it('logged no errors in the browser console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
