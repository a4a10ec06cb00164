// The preload imports 'electron'; here that module is replaced by a factory, so the
// real package (which would try to download a binary) is never loaded.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_KEY, channels, events, type DesktopBridge } from '../../shared/ipc/contract';

const exposed = new Map<string, unknown>();
const listeners = new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>();
const invoke = vi.fn(async (..._args: unknown[]) => 'answer');

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args),
    on: (name: string, fn: (event: unknown, ...args: unknown[]) => void) => listeners.set(name, [...(listeners.get(name) ?? []), fn]),
    removeListener: (name: string, fn: unknown) => listeners.set(name, (listeners.get(name) ?? []).filter((f) => f !== fn)),
  },
}));

let bridge: DesktopBridge;
beforeAll(async () => {
  await import('../../electron/preload/preload');
  bridge = exposed.get(BRIDGE_KEY) as DesktopBridge;
});

describe('preload bridge', () => {
  it('exposes exactly one object with the named functions of the contract', () => {
    expect([...exposed.keys()]).toEqual([BRIDGE_KEY]);
    expect(Object.keys(bridge).sort()).toEqual([...Object.keys(channels), 'onMenuCommand'].sort());
    for (const fn of Object.values(bridge)) expect(typeof fn).toBe('function');
    const values = Object.values(bridge) as unknown[];
    expect(values.some((v) => v === invoke)).toBe(false);
  });

  it('each function invokes its own channel with its arguments', async () => {
    const bytes = new Uint8Array([1]);
    await bridge.appInfo();
    await bridge.openFile({ title: 'Open' });
    await bridge.saveFile({ suggestedName: 'a.sspan', bytes });
    await bridge.openExternal('https://example.org/');
    await bridge.pendingOpen();
    await bridge.printToPdf({ suggestedName: 'findings.pdf' });
    expect(invoke.mock.calls).toEqual([
      [channels.appInfo.name],
      [channels.openFile.name, { title: 'Open' }],
      [channels.saveFile.name, { suggestedName: 'a.sspan', bytes }],
      [channels.openExternal.name, 'https://example.org/'],
      [channels.pendingOpen.name],
      [channels.printToPdf.name, { suggestedName: 'findings.pdf' }],
    ]);
  });

  it('delivers only known menu commands, without the IPC event, and unsubscribes', () => {
    const got: unknown[] = [];
    const off = bridge.onMenuCommand((c) => got.push(c));
    const emit = (...args: unknown[]) => (listeners.get(events.menuCommand.name) ?? []).forEach((f) => f({ sender: 'secret' }, ...args));
    emit('open-file');
    emit('rm -rf');
    emit({ command: 'open-file' });
    emit('pending-open');
    expect(got).toEqual(['open-file', 'pending-open']);
    off();
    emit('save-file');
    expect(got).toEqual(['open-file', 'pending-open']);
    expect(() => bridge.onMenuCommand('x' as never)).toThrow(TypeError);
  });
});
