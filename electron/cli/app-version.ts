import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cachedVersion: string | undefined;

/** The version in the package.json this tool belongs to (written into every manifest). */
export function appVersion(): string {
  if (cachedVersion) return cachedVersion;
  for (let dir = import.meta.dirname, i = 0; i < 6; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (!existsSync(candidate)) continue;
    const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'supportspan' && typeof pkg.version === 'string') return (cachedVersion = pkg.version);
  }
  throw new Error('package.json of supportspan not found: cannot tell the app version');
}
