// What every console e2e does: start the console and a browser on it, collect the errors the page logs (an error
// nobody expected fails the test that sees it), sign in, and switch a connection's tabs.
import type { ConsoleMessage, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { ensureConsoleBuilt } from './console-build.js';
import { startTributary, type TributaryProcess } from './tributary-server.js';

export interface OpenConsole {
  server: TributaryProcess;
  page: Page;
  /** The page's unexpected errors so far (see watchConsoleErrors). */
  consoleErrors: string[];
  /** Closes the browser, then stops the server. */
  close(): Promise<void>;
}

/**
 * The console built, `tributary serve` on a temporary database with the embedded integrator off (runs start from
 * the steps only: a scheduled tick landing mid-test would add runs the steps don't expect), and a Chromium page on
 * it whose errors, except the `expected` ones, are collected.
 */
export async function openConsole(
  adminPassword: string,
  expected: (m: ConsoleMessage) => boolean,
): Promise<OpenConsole> {
  ensureConsoleBuilt();
  const server = await startTributary({ adminPassword, env: { TRIBUTARY_EMBEDDED_INTEGRATOR: 'false' } });
  try {
    const chrome = await launchChromium(server.url);
    const page = await chrome.context.newPage();
    page.setDefaultTimeout(15_000);
    return {
      server,
      page,
      consoleErrors: watchConsoleErrors(page, expected),
      close: async () => {
        await chrome.close();
        await server.stop();
      },
    };
  } catch (e) {
    await server.stop();
    throw e;
  }
}

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
