/**
 * Hardening applied to every web contents and to the session, in one place
 * (wired from app 'web-contents-created', so windows created later are covered too).
 */
import type { Event, Session, WebContents } from 'electron';
import { checkExternalUrl, isAllowedRequestUrl, isAppUrl } from './url-policy';

export interface HardenOptions {
  /** Hands a link to the user's browser (external.ts validates it again). */
  openLink: (url: string) => void;
  log?: (message: string) => void;
}

type NavigationEvent = Pick<Event, 'preventDefault'> & { url?: string };

/** Navigation and redirects stay on app://supportspan; nothing else loads in the window. */
export function navigationGuard(log: (m: string) => void) {
  return (event: NavigationEvent, legacyUrl?: string): void => {
    const target = event.url ?? legacyUrl;
    if (!isAppUrl(target)) {
      event.preventDefault();
      log(`blocked navigation to ${String(target).slice(0, 200)}`);
    }
  };
}

/** window.open and target=_blank never create a window; https links go to the browser. */
export function windowOpenHandler(opts: HardenOptions) {
  return (details: { url: string }): { action: 'deny' } => {
    const check = checkExternalUrl(details.url);
    if (check.ok) opts.openLink(check.url);
    else opts.log?.(`blocked window.open: ${check.reason}`);
    return { action: 'deny' };
  };
}

export function hardenWebContents(contents: WebContents, opts: HardenOptions): void {
  const log = opts.log ?? (() => undefined);
  const guard = navigationGuard(log);
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked a <webview>');
  });
  contents.setWindowOpenHandler(windowOpenHandler(opts));
}

/**
 * The one permission granted: persistent storage for the app's own page, so the
 * browser engine never evicts the user's IndexedDB data under disk pressure. It grants
 * no access to anything outside the app's own storage. Everything else is denied.
 */
export function isPermissionGranted(permission: string, requestingUrl: unknown): boolean {
  return permission === 'persistent-storage' && isAppUrl(requestingUrl);
}

export function hardenSession(ses: Session, opts: { allowDevtools: boolean; log?: (m: string) => void }): void {
  const log = opts.log ?? (() => undefined);
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = isPermissionGranted(permission, details.requestingUrl);
    if (!granted) log(`denied permission request: ${permission}`);
    callback(granted);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin),
  );
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url, opts.allowDevtools);
    if (!allowed) log(`blocked request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
}
