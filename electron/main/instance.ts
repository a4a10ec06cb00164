/** Where the app keeps its data, and which bundle the operating system asked it to open. */
import * as path from 'node:path';

/** The userData folder name. Fixed: renaming the product must not orphan user data. */
export const USER_DATA_DIR_NAME = 'Supportspan';
export const BUNDLE_EXTENSION = '.sspan';
/** An auditor's answer to a bundle: opened the same way (the app tells them apart by content). */
export const RESPONSE_EXTENSION = '.sspan-response';
export const OPENED_EXTENSIONS = [BUNDLE_EXTENSION, RESPONSE_EXTENSION] as const;

/** The extension of a file the app opens (a bundle or an auditor response), or null. */
export function openedExtension(file: string): string | null {
  const lower = file.toLowerCase();
  return OPENED_EXTENSIONS.find((ext) => lower.endsWith(ext)) ?? null;
}

export function pinnedUserDataPath(appData: string): string {
  return path.join(appData, USER_DATA_DIR_NAME);
}

/**
 * Finds the last `.sspan` or `.sspan-response` path in a command line (first launch or a second instance).
 * argv[0] is the executable; switches are skipped; relative paths resolve against the
 * launching process's working directory.
 */
export function findBundleArg(argv: readonly string[], cwd: string): string | null {
  let found: string | null = null;
  for (const arg of argv.slice(1)) {
    if (typeof arg !== 'string' || arg.length === 0 || arg.length > 4096) continue;
    if (arg.startsWith('-') || arg.includes('\0')) continue;
    const ext = openedExtension(arg);
    if (!ext) continue;
    if (path.basename(arg).length <= ext.length) continue;
    found = path.resolve(cwd, arg);
  }
  return found;
}
