import { accessSync, constants } from 'node:fs';
import { describe, it } from 'vitest';

/** The binaries from `paths` that are missing or not executable. */
export function missingBinaries(paths: readonly string[]): string[] {
  return paths.filter((p) => {
    try {
      accessSync(p, constants.X_OK);
      return false;
    } catch {
      return true;
    }
  });
}

/**
 * `describe` for tests that need real server binaries. When one is missing: under CI=true the
 * suite FAILS (a CI that silently skips its directory tests proves nothing); elsewhere it is
 * skipped, and the skip says how to install them.
 */
export function describeWithBinaries(
  title: string,
  binaries: readonly string[],
  body: () => void,
  options: { needsRoot?: boolean } = {},
): void {
  const missing = missingBinaries(binaries);
  const notRoot = options.needsRoot === true && process.getuid?.() !== 0;
  if (missing.length === 0 && !notRoot) {
    describe(title, body);
    return;
  }
  const reason =
    missing.length > 0
      ? `missing ${missing.join(', ')}; install with: sudo bash .ci/install-directory-servers.sh`
      : 'must run as root (samba refuses to start otherwise)';
  describeUnavailable(title, reason, 'has its server binaries installed', body);
}

/**
 * The suite of a real component that is not there: under CI=true one failing test named `check` says why;
 * elsewhere the suite is skipped with the reason in its title.
 */
export function describeUnavailable(title: string, reason: string, check: string, body: () => void): void {
  if (process.env.CI === 'true' || process.env.CI === '1') {
    describe(title, () => {
      it(check, () => {
        throw new Error(`${title}: ${reason}`);
      });
    });
  } else {
    describe.skip(`${title} (skipped: ${reason})`, body);
  }
}
