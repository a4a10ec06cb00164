import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { hardenSession, hardenWebContents } from '../../electron/main/harden';
import { FakeWebContents, type Handler } from './fake-electron';

function navEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

function hardened() {
  const wc = new FakeWebContents();
  const openLink = vi.fn();
  hardenWebContents(wc as unknown as WebContents, { openLink });
  return { wc, openLink };
}

describe('hardenWebContents', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: stays on the app origin, blocks everything else', (name) => {
    const { wc } = hardened();
    const inside = navEvent('app://supportspan/settings');
    wc.emit(name, inside);
    expect(inside.preventDefault).not.toHaveBeenCalled();
    for (const url of ['https://example.org/', 'file:///etc/passwd', 'app://other/', 'javascript:alert(1)', 'about:blank']) {
      const ev = navEvent(url);
      wc.emit(name, ev);
      expect(ev.preventDefault, url).toHaveBeenCalled();
    }
  });

  it('uses the legacy url argument when the event has none', () => {
    const { wc } = hardened();
    const ev = { preventDefault: vi.fn() };
    wc.emit('will-navigate', ev, 'https://example.org/');
    expect(ev.preventDefault).toHaveBeenCalled();
  });

  it('never opens a window; https links go to the browser, others nowhere', () => {
    const { wc, openLink } = hardened();
    expect(wc.windowOpenHandler!({ url: 'https://example.org/doc' })).toEqual({ action: 'deny' });
    expect(openLink).toHaveBeenCalledWith('https://example.org/doc');
    openLink.mockClear();
    for (const url of ['http://example.org/', 'file:///tmp/x', 'javascript:void(0)', 'app://supportspan/', '']) {
      expect(wc.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(openLink).not.toHaveBeenCalled();
  });

  it('refuses every <webview>', () => {
    const { wc } = hardened();
    const ev = { preventDefault: vi.fn() };
    wc.emit('will-attach-webview', ev, {}, {});
    expect(ev.preventDefault).toHaveBeenCalled();
  });
});

describe('hardenSession', () => {
  function session(allowDevtools = false) {
    const s: Record<string, Handler> = {};
    const ses = {
      setPermissionRequestHandler: (fn: Handler) => (s.request = fn),
      setPermissionCheckHandler: (fn: Handler) => (s.check = fn),
      setDevicePermissionHandler: (fn: Handler) => (s.device = fn),
      webRequest: { onBeforeRequest: (fn: Handler) => (s.before = fn) },
    };
    hardenSession(ses as unknown as Session, { allowDevtools });
    return s;
  }

  it('denies every permission request except persistent storage for the app page', () => {
    const s = session();
    const ask = (permission: string, requestingUrl: string) => {
      let granted: boolean | null = null;
      s.request!({}, permission, (g: boolean) => (granted = g), { requestingUrl });
      return granted;
    };
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'fileSystem', 'hid', 'usb', 'serial']) {
      expect(ask(p, 'app://supportspan/'), p).toBe(false);
    }
    expect(ask('persistent-storage', 'app://supportspan/')).toBe(true);
    expect(ask('persistent-storage', 'https://evil.example/')).toBe(false);
  });

  it('answers permission checks and device requests with no', () => {
    const s = session();
    expect(s.check!({}, 'clipboard-sanitized-write', 'app://supportspan', {})).toBe(false);
    expect(s.check!(null, 'media', 'https://example.org', {})).toBe(false);
    expect(s.check!({}, 'persistent-storage', 'app://supportspan', {})).toBe(true);
    expect(s.device!({ deviceType: 'usb' })).toBe(false);
  });

  it('cancels every request that is not the app, data: or devtools in development', () => {
    const verdict = (s: Record<string, Handler>, url: string) => {
      let out: unknown;
      s.before!({ url }, (r: unknown) => (out = r));
      return out;
    };
    const prod = session(false);
    expect(verdict(prod, 'app://supportspan/index.html')).toEqual({ cancel: false });
    expect(verdict(prod, 'https://fonts.example.com/a.woff2')).toEqual({ cancel: true });
    expect(verdict(prod, 'devtools://devtools/x')).toEqual({ cancel: true });
    const dev = session(true);
    expect(verdict(dev, 'devtools://devtools/x')).toEqual({ cancel: false });
    expect(verdict(dev, 'http://localhost:5173/')).toEqual({ cancel: true });
  });
});
