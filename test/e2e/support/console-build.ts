// Builds the console (vite) when dist/web is missing or older than any file under src/web, so the e2e tests
// always drive the current code without a separate build step.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SRC = path.join(REPO_ROOT, 'src/web');
const BUILT = path.join(REPO_ROOT, 'dist/web/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

export function consoleIsStale(): boolean {
  if (!fs.existsSync(BUILT)) return true;
  return newestMtime(SRC) > fs.statSync(BUILT).mtimeMs;
}

/** Runs `vite build` when needed; returns whether it built. */
export function ensureConsoleBuilt(): boolean {
  if (!consoleIsStale()) return false;
  const vite = path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js');
  execFileSync(
    process.execPath,
    [vite, 'build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn'],
    // NODE_ENV=production: under vitest it is "test", which would bundle React's development build.
    { cwd: REPO_ROOT, stdio: 'pipe', timeout: 120_000, env: { ...process.env, NODE_ENV: 'production' } },
  );
  return true;
}
