// Debian's Chromium driven by playwright-core. Under CI=true a missing /usr/bin/chromium fails the suite;
// elsewhere it is skipped with the reason and the install command.
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { describe } from 'vitest';
import { describeUnavailable } from '../../servers/require-binaries.js';

export const CHROMIUM = process.env.TRIBUTARY_CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function describeWithChromium(title: string, body: () => void): void {
  let usable = false;
  try {
    fs.accessSync(CHROMIUM, fs.constants.X_OK);
    usable = true;
  } catch {
    usable = false;
  }
  if (usable) {
    describe(title, body);
    return;
  }
  const reason = `${CHROMIUM} is missing; install it with: apt-get install -y chromium (or run .ci/run)`;
  describeUnavailable(title, reason, 'has Chromium installed', body);
}

export interface LaunchedBrowser {
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

/** A headless Chromium and a laptop-sized window. launch() gives every browser a fresh temporary profile. */
export async function launchChromium(baseURL: string): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1366, height: 860 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  return {
    browser,
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
    },
  };
}
