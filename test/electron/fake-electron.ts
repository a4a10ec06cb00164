/**
 * Stand-ins for the Electron modules main-process code receives through `createMain`.
 * They record what the code under test does; no Electron binary is involved.
 */
import { EventEmitter } from 'node:events';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { vi } from 'vitest';
import type { MainDeps } from '../../electron/main/create-main';

export type Handler = (...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly send = vi.fn();
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export interface Harness {
  deps: MainDeps;
  /** Every call that matters for ordering, e.g. "setPath:userData", "ready". */
  log: string[];
  app: FakeApp;
  windows: FakeWindow[];
  ipcHandlers: Map<string, Handler>;
  protocolHandlers: Map<string, (req: Request) => Promise<Response>>;
  privileged: unknown[];
  session: {
    permissionRequest: Handler | null;
    permissionCheck: Handler | null;
    devicePermission: Handler | null;
    beforeRequest: Handler | null;
  };
  menuTemplate: unknown[] | null;
  shellOpened: string[];
  dialog: { showOpenDialog: ReturnType<typeof vi.fn>; showSaveDialog: ReturnType<typeof vi.fn>; showMessageBox: ReturnType<typeof vi.fn> };
  fireReady(): Promise<void>;
}

type Fn = ReturnType<typeof vi.fn>;
export type FakeApp = EventEmitter & {
  isPackaged: boolean;
  setPath: Fn;
  getPath: Fn;
  addRecentDocument: Fn;
  getName: Fn;
  getVersion: Fn;
  enableSandbox: Fn;
  requestSingleInstanceLock: Fn;
  quit: Fn;
  whenReady: Fn;
  isReady: Fn;
};

export interface FakeWindow extends EventEmitter {
  options: Record<string, unknown> & { webPreferences: Record<string, unknown> };
  webContents: FakeWebContents;
  loadURL: ReturnType<typeof vi.fn>;
  show: ReturnType<typeof vi.fn>;
  focus: ReturnType<typeof vi.fn>;
  restore: ReturnType<typeof vi.fn>;
  isMinimized: ReturnType<typeof vi.fn>;
  isDestroyed(): boolean;
}

export function createHarness(opts: {
  lock?: boolean;
  isPackaged?: boolean;
  argv?: string[];
  cwd?: string;
  env?: Record<string, string>;
  platform?: NodeJS.Platform;
  paths?: { rendererRoot: string; preload: string };
  safeStorage?: FakeSafeStorage;
} = {}): Harness {
  const log: string[] = [];
  const paths = new Map<string, string>([
    ['appData', '/home/user/.config'],
    ['documents', '/home/user/Documents'],
  ]);
  let resolveReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((r) => (resolveReady = r));
  let ready = false;

  const app: FakeApp = Object.assign(new EventEmitter(), {
    isPackaged: opts.isPackaged ?? false,
    setPath: vi.fn((name: string, value: string) => {
      log.push(`setPath:${name}`);
      paths.set(name, value);
    }),
    getPath: vi.fn((name: string) => {
      const p = paths.get(name);
      if (!p) throw new Error(`no path ${name}`);
      return p;
    }),
    getName: vi.fn(() => 'Supportspan'),
    getVersion: vi.fn(() => '0.1.0'),
    addRecentDocument: vi.fn(),
    enableSandbox: vi.fn(() => log.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => {
      log.push('requestSingleInstanceLock');
      return opts.lock ?? true;
    }),
    quit: vi.fn(() => log.push('quit')),
    whenReady: vi.fn(() => readyPromise),
    isReady: vi.fn(() => ready),
  });

  const windows: FakeWindow[] = [];
  class BrowserWindow extends EventEmitter {
    webContents = new FakeWebContents();
    loadURL = vi.fn(async () => undefined);
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = vi.fn(() => false);
    constructor(public options: FakeWindow['options']) {
      super();
      log.push('new BrowserWindow');
      windows.push(this as unknown as FakeWindow);
      // Electron emits this for every web contents it creates.
      app.emit('web-contents-created', {}, this.webContents);
    }
    isDestroyed(): boolean {
      return false;
    }
    static fromWebContents(wc: unknown): BrowserWindow | null {
      return (windows.find((w) => w.webContents === wc) as unknown as BrowserWindow) ?? null;
    }
    static getAllWindows(): FakeWindow[] {
      return windows;
    }
  }

  const ipcHandlers = new Map<string, Handler>();
  const protocolHandlers = new Map<string, (req: Request) => Promise<Response>>();
  const privileged: unknown[] = [];
  const session: Harness['session'] = { permissionRequest: null, permissionCheck: null, devicePermission: null, beforeRequest: null };
  const shellOpened: string[] = [];
  const h: Harness = {
    log,
    app,
    windows,
    ipcHandlers,
    protocolHandlers,
    privileged,
    session,
    menuTemplate: null,
    shellOpened,
    dialog: {
      showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
      showSaveDialog: vi.fn(async () => ({ canceled: true })),
      showMessageBox: vi.fn(async () => ({ response: 0 })),
    },
    deps: undefined as unknown as MainDeps,
    async fireReady() {
      ready = true;
      log.push('ready');
      resolveReady();
      await readyPromise;
    },
  };

  const deps = {
    app,
    BrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: vi.fn((schemes: unknown[]) => {
        log.push('registerSchemesAsPrivileged');
        privileged.push(...schemes);
      }),
      handle: vi.fn((scheme: string, handler: (req: Request) => Promise<Response>) => {
        log.push(`protocol.handle:${scheme}`);
        protocolHandlers.set(scheme, handler);
      }),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Handler) => (session.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Handler) => (session.permissionCheck = fn),
        setDevicePermissionHandler: (fn: Handler) => (session.devicePermission = fn),
        webRequest: { onBeforeRequest: (fn: Handler) => (session.beforeRequest = fn) },
      },
    },
    ipcMain: {
      handle: vi.fn((channel: string, fn: Handler) => {
        if (ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
        ipcHandlers.set(channel, fn);
      }),
    },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown[]) => {
        h.menuTemplate = template;
        return { template };
      }),
      setApplicationMenu: vi.fn(),
    },
    dialog: h.dialog,
    shell: {
      openExternal: vi.fn(async (url: string) => {
        shellOpened.push(url);
      }),
    },
    safeStorage: opts.safeStorage ?? new FakeSafeStorage(),
    paths: opts.paths ?? { rendererRoot: '/opt/supportspan/renderer', preload: '/opt/supportspan/preload.cjs' },
    argv: opts.argv ?? ['/opt/supportspan/supportspan'],
    cwd: opts.cwd ?? '/home/user',
    env: opts.env ?? {},
    platform: opts.platform ?? 'linux',
    log: () => undefined,
  };
  h.deps = deps as unknown as MainDeps;
  return h;
}

/**
 * Stands in for Electron's safeStorage: real AES-256-GCM under a key that only this
 * object holds, so a test can check that what reaches the disk is ciphertext.
 */
export class FakeSafeStorage {
  available = true;
  readonly encrypted: string[] = [];
  private readonly key = randomBytes(32);
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  encryptString(plain: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    this.encrypted.push(plain);
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]);
  }
  decryptString(cipher: Buffer): string {
    if (!this.available) throw new Error('Encryption is not available.');
    const d = createDecipheriv('aes-256-gcm', this.key, cipher.subarray(0, 12));
    d.setAuthTag(cipher.subarray(12, 28));
    return Buffer.concat([d.update(cipher.subarray(28)), d.final()]).toString('utf8');
  }
}

/** An IPC event as Electron passes it to `ipcMain.handle` callbacks. */
export function ipcEvent(frameUrl: string | null, sender: unknown = new FakeWebContents()): unknown {
  return { senderFrame: frameUrl === null ? null : { url: frameUrl }, sender };
}
