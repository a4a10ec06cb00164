/**
 * The only call to `shell.openExternal` in the app. Every link reaches the operating
 * system through here, after `checkExternalUrl` (a parsed https: URL, no credentials).
 */
import type { Shell } from 'electron';
import { checkExternalUrl, type ExternalUrlCheck } from './url-policy';

export async function openInBrowser(shell: Pick<Shell, 'openExternal'>, raw: unknown): Promise<ExternalUrlCheck> {
  const check = checkExternalUrl(raw);
  if (check.ok) await shell.openExternal(check.url);
  return check;
}
