import { describe, expect, it } from 'vitest';
import { createMain } from '../../electron/main/create-main';
import { channels, events } from '../../shared/ipc/contract';
import { createHarness, FakeWebContents, type Harness } from './fake-electron';

async function started(h: Harness) {
  const handle = createMain(h.deps);
  await h.fireReady();
  await handle.ready;
  return handle;
}

describe('createMain before ready', () => {
  it('pins userData under appData/Supportspan, then registers app:// as privileged, then takes the lock', () => {
    const h = createHarness();
    createMain(h.deps);
    expect(h.app.setPath).toHaveBeenCalledWith('userData', '/home/user/.config/Supportspan');
    expect(h.log.indexOf('setPath:userData')).toBeLessThan(h.log.indexOf('requestSingleInstanceLock'));
    expect(h.log.indexOf('registerSchemesAsPrivileged')).toBeGreaterThanOrEqual(0);
    expect(h.log).not.toContain('ready');
    expect(h.log).toContain('enableSandbox');
    expect(h.privileged).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true, bypassCSP: false }),
      }),
    ]);
  });

  it('honours the test-only userData override only in unpackaged builds', () => {
    const dev = createHarness({ env: { SUPPORTSPAN_USER_DATA_DIR: '/tmp/e2e-profile' } });
    createMain(dev.deps);
    expect(dev.app.setPath).toHaveBeenCalledWith('userData', '/tmp/e2e-profile');

    const packaged = createHarness({ isPackaged: true, env: { SUPPORTSPAN_USER_DATA_DIR: '/tmp/e2e-profile' } });
    createMain(packaged.deps);
    expect(packaged.app.setPath).toHaveBeenCalledWith('userData', '/home/user/.config/Supportspan');

    const relative = createHarness({ env: { SUPPORTSPAN_USER_DATA_DIR: 'profile' } });
    createMain(relative.deps);
    expect(relative.app.setPath).toHaveBeenCalledWith('userData', '/home/user/.config/Supportspan');
  });

  it('a second instance quits without a window', async () => {
    const h = createHarness({ lock: false });
    const handle = createMain(h.deps);
    expect(handle.primary).toBe(false);
    expect(h.app.quit).toHaveBeenCalled();
    await h.fireReady();
    await handle.ready;
    expect(h.windows).toHaveLength(0);
    expect(h.protocolHandlers.size).toBe(0);
    expect(h.ipcHandlers.size).toBe(0);
  });
});

describe('createMain when ready', () => {
  it('serves app:// from the renderer folder and loads the window from it, never file://', async () => {
    const h = createHarness();
    await started(h);
    expect([...h.protocolHandlers.keys()]).toEqual(['app']);
    expect(h.windows).toHaveLength(1);
    const win = h.windows[0]!;
    expect(win.loadURL).toHaveBeenCalledWith('app://supportspan/');
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();
  });

  it('creates the window with the secure web preferences and the bundled preload', async () => {
    const h = createHarness();
    await started(h);
    expect(h.windows[0]!.options.webPreferences).toMatchObject({
      preload: '/opt/supportspan/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
      devTools: true,
    });
    const packaged = createHarness({ isPackaged: true });
    await started(packaged);
    expect(packaged.windows[0]!.options.webPreferences.devTools).toBe(false);
  });

  it('hardens every web contents as it is created', async () => {
    const h = createHarness();
    await started(h);
    const late = new FakeWebContents();
    h.app.emit('web-contents-created', {}, late);
    for (const wc of [h.windows[0]!.webContents, late]) {
      expect(wc.listenerCount('will-navigate')).toBe(1);
      expect(wc.listenerCount('will-redirect')).toBe(1);
      expect(wc.listenerCount('will-attach-webview')).toBe(1);
      expect(wc.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    }
  });

  it('installs session handlers that deny permissions and remote requests', async () => {
    const h = createHarness();
    await started(h);
    let granted: boolean | undefined;
    h.session.permissionRequest!({}, 'geolocation', (g: boolean) => (granted = g), { requestingUrl: 'app://supportspan/' });
    expect(granted).toBe(false);
    expect(h.session.permissionCheck!({}, 'media', 'app://supportspan')).toBe(false);
    let verdict: { cancel: boolean } | undefined;
    h.session.beforeRequest!({ url: 'https://example.org/x.js' }, (r: { cancel: boolean }) => (verdict = r));
    expect(verdict).toEqual({ cancel: true });
  });

  it('registers one IPC handler per contract channel and a native menu', async () => {
    const h = createHarness();
    await started(h);
    expect([...h.ipcHandlers.keys()].sort()).toEqual(Object.values(channels).map((c) => c.name).sort());
    expect(h.menuTemplate).not.toBeNull();
  });

  it('the menu sends validated commands to the window', async () => {
    const h = createHarness();
    await started(h);
    const file = (h.menuTemplate as { label?: string; submenu?: { id?: string; click?: () => void }[] }[]).find((m) => m.label === '&File')!;
    file.submenu!.find((i) => i.id === 'open-file')!.click!();
    expect(h.windows[0]!.webContents.send).toHaveBeenCalledWith(events.menuCommand.name, 'open-file');
  });

  it('the About entry shows a native message box', async () => {
    const h = createHarness();
    await started(h);
    const help = (h.menuTemplate as { label?: string; submenu?: { id?: string; click?: () => void }[] }[]).find((m) => m.label === '&Help')!;
    help.submenu!.find((i) => i.id === 'about')!.click!();
    expect(h.dialog.showMessageBox).toHaveBeenCalledWith(h.windows[0], expect.objectContaining({ message: 'Supportspan 0.1.0' }));
  });
});

describe('single instance and .sspan hand-over', () => {
  it('keeps a bundle from the first command line for the renderer to pull once', async () => {
    const h = createHarness({ argv: ['/opt/supportspan/supportspan', '--no-sandbox', 'exports/line.sspan'], cwd: '/home/user' });
    const handle = await started(h);
    expect(handle.getPendingBundle()).toBe('/home/user/exports/line.sspan');
  });

  it('a second launch focuses the existing window and forwards its bundle as a pending-open command', async () => {
    const h = createHarness();
    const handle = await started(h);
    const win = h.windows[0]!;
    win.isMinimized.mockReturnValue(true);
    h.app.emit('second-instance', {}, ['/opt/supportspan/supportspan', 'b.sspan'], '/data');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(handle.getPendingBundle()).toBe('/data/b.sspan');
    expect(win.webContents.send).toHaveBeenCalledWith('menu:command', 'pending-open');
    expect(h.windows).toHaveLength(1);
  });

  it('a second launch without a bundle only focuses', async () => {
    const h = createHarness();
    const handle = await started(h);
    h.app.emit('second-instance', {}, ['/opt/supportspan/supportspan', 'notes.txt'], '/data');
    expect(h.windows[0]!.focus).toHaveBeenCalled();
    expect(handle.getPendingBundle()).toBeNull();
    expect(h.windows[0]!.webContents.send).not.toHaveBeenCalled();
  });

  it('macOS open-file events are taken only for .sspan and .sspan-response files', async () => {
    const h = createHarness({ platform: 'darwin' });
    const handle = await started(h);
    const event = { preventDefault: () => undefined };
    h.app.emit('open-file', event, '/Users/a/evil.app');
    expect(handle.getPendingBundle()).toBeNull();
    h.app.emit('open-file', event, '/Users/a/line.SSPAN');
    expect(handle.getPendingBundle()).toBe('/Users/a/line.SSPAN');
    h.app.emit('open-file', event, '/Users/a/line-response.sspan-response');
    expect(handle.getPendingBundle()).toBe('/Users/a/line-response.sspan-response');
  });

  it('quits when the last window closes, except on macOS', async () => {
    const linux = createHarness();
    await started(linux);
    linux.app.emit('window-all-closed');
    expect(linux.app.quit).toHaveBeenCalled();
    const mac = createHarness({ platform: 'darwin' });
    await started(mac);
    mac.app.emit('window-all-closed');
    expect(mac.app.quit).not.toHaveBeenCalled();
  });
});
