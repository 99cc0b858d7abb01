// Screenshots of the console's screens, saved under test-results/console/ (ignored by git) for people to look at.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './console-build.js';

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'console');

/** The visible window by default (what a laptop shows); `fullPage` for long screens. */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  // Let toasts and spinners settle so the picture shows the screen, not the transition.
  await page.waitForTimeout(150);
  await page.screenshot({ path: file, fullPage: options.fullPage === true });
  return file;
}
