/**
 * Which URLs the app may load, navigate to, or hand to the operating system.
 * Decisions are made on URLs parsed with the WHATWG parser, never on string prefixes.
 */
import { APP_HOST, APP_SCHEME } from '../../shared/ipc/contract';

function parse(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 8192) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/**
 * True when the URL belongs to the app's own origin (app://supportspan). Node's URL
 * reports the origin of a non-special scheme as "null", so scheme and host are
 * compared instead; a port or credentials make it foreign.
 */
export function isAppUrl(raw: unknown): boolean {
  const url = parse(raw);
  return (
    url !== null &&
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/**
 * Requests the session lets through: the app's own files, the data: and blob: URLs the
 * CSP allows (blob: only when created by the app origin), and DevTools in development.
 * Everything else, http(s) above all, is cancelled: the app never loads remote content.
 */
export function isAllowedRequestUrl(raw: unknown, allowDevtools: boolean): boolean {
  if (isAppUrl(raw)) return true;
  const url = parse(raw);
  if (url === null) return false;
  if (url.protocol === 'data:') return true;
  if (url.protocol === 'blob:') return isAppUrl(url.pathname);
  if (url.protocol === 'devtools:') return allowDevtools;
  return false;
}

export type ExternalUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/** Only https: URLs without credentials are handed to `shell.openExternal`. */
export function checkExternalUrl(raw: unknown): ExternalUrlCheck {
  if (typeof raw !== 'string') return { ok: false, reason: 'the link is not text' };
  const url = parse(raw.trim());
  if (url === null) return { ok: false, reason: `not a valid URL: ${JSON.stringify(raw.slice(0, 200))}` };
  if (url.protocol !== 'https:') {
    return { ok: false, reason: `only https: links open outside the app, not ${url.protocol}` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'links with a user name or password are not opened' };
  }
  if (url.hostname === '') return { ok: false, reason: 'the link has no host' };
  return { ok: true, url: url.href };
}
