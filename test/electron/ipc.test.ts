import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerIpcHandlers, type ChannelHandlers } from '../../electron/main/ipc';
import { createChannelHandlers, type HandlerDeps } from '../../electron/main/handlers';
import { channels, MAX_FILE_BYTES } from '../../shared/ipc/contract';
import { ipcEvent, type Handler } from './fake-electron';

function register(handlers: ChannelHandlers | Spies) {
  const map = new Map<string, Handler>();
  registerIpcHandlers({ handle: (name: string, fn: Handler) => void map.set(name, fn) } as never, handlers as ChannelHandlers);
  return (name: string, event: unknown, ...args: unknown[]) => Promise.resolve(map.get(name)!(event, ...args));
}

type Spies = Record<keyof ChannelHandlers, ReturnType<typeof vi.fn>>;

function spyHandlers(): Spies {
  return {
    appInfo: vi.fn(() => ({ name: 'Supportspan', version: '0.1.0', platform: 'linux', userDataPath: '/u' })),
    openFile: vi.fn(async () => null),
    saveFile: vi.fn(async () => ({ saved: false })),
    openExternal: vi.fn(async () => ({ opened: true })),
    pendingOpen: vi.fn(async () => null),
    fetchEndOfLife: vi.fn(async () => ({ ok: false, error: 'offline' })),
    keysPublicInfo: vi.fn(async () => ({ state: 'none' })),
    keysSign: vi.fn(async () => ({ signature: new Uint8Array(64) })),
    printToPdf: vi.fn(async () => ({ saved: false })),
  };
}

const APP = 'app://supportspan/index.html';

describe('IPC sender check', () => {
  it.each([
    ['another scheme', 'https://evil.example/'],
    ['file://', 'file:///tmp/index.html'],
    ['another app host', 'app://other/'],
    ['about:blank', 'about:blank'],
    ['an empty url', ''],
  ])('rejects a frame from %s before doing any work', async (_label, url) => {
    const h = spyHandlers();
    const call = register(h);
    for (const c of Object.values(channels)) {
      await expect(call(c.name, ipcEvent(url))).rejects.toThrow(/refused: the request did not come from the app's own page/);
    }
    for (const fn of Object.values(h)) expect(fn).not.toHaveBeenCalled();
  });

  it('rejects when the sending frame is gone (null)', async () => {
    const h = spyHandlers();
    const call = register(h);
    await expect(call(channels.appInfo.name, ipcEvent(null))).rejects.toThrow(/refused: the sending frame is gone/);
    await expect(call(channels.appInfo.name, { get senderFrame() { throw new Error('destroyed'); } })).rejects.toThrow(/refused/);
    expect(h.appInfo).not.toHaveBeenCalled();
  });

  it('accepts the app page', async () => {
    const call = register(spyHandlers());
    await expect(call(channels.appInfo.name, ipcEvent(APP))).resolves.toMatchObject({ name: 'Supportspan' });
  });
});

describe('IPC payload validation', () => {
  const bytes = new Uint8Array([1, 2, 3]);
  it.each([
    ['appInfo with an argument', channels.appInfo.name, [{}]],
    ['openFile with no options', channels.openFile.name, []],
    ['openFile with an extra key', channels.openFile.name, [{ title: 'x', path: '/etc/passwd' }]],
    ['openFile with a bad filter', channels.openFile.name, [{ filters: [{ name: 'x', extensions: ['../x'] }] }]],
    ['saveFile with a path as name', channels.saveFile.name, [{ suggestedName: '../../.bashrc', bytes }]],
    ['saveFile with a Windows path', channels.saveFile.name, [{ suggestedName: 'C:\\x\\y.sspan', bytes }]],
    ['saveFile with a NUL', channels.saveFile.name, [{ suggestedName: 'a\u0000.sspan', bytes }]],
    ['saveFile with text instead of bytes', channels.saveFile.name, [{ suggestedName: 'a.sspan', bytes: 'abc' }]],
    ['saveFile with a plain array', channels.saveFile.name, [{ suggestedName: 'a.sspan', bytes: [1, 2] }]],
    ['printToPdf with a path as name', channels.printToPdf.name, [{ suggestedName: '../x.pdf' }]],
    ['printToPdf without .pdf', channels.printToPdf.name, [{ suggestedName: 'findings.exe' }]],
    ['printToPdf with an unknown option', channels.printToPdf.name, [{ suggestedName: 'a.pdf', url: 'https://evil.example/' }]],
    ['saveFile with two arguments', channels.saveFile.name, [{ suggestedName: 'a.sspan', bytes }, 'extra']],
    ['openExternal with a number', channels.openExternal.name, [42]],
    ['openExternal with a huge string', channels.openExternal.name, ['https://x/'.padEnd(5000, 'a')]],
    ['pendingOpen with an argument', channels.pendingOpen.name, ['/etc/passwd']],
  ])('rejects %s with a message naming the channel and the field', async (_label, name, args) => {
    const h = spyHandlers();
    const call = register(h);
    await expect(call(name, ipcEvent(APP), ...args)).rejects.toThrow(new RegExp(`^${name}: invalid request: args`));
    for (const fn of Object.values(h)) expect(fn).not.toHaveBeenCalled();
  });

  it('passes the validated payload on', async () => {
    const h = spyHandlers();
    const call = register(h);
    await call(channels.saveFile.name, ipcEvent(APP), { suggestedName: 'line.sspan', bytes });
    expect(h.saveFile).toHaveBeenCalledWith(expect.anything(), { suggestedName: 'line.sspan', bytes });
  });

  it('refuses to answer with data outside the contract', async () => {
    const h = spyHandlers();
    h.appInfo.mockReturnValue({ name: 'Supportspan', version: '0.1.0', platform: 'linux', userDataPath: '/u', env: process.env });
    const call = register(h);
    await expect(call(channels.appInfo.name, ipcEvent(APP))).rejects.toThrow(/app:info: invalid response/);
  });
});

describe('channel handlers', () => {
  let dir: string;
  let deps: HandlerDeps & { dialog: { showOpenDialog: ReturnType<typeof vi.fn>; showSaveDialog: ReturnType<typeof vi.fn> } };
  let pending: string | null;
  let fetched: string[];
  let call: (name: string, ...args: unknown[]) => Promise<unknown>;
  const win = { id: 1 };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ipc-handlers-'));
    pending = null;
    fetched = [];
    deps = {
      app: { getName: () => 'Supportspan', getVersion: () => '0.1.0', getPath: (n: string) => (n === 'documents' ? dir : '/u'), addRecentDocument: vi.fn() } as never,
      BrowserWindow: { fromWebContents: () => win } as never,
      dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() } as never,
      shell: { openExternal: vi.fn(async () => undefined) },
      platform: 'linux',
      fetchCatalog: async (url: string) => {
        fetched.push(url);
        const body = new TextEncoder().encode('[{"cycle":"3.0","eol":"2026-09-07"}]');
        return { status: 200, ok: true, headers: { get: () => String(body.byteLength) }, arrayBuffer: async () => body.buffer as ArrayBuffer };
      },
      keys: { publicInfo: async () => ({ state: 'none' as const }), sign: async () => new Uint8Array(64) },
      takePendingBundle: () => {
        const p = pending;
        pending = null;
        return p;
      },
    };
    const invoke = register(createChannelHandlers(deps));
    call = (name, ...args) => invoke(name, ipcEvent(APP), ...args);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('openFile: native dialog, returns name and bytes', async () => {
    writeFileSync(join(dir, 'line.sspan'), Buffer.from('PK-bundle'));
    deps.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [join(dir, 'line.sspan')] });
    const r = (await call(channels.openFile.name, { title: 'Open', filters: [{ name: 'Bundles', extensions: ['sspan'] }] })) as { name: string; bytes: Uint8Array };
    expect(deps.dialog.showOpenDialog).toHaveBeenCalledWith(win, expect.objectContaining({ properties: ['openFile'], filters: [{ name: 'Bundles', extensions: ['sspan'] }] }));
    expect(r.name).toBe('line.sspan');
    expect(Buffer.from(r.bytes).toString()).toBe('PK-bundle');
    expect((deps.app as unknown as { addRecentDocument: ReturnType<typeof vi.fn> }).addRecentDocument).toHaveBeenCalledWith(join(dir, 'line.sspan'));
  });

  it('fetchEndOfLife: requests only the endoflife.date file of the named product', async () => {
    const r = (await call(channels.fetchEndOfLife.name, 'openssl')) as { ok: true; bytes: Uint8Array; url: string };
    expect(fetched).toEqual(['https://endoflife.date/api/openssl.json']);
    expect(r.ok).toBe(true);
    expect(new TextDecoder().decode(r.bytes)).toContain('"cycle":"3.0"');
  });

  it.each([['../etc/passwd'], ['https://evil.example/x'], ['OpenSSL'], ['a/b'], ['']])(
    'fetchEndOfLife: refuses %j before any request',
    async (product) => {
      await expect(call(channels.fetchEndOfLife.name, product)).rejects.toThrow();
      expect(fetched).toEqual([]);
    },
  );

  it('fetchEndOfLife: an answer over 2 MB is not read', async () => {
    deps.fetchCatalog = async () => ({ status: 200, ok: true, headers: { get: () => String(3 * 1024 * 1024) }, arrayBuffer: async () => { throw new Error('must not read'); } });
    const invoke = register(createChannelHandlers(deps));
    const r = await invoke(channels.fetchEndOfLife.name, ipcEvent(APP), 'linux');
    expect(r).toEqual({ ok: false, error: 'the answer is larger than 2 MB; not read' });
  });

  it('openFile: a file over the caller\'s limit is refused from its size, before reading', async () => {
    // 1 GiB and sparse: no disk space used, and reading it would take seconds and a gigabyte.
    const big = join(dir, 'huge.sspan');
    truncateSync((writeFileSync(big, ''), big), 1024 * 1024 * 1024);
    deps.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [big] });
    expect(await call(channels.openFile.name, { maxBytes: 50 * 1024 * 1024 })).toEqual({ name: 'huge.sspan', refused: 'too-large', size: 1024 * 1024 * 1024, limit: 50 * 1024 * 1024 });
    // without a caller limit, the main process's own cap applies
    expect(await call(channels.openFile.name, {})).toMatchObject({ refused: 'too-large', limit: MAX_FILE_BYTES });
    expect((deps.app as unknown as { addRecentDocument: ReturnType<typeof vi.fn> }).addRecentDocument).not.toHaveBeenCalled();
    await expect(call(channels.openFile.name, { maxBytes: MAX_FILE_BYTES + 1 })).rejects.toThrow(/invalid request/);
    pending = big;
    expect(await call(channels.pendingOpen.name)).toMatchObject({ refused: 'too-large' });
  });

  it('openFile: cancel gives null', async () => {
    deps.dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    expect(await call(channels.openFile.name, {})).toBeNull();
  });

  it('saveFile: suggests a name in Documents and writes atomically', async () => {
    const target = join(dir, 'export.sspan');
    writeFileSync(target, 'old content');
    deps.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    const r = await call(channels.saveFile.name, { suggestedName: 'export.sspan', bytes: new Uint8Array([110, 101, 119]) });
    expect(deps.dialog.showSaveDialog).toHaveBeenCalledWith(win, expect.objectContaining({ defaultPath: join(dir, 'export.sspan') }));
    expect(r).toEqual({ saved: true, name: 'export.sspan' });
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['export.sspan']);
  });

  it('saveFile: cancel writes nothing', async () => {
    deps.dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(await call(channels.saveFile.name, { suggestedName: 'a.sspan', bytes: new Uint8Array(1) })).toEqual({ saved: false });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('openExternal: https only', async () => {
    expect(await call(channels.openExternal.name, 'https://example.org/')).toEqual({ opened: true });
    expect(await call(channels.openExternal.name, 'file:///etc/passwd')).toEqual({ opened: false, reason: expect.stringContaining('file:') });
    expect(deps.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('pendingOpen: hands over the bundle once', async () => {
    writeFileSync(join(dir, 'b.sspan'), 'bundle');
    pending = join(dir, 'b.sspan');
    const first = (await call(channels.pendingOpen.name)) as { name: string; bytes: Uint8Array };
    expect(first.name).toBe('b.sspan');
    expect(Buffer.from(first.bytes).toString()).toBe('bundle');
    expect(await call(channels.pendingOpen.name)).toBeNull();
  });

  describe('printToPdf', () => {
    const sender = { id: 'sender-contents' };
    let printToPDF: ReturnType<typeof vi.fn>;
    let printing: { webContents: { printToPDF: ReturnType<typeof vi.fn> } };
    let printCall: (...args: unknown[]) => Promise<unknown>;
    beforeEach(() => {
      printToPDF = vi.fn(async () => Buffer.from('%PDF-1.7 printed'));
      printing = { webContents: { printToPDF } };
      // Only the sender's own contents belong to a window.
      deps.BrowserWindow = { fromWebContents: vi.fn((wc: unknown) => (wc === sender ? printing : null)) } as never;
      const invoke = register(createChannelHandlers(deps));
      printCall = (...args) => invoke(channels.printToPdf.name, ipcEvent(APP, sender), ...args);
    });

    it('prints the sender\'s window to an A4 PDF and writes it atomically where the dialog says', async () => {
      const target = join(dir, 'findings.pdf');
      writeFileSync(target, 'old');
      deps.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
      const r = await printCall({ suggestedName: 'findings-2026-01-15.pdf', title: 'Findings as of 2026-01-15' });
      expect(r).toEqual({ saved: true, name: 'findings.pdf' });
      expect(deps.BrowserWindow.fromWebContents).toHaveBeenCalledWith(sender);
      expect(deps.dialog.showSaveDialog).toHaveBeenCalledWith(printing, {
        title: 'Findings as of 2026-01-15', defaultPath: join(dir, 'findings-2026-01-15.pdf'), filters: [{ name: 'PDF', extensions: ['pdf'] }],
      });
      expect(printToPDF).toHaveBeenCalledTimes(1);
      expect(printToPDF.mock.calls[0]![0]).toMatchObject({ pageSize: 'A4', printBackground: true, landscape: false, displayHeaderFooter: true });
      const printOptions = printToPDF.mock.calls[0]![0] as { headerTemplate: string; footerTemplate: string };
      expect(printOptions.footerTemplate).toContain('Page <span class="pageNumber"></span> of <span class="totalPages"></span>');
      expect(printOptions.headerTemplate).toContain('>Findings as of 2026-01-15<');
      expect(readFileSync(target, 'utf8')).toBe('%PDF-1.7 printed');
      expect(readdirSync(dir)).toEqual(['findings.pdf']);
    });

    it('the title in the page header is escaped', async () => {
      deps.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: join(dir, 't.pdf') });
      await printCall({ suggestedName: 't.pdf', title: '<img src=x onerror=alert(1)> & "q"' });
      const { headerTemplate } = printToPDF.mock.calls[0]![0] as { headerTemplate: string };
      expect(headerTemplate).not.toContain('<img');
      expect(headerTemplate).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;');
    });

    it('cancel: nothing printed, nothing written', async () => {
      deps.dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
      expect(await printCall({ suggestedName: 'a.pdf' })).toEqual({ saved: false });
      expect(printToPDF).not.toHaveBeenCalled();
      expect(readdirSync(dir)).toEqual([]);
    });

    it('refuses a sender that is not a window, and a relative path from the dialog', async () => {
      const invoke = register(createChannelHandlers(deps));
      await expect(invoke(channels.printToPdf.name, ipcEvent(APP, { id: 'other' }), { suggestedName: 'a.pdf' })).rejects.toThrow(/no window to print/);
      expect(deps.dialog.showSaveDialog).not.toHaveBeenCalled();
      deps.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: 'relative.pdf' });
      await expect(printCall({ suggestedName: 'a.pdf' })).rejects.toThrow(/relative path/);
      expect(printToPDF).not.toHaveBeenCalled();
    });

    it('a failed print leaves the old file as it was', async () => {
      const target = join(dir, 'keep.pdf');
      writeFileSync(target, 'old');
      deps.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
      printToPDF.mockRejectedValue(new Error('printing failed'));
      await expect(printCall({ suggestedName: 'keep.pdf' })).rejects.toThrow(/printing failed/);
      expect(readFileSync(target, 'utf8')).toBe('old');
      expect(readdirSync(dir)).toEqual(['keep.pdf']);
    });
  });

  it('appInfo reports the pinned userData path', async () => {
    expect(await call(channels.appInfo.name)).toEqual({ name: 'Supportspan', version: '0.1.0', platform: 'linux', userDataPath: '/u' });
  });
});
