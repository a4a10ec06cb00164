import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryPlatform } from '../../../renderer/platform/memory-platform';
import { createBrowserPlatform } from '../../../renderer/platform/browser-platform';
import { createElectronPlatform, findDesktopBridge } from '../../../renderer/platform/electron-platform';
import { selectPlatform } from '../../../renderer/platform/select-platform';
import { acceptFromFilters, checkExternalUrl } from '../../../renderer/platform/platform';
import { FileRefusedError, readLocalFile } from '../../../renderer/platform/file-refusal';
import { channels, BRIDGE_KEY, type DesktopBridge } from '../../../shared/ipc/contract';

afterEach(() => {
  vi.restoreAllMocks();
  delete (window as unknown as Record<string, unknown>)[BRIDGE_KEY];
});

const bytes = (text: string) => new TextEncoder().encode(text);

describe('memory platform', () => {
  it('records saved files as copies and serves queued files in order', async () => {
    const platform = createMemoryPlatform();
    const data = bytes('a,b\n1,2\n');
    expect(await platform.saveFile({ suggestedName: 'portfolio.csv', bytes: data, mimeType: 'text/csv' })).toEqual({ saved: true, name: 'portfolio.csv' });
    data[0] = 0;
    expect(new TextDecoder().decode(platform.saved[0]!.bytes)).toBe('a,b\n1,2\n');
    expect(platform.saved[0]!.mimeType).toBe('text/csv');

    platform.cancelNextSave();
    expect(await platform.saveFile({ suggestedName: 'x', bytes: data })).toEqual({ saved: false });
    expect(platform.saved).toHaveLength(1);

    platform.queueFile({ name: 'one.json', bytes: bytes('{}') });
    platform.queueFile(null);
    expect((await platform.openFile({ maxBytes: 1024 }))?.name).toBe('one.json');
    expect(await platform.openFile({ maxBytes: 1024 })).toBeNull();
    await expect(platform.openFile({ maxBytes: 1024 })).rejects.toThrow(/no file queued/);
  });

  it('hands over a pending file once and relays menu commands until unsubscribed', async () => {
    const platform = createMemoryPlatform();
    expect(await platform.pendingOpen()).toBeNull();
    platform.setPendingOpen({ name: 'a.sspan', bytes: bytes('z') });
    expect((await platform.pendingOpen())?.name).toBe('a.sspan');
    expect(await platform.pendingOpen()).toBeNull();
    const seen: string[] = [];
    const off = platform.onMenuCommand((c) => seen.push(c));
    platform.emitMenuCommand('save-file');
    off();
    platform.emitMenuCommand('open-file');
    expect(seen).toEqual(['save-file']);
  });

  it('opens only https links', async () => {
    const platform = createMemoryPlatform();
    expect(await platform.openExternal('https://endoflife.date/linux')).toEqual({ opened: true });
    expect(await platform.openExternal('javascript:alert(1)')).toEqual({ opened: false, reason: 'only https links are opened (got javascript:)' });
    expect(await platform.openExternal('not a url')).toEqual({ opened: false, reason: 'not a valid URL' });
    expect(platform.opened).toEqual(['https://endoflife.date/linux']);
  });
});

describe('external link check', () => {
  it('refuses non-https schemes and credentials', () => {
    expect(checkExternalUrl('http://example.com').ok).toBe(false);
    expect(checkExternalUrl('file:///etc/passwd').ok).toBe(false);
    expect(checkExternalUrl('https://user:pw@example.com/').ok).toBe(false);
    expect(checkExternalUrl('https://example.com/a b')).toEqual({ ok: true, url: 'https://example.com/a%20b' });
  });

  it('turns dialog filters into an accept attribute', () => {
    expect(acceptFromFilters([{ name: 'Bundles', extensions: ['zip', 'json'] }, { name: 'All', extensions: ['*'] }])).toBe('.zip,.json');
    expect(acceptFromFilters(undefined)).toBe('');
  });
});

describe('browser platform', () => {
  it('opens https links in a new tab without opener, and nothing else', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const platform = createBrowserPlatform(window);
    expect(await platform.openExternal('https://example.com/')).toEqual({ opened: true });
    expect(open).toHaveBeenCalledWith('https://example.com/', '_blank', 'noopener,noreferrer');
    expect((await platform.openExternal('data:text/html,hi')).opened).toBe(false);
    expect(open).toHaveBeenCalledOnce();
    expect(await platform.pendingOpen()).toBeNull();
  });

  it('prints with the browser\'s print dialog', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const platform = createBrowserPlatform(window);
    expect(await platform.printPage({ suggestedName: 'findings.pdf' })).toEqual({ saved: true });
    expect(print).toHaveBeenCalledOnce();
  });

  it('saves through a download link', async () => {
    URL.createObjectURL ??= () => '';
    URL.revokeObjectURL ??= () => undefined;
    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test');
    const clicks: Array<{ download: string; href: string }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ download: this.download, href: this.href });
    });
    const platform = createBrowserPlatform(window);
    expect(await platform.saveFile({ suggestedName: 'report.csv', bytes: bytes('x'), mimeType: 'text/csv' })).toEqual({ saved: true, name: 'report.csv' });
    expect(clicks).toEqual([{ download: 'report.csv', href: 'blob:test' }]);
    expect((create.mock.calls[0]![0] as Blob).type).toBe('text/csv');
    expect(document.querySelector('a[download]')).toBeNull();
  });

  it('reads the file picked in a file input, and null on cancel', async () => {
    const platform = createBrowserPlatform(window);
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      const file = new File(['hello'], 'hello.txt', { type: 'text/plain' });
      Object.defineProperty(this, 'files', { value: [file] });
      this.dispatchEvent(new Event('change'));
    });
    const opened = await platform.openFile({ filters: [{ name: 'Text', extensions: ['txt'] }], maxBytes: 1024 });
    expect(opened?.name).toBe('hello.txt');
    expect(new TextDecoder().decode(opened!.bytes)).toBe('hello');

    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      this.dispatchEvent(new Event('cancel'));
    });
    expect(await platform.openFile({ maxBytes: 1024 })).toBeNull();
    expect(document.querySelector('input[type=file]')).toBeNull();
  });
});

describe('file size limits before reading', () => {
  it('the browser platform refuses a picked file from File.size without reading it', async () => {
    const platform = createBrowserPlatform(window);
    // 3 MiB of real bytes against a 2 MiB limit
    const file = new File([new Uint8Array(3 * 1024 * 1024)], 'big.sspan');
    const read = vi.spyOn(file, 'arrayBuffer');
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      Object.defineProperty(this, 'files', { value: [file] });
      this.dispatchEvent(new Event('change'));
    });
    await expect(platform.openFile({ maxBytes: 2 * 1024 * 1024, kind: 'bundle' })).rejects.toThrow('big.sspan is 3.0 MB; a bundle may be at most 2.0 MB. Nothing was read.');
    expect(read).not.toHaveBeenCalled();
  });

  it('a dropped file is refused the same way', async () => {
    const file = new File([new Uint8Array(1025)], 'drop.csv');
    const read = vi.spyOn(file, 'arrayBuffer');
    await expect(readLocalFile(file, 1024, 'csv')).rejects.toThrow(FileRefusedError);
    expect(read).not.toHaveBeenCalled();
    expect(new TextDecoder().decode((await readLocalFile(new File(['ok'], 'ok.csv'), 1024)).bytes)).toBe('ok');
  });

});

describe('electron platform', () => {
  function fakeBridge(): DesktopBridge & { calls: unknown[][] } {
    const calls: unknown[][] = [];
    return {
      calls,
      appInfo: async () => ({ name: 'Supportspan', version: '1.2.3', platform: 'linux', userDataPath: '/home/u/.config/Supportspan' }),
      openFile: async (...args) => (calls.push(['openFile', ...args]), null),
      saveFile: async (...args) => (calls.push(['saveFile', ...args]), { saved: true, name: '/tmp/a.csv' }),
      openExternal: async (...args) => (calls.push(['openExternal', ...args]), { opened: true }),
      pendingOpen: async () => ({ name: 'plan.sspan', bytes: bytes('zip') }),
      fetchEndOfLife: async (...args) => (calls.push(['fetchEndOfLife', ...args]), { ok: false as const, error: 'offline' }),
      keysPublicInfo: async (...args) => (calls.push(['keysPublicInfo', ...args]), { state: 'none' as const }),
      keysSign: async (...args) => (calls.push(['keysSign', ...args]), { signature: new Uint8Array(64) }),
      printToPdf: async (...args) => (calls.push(['printToPdf', ...args]), { saved: true, name: 'findings.pdf' }),
      onMenuCommand: (listener) => {
        calls.push(['onMenuCommand']);
        listener('open-file');
        return () => undefined;
      },
    };
  }

  it('is chosen when the preload exposed a complete bridge', async () => {
    expect(selectPlatform(window).kind).toBe('browser');
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    (window as unknown as Record<string, unknown>)[BRIDGE_KEY] = { appInfo: () => undefined };
    expect(findDesktopBridge(window)).toBeNull();
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('lacks openFile, saveFile'));
    (window as unknown as Record<string, unknown>)[BRIDGE_KEY] = fakeBridge();
    const platform = selectPlatform(window);
    expect(platform.kind).toBe('electron');
    expect(await platform.appInfo()).toEqual({ name: 'Supportspan', version: '1.2.3', platform: 'linux', host: 'electron', userDataPath: '/home/u/.config/Supportspan' });
  });

  it('passes requests through the bridge and refuses non-https links before asking it', async () => {
    const bridge = fakeBridge();
    const platform = createElectronPlatform(bridge);
    await platform.saveFile({ suggestedName: 'a.csv', bytes: bytes('x'), mimeType: 'text/csv' });
    await platform.openFile({ title: 'Open bundle', maxBytes: 1000 });
    expect((await platform.openExternal('http://example.com')).opened).toBe(false);
    await platform.openExternal('https://example.com');
    expect(await platform.printPage({ suggestedName: 'findings-2026-01-15.pdf', title: 'Findings' })).toEqual({ saved: true, name: 'findings.pdf' });
    expect(bridge.calls.map((c) => c[0])).toEqual(['saveFile', 'openFile', 'openExternal', 'printToPdf']);
    expect(bridge.calls[3]![1]).toEqual({ suggestedName: 'findings-2026-01-15.pdf', title: 'Findings' });
    // The IPC request schema is strict: no mimeType crosses the bridge.
    expect(Object.keys(bridge.calls[0]![1] as object).sort()).toEqual(['bytes', 'suggestedName']);
    expect(bridge.calls[1]![1]).toEqual({ title: 'Open bundle', maxBytes: 1000 });
    expect((await platform.pendingOpen())?.name).toBe('plan.sspan');
    const seen: string[] = [];
    platform.onMenuCommand((c) => seen.push(c));
    expect(seen).toEqual(['open-file']);
  });

  it('signs through the bridge with exactly the bytes given, even from a view into a larger buffer, and validates them as the contract does', async () => {
    const bridge = fakeBridge();
    const platform = createElectronPlatform(bridge);
    expect(await platform.signer!.publicInfo(true)).toEqual({ state: 'none' });
    const whole = new Uint8Array([9, 9, 1, 2, 3, 9]);
    await platform.signer!.sign(whole.subarray(2, 5));
    const sent = bridge.calls.find((c) => c[0] === 'keysSign')![1] as Uint8Array;
    expect([...sent]).toEqual([1, 2, 3]);
    expect(sent.buffer.byteLength).toBe(3);
    expect(channels.keysSign.request.safeParse([sent]).success).toBe(true);
    expect(bridge.calls.find((c) => c[0] === 'keysPublicInfo')![1]).toEqual({ create: true });
  });

  it('the desktop platform turns the main process\'s refusal into the same message', async () => {
    const bridge = fakeBridge();
    bridge.openFile = async () => ({ name: 'huge.sspan', refused: 'too-large', size: 1024 * 1024 * 1024, limit: 512 * 1024 * 1024 });
    const platform = createElectronPlatform(bridge);
    await expect(platform.openFile({ maxBytes: 512 * 1024 * 1024, kind: 'bundle' })).rejects.toThrow('huge.sspan is 1.0 GB; a bundle may be at most 512 MB. Nothing was read.');
  });
});
