// What every console e2e does with its page: collect the errors the page logs (an error nobody expected fails the
// test that sees it), sign in, and switch a connection's tabs.
import type { ConsoleMessage, Page } from 'playwright-core';

/**
 * The page's uncaught exceptions and console errors, except those `expected` accepts. Chromium logs every
 * non-2xx fetch as an error, so a test that provokes a 400 or 401 on purpose says so here.
 */
export function watchConsoleErrors(page: Page, expected: (m: ConsoleMessage) => boolean): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !expected(m)) errors.push(m.text());
  });
  return errors;
}

/** Chromium's line for a failed fetch with one of these statuses. */
export const httpStatus =
  (...statuses: number[]) =>
  (m: ConsoleMessage): boolean =>
    statuses.some((s) => m.text().includes(`status of ${s} `));

/** Signs in as the admin from the login page and waits for the dashboard. */
export async function logIn(page: Page, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Login', { exact: true }).fill('admin');
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
}

/** Opens one of a connection's tabs (Setup, Mappings, Import, Integrator). */
export async function openConnectionTab(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Connection sections' }).getByRole('link', { name }).click();
}
