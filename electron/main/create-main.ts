/**
 * The main process, wired from Electron's modules passed in as arguments. index.ts
 * passes the real ones; unit tests pass mocks, so this runs without an Electron binary.
 */
import * as path from 'node:path';
import type { App, BrowserWindow, Dialog, IpcMain, Menu, Protocol, SafeStorage, Shell, session as electronSession } from 'electron';
import { APP_ORIGIN, APP_SCHEME, events, type MenuCommand } from '../../shared/ipc/contract';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { createChannelHandlers } from './handlers';
import type { CatalogFetcher } from '../../shared/interop/endoflife-refresh';
import { hardenSession, hardenWebContents } from './harden';
import { findBundleArg, openedExtension, pinnedUserDataPath } from './instance';
import { registerIpcHandlers } from './ipc';
import { createKeyStore } from './key-store';
import { buildMenuTemplate } from './menu-template';
import { openInBrowser } from './external';
import { buildWindowOptions } from './window-options';

export interface MainPaths {
  /** The built renderer folder served as app://supportspan/. */
  rendererRoot: string;
  /** The bundled preload script (one CommonJS file: sandboxed preloads cannot require). */
  preload: string;
}

export interface MainDeps {
  app: App;
  BrowserWindow: typeof BrowserWindow;
  protocol: Protocol;
  session: typeof electronSession;
  ipcMain: IpcMain;
  Menu: typeof Menu;
  dialog: Dialog;
  shell: Shell;
  /** Encrypts the signing key at rest; used only after 'ready' (Electron's rule). */
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>;
  paths: MainPaths;
  argv?: readonly string[];
  cwd?: string;
  env?: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  log?: (message: string) => void;
  /** Tests inject a fake; the app uses Node's fetch (outside the window's locked-down session). */
  fetchCatalog?: CatalogFetcher;
}

/** No cookies, no redirects, a time limit: the request carries nothing of the user's. */
const nodeCatalogFetcher: CatalogFetcher = (url) =>
  fetch(url, { credentials: 'omit', redirect: 'error', signal: AbortSignal.timeout(15_000) });

export interface MainHandle {
  /** False when another instance already runs: this one quits. */
  readonly primary: boolean;
  /** Settles once the window has been created (or at once for a second instance). */
  readonly ready: Promise<void>;
  getWindow(): BrowserWindow | null;
  getPendingBundle(): string | null;
}

/** Set only by the e2e suite, and honoured only by unpackaged builds. */
export const USER_DATA_OVERRIDE_ENV = 'SUPPORTSPAN_USER_DATA_DIR';
export const START_URL = `${APP_ORIGIN}/`;

export function createMain(deps: MainDeps): MainHandle {
  const { app } = deps;
  const log = deps.log ?? ((m: string) => console.warn(`[supportspan] ${m}`));
  const platform = deps.platform ?? process.platform;
  const env = deps.env ?? process.env;

  // Pinned before anything reads it (the single-instance lock lives there too), so a
  // product rename never moves, and thereby orphans, the user's data.
  const override = app.isPackaged ? undefined : env[USER_DATA_OVERRIDE_ENV];
  app.setPath('userData', override && path.isAbsolute(override) ? override : pinnedUserDataPath(app.getPath('appData')));
  deps.protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.enableSandbox();

  if (!app.requestSingleInstanceLock()) {
    // Another instance owns the database; it receives our argv via 'second-instance'.
    app.quit();
    return { primary: false, ready: Promise.resolve(), getWindow: () => null, getPendingBundle: () => null };
  }

  let mainWindow: BrowserWindow | null = null;
  let pendingBundle = findBundleArg(deps.argv ?? process.argv, deps.cwd ?? process.cwd());

  const sendCommand = (command: MenuCommand): void => {
    const checked = events.menuCommand.payload.parse(command);
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(events.menuCommand.name, checked);
  };

  const openLink = (url: string): void => {
    openInBrowser(deps.shell, url).then(
      (check) => {
        if (!check.ok) log(`link not opened: ${check.reason}`);
      },
      (err: unknown) => log(`could not open a link: ${String(err)}`),
    );
  };

  const focusWindow = (): void => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const bundle = findBundleArg(argv, workingDirectory);
    if (bundle) pendingBundle = bundle;
    focusWindow();
    if (bundle) sendCommand('pending-open');
  });

  // macOS delivers "Open with" and double clicks as events, also before 'ready'.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    if (typeof file !== 'string' || !openedExtension(file)) return;
    pendingBundle = path.resolve(file);
    focusWindow();
    sendCommand('pending-open');
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { openLink, log }));

  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });

  const createWindow = (): BrowserWindow => {
    const win = new deps.BrowserWindow(buildWindowOptions({ preload: deps.paths.preload, isPackaged: app.isPackaged }));
    mainWindow = win;
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    win.loadURL(START_URL).catch((err: unknown) => log(`could not load the app: ${String(err)}`));
    return win;
  };

  app.on('activate', () => {
    if (app.isReady() && !mainWindow) createWindow();
  });

  const showAbout = (): void => {
    const options = {
      type: 'info' as const,
      title: `About ${app.getName()}`,
      message: `${app.getName()} ${app.getVersion()}`,
      detail: 'Offline-first workbench for planning security support and repairability lifecycles.',
      buttons: ['OK'],
    };
    const p = mainWindow ? deps.dialog.showMessageBox(mainWindow, options) : deps.dialog.showMessageBox(options);
    p.catch(() => undefined);
  };

  const ready = app.whenReady().then(() => {
    hardenSession(deps.session.defaultSession, { allowDevtools: !app.isPackaged, log });
    deps.protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: deps.paths.rendererRoot }));
    registerIpcHandlers(
      deps.ipcMain,
      createChannelHandlers({
        app,
        BrowserWindow: deps.BrowserWindow,
        dialog: deps.dialog,
        shell: deps.shell,
        platform,
        fetchCatalog: deps.fetchCatalog ?? nodeCatalogFetcher,
        keys: createKeyStore({ safeStorage: deps.safeStorage, userDataPath: () => app.getPath('userData') }),
        takePendingBundle: () => {
          const file = pendingBundle;
          pendingBundle = null;
          return file;
        },
      }),
      log,
    );
    deps.Menu.setApplicationMenu(
      deps.Menu.buildFromTemplate(
        buildMenuTemplate({ appName: app.getName(), platform, isPackaged: app.isPackaged, sendCommand, openLink, showAbout }),
      ),
    );
    createWindow();
  });

  return {
    primary: true,
    ready,
    getWindow: () => mainWindow,
    getPendingBundle: () => pendingBundle,
  };
}
