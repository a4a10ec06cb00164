/**
 * The command line's signing key: one Ed25519 key per user, in a file only the
 * user can read, created on first use of `export --sign`. The private key
 * never leaves this file (bundles carry the public key and fingerprint only).
 *
 * Location: `$SUPPORTSPAN_CONFIG_DIR/signing-key.json` when set (tests, portable
 * setups), else `$XDG_CONFIG_HOME/supportspan/`, else `~/.config/supportspan/`
 * (`%APPDATA%\Supportspan\` on Windows).
 */
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { checkSigningKey, generateSigningKey, utf8Encode, type SigningKey } from '../../shared/bundle';
import { CliError } from './command';
import { createFileExclusive } from './portfolio-file';

export const SIGNING_KEY_FILE = 'signing-key.json';

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SUPPORTSPAN_CONFIG_DIR) return env.SUPPORTSPAN_CONFIG_DIR;
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'Supportspan');
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'supportspan');
  return join(homedir(), '.config', 'supportspan');
}

export function signingKeyPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), SIGNING_KEY_FILE);
}

export interface LoadedKey {
  key: SigningKey;
  path: string;
  /** True when this call created the key. */
  created: boolean;
}

async function readKeyFile(command: string, path: string): Promise<SigningKey> {
  if (process.platform !== 'win32') {
    const mode = (await stat(path)).mode & 0o777;
    // Like ssh: a private key others can read may already be copied; using it would hide that.
    if (mode & 0o077) {
      throw new CliError(`${command}: the signing key ${path} can be read by other users (mode ${mode.toString(8)}); run "chmod 600 ${path}" if that is safe, or delete it to create a new key`);
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliError(`${command}: the signing key ${path} cannot be read (${(error as Error).message}); delete it to create a new key`);
  }
  const checked = await checkSigningKey(value);
  if (!checked.ok) throw new CliError(`${command}: ${path}: ${checked.error}; delete it to create a new key`);
  return checked.key;
}

/** The user's key, created (mode 0600, atomically) if there is none yet. */
export async function loadOrCreateSigningKey(command: string, now: Date, env: NodeJS.ProcessEnv = process.env): Promise<LoadedKey> {
  const dir = configDir(env);
  const path = join(dir, SIGNING_KEY_FILE);
  try {
    return { key: await readKeyFile(command, path), path, created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new CliError(`${command}: cannot create the configuration folder ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const key = await generateSigningKey(now);
  const created = await createFileExclusive(command, path, utf8Encode(`${JSON.stringify(key, null, 2)}\n`), 0o600);
  if (!created) return { key: await readKeyFile(command, path), path, created: false };
  // The umask may have narrowed the mode further, never widened it; make it exactly 0600.
  if (process.platform !== 'win32') await chmod(path, 0o600);
  return { key, path, created: true };
}
