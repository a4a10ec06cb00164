/** Where the app keeps its data, and which bundle the operating system asked it to open. */
import * as path from 'node:path';

/** The userData folder name. Fixed: renaming the product must not orphan user data. */
export const USER_DATA_DIR_NAME = 'Supportspan';
export const BUNDLE_EXTENSION = '.sspan';

export function pinnedUserDataPath(appData: string): string {
  return path.join(appData, USER_DATA_DIR_NAME);
}

/**
 * Finds the last `.sspan` path in a command line (first launch or a second instance).
 * argv[0] is the executable; switches are skipped; relative paths resolve against the
 * launching process's working directory.
 */
export function findBundleArg(argv: readonly string[], cwd: string): string | null {
  let found: string | null = null;
  for (const arg of argv.slice(1)) {
    if (typeof arg !== 'string' || arg.length === 0 || arg.length > 4096) continue;
    if (arg.startsWith('-') || arg.includes('\0')) continue;
    if (!arg.toLowerCase().endsWith(BUNDLE_EXTENSION)) continue;
    if (path.basename(arg).length <= BUNDLE_EXTENSION.length) continue;
    found = path.resolve(cwd, arg);
  }
  return found;
}
