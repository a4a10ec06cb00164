/**
 * The one IPC contract between the renderer and the main process.
 *
 * Request/response only (`ipcRenderer.invoke` / `ipcMain.handle`). Every request and
 * response payload is validated at runtime with these schemas on the receiving side.
 * The preload exposes exactly the functions of `DesktopBridge` on `window.supportspan`.
 *
 * The one exception to request/response is `events.menuCommand`: the native menu lives
 * in the main process, so it tells the renderer which command was chosen. It carries a
 * single word from a fixed list, validated on both sides, and the preload exposes it only
 * as `onMenuCommand(listener)`; there is no generic send/on bridge.
 */
import { z } from 'zod';

export const MAX_FILE_BYTES = 512 * 1024 * 1024;

const openedFile = z.strictObject({ name: z.string().max(1000), bytes: z.instanceof(Uint8Array) });
/** A file the main process refused from its size (fstat) without reading it. */
const refusedFile = z.strictObject({ name: z.string().max(1000), refused: z.literal('too-large'), size: z.number().int().nonnegative(), limit: z.number().int().positive() });

const fileFilter = z.strictObject({
  name: z.string().min(1).max(100),
  extensions: z.array(z.string().regex(/^[A-Za-z0-9]{1,10}$/)).min(1).max(20),
});

/** Manifests are a few hundred kilobytes even for large workspaces; more is not a manifest. */
export const MAX_SIGN_BYTES = 16 * 1024 * 1024;

const publicKeyInfo = z.strictObject({
  state: z.literal('ready'),
  publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'a 32-byte public key in base64'),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string().max(40),
});

export const channels = {
  appInfo: {
    name: 'app:info',
    request: z.tuple([]),
    response: z.strictObject({
      name: z.string(),
      version: z.string(),
      platform: z.string(),
      userDataPath: z.string(),
    }),
  },
  openFile: {
    name: 'file:open',
    request: z.tuple([
      z.strictObject({
        title: z.string().max(200).optional(),
        filters: z.array(fileFilter).max(10).optional(),
        /** The caller's limit for this kind of file; the main process never reads more than MAX_FILE_BYTES. */
        maxBytes: z.number().int().positive().max(MAX_FILE_BYTES).optional(),
      }),
    ]),
    response: z.union([z.null(), openedFile, refusedFile]),
  },
  /**
   * A `.sspan` bundle handed to the app by the operating system (double click, "Open
   * with", a second launch with a path). The main process keeps only the path; the
   * renderer pulls the file once, at start and whenever `menuCommand` says
   * `pending-open`. Null when nothing is waiting.
   */
  pendingOpen: {
    name: 'app:pending-open',
    request: z.tuple([]),
    response: z.union([z.null(), openedFile, refusedFile]),
  },
  saveFile: {
    name: 'file:save',
    request: z.tuple([
      z.strictObject({
        title: z.string().max(200).optional(),
        suggestedName: z.string().min(1).max(255).regex(/^[^/\\\0]+$/, 'a file name, not a path'),
        filters: z.array(fileFilter).max(10).optional(),
        bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_FILE_BYTES, 'file too large'),
      }),
    ]),
    response: z.strictObject({ saved: z.boolean(), name: z.string().max(1000).optional() }),
  },
  /**
   * The only network request: an endoflife.date catalog, when the user presses
   * "Refresh". The main process builds the URL from the product id (strict pattern).
   */
  fetchEndOfLife: {
    name: 'catalog:fetch-endoflife',
    request: z.tuple([z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'an endoflife.date product id')]),
    response: z.union([
      z.strictObject({ ok: z.literal(true), bytes: z.instanceof(Uint8Array), url: z.string().max(200) }),
      z.strictObject({ ok: z.literal(false), error: z.string().max(2000) }),
    ]),
  },
  /**
   * The desktop signing key, kept in the main process (safeStorage at rest). Only its
   * public half ever crosses: `create` makes the key once if none exists. `unavailable`
   * says why it cannot be kept there (no protected storage: never plain text).
   */
  keysPublicInfo: {
    name: 'keys:public-info',
    request: z.tuple([z.strictObject({ create: z.boolean() })]),
    response: z.union([
      publicKeyInfo,
      z.strictObject({ state: z.literal('none') }),
      z.strictObject({ state: z.literal('unavailable'), reason: z.string().max(2000) }),
    ]),
  },
  /** An Ed25519 signature by the main process's key over exactly these bytes. */
  keysSign: {
    name: 'keys:sign',
    request: z.tuple([z.instanceof(Uint8Array).refine((b) => b.byteLength > 0 && b.byteLength <= MAX_SIGN_BYTES, 'between 1 byte and 16 MiB to sign')]),
    response: z.strictObject({ signature: z.instanceof(Uint8Array).refine((b) => b.byteLength === 64, 'a 64-byte signature') }),
  },
  /**
   * Prints the sender's own window (the page as shown, with its print styles) to a
   * PDF with Chromium's printer, and saves it where the user chooses in a save dialog.
   */
  printToPdf: {
    name: 'report:print-to-pdf',
    request: z.tuple([
      z.strictObject({
        title: z.string().max(200).optional(),
        suggestedName: z.string().min(1).max(255).regex(/^[^/\\\0]+\.pdf$/i, 'a file name ending in .pdf, not a path'),
        landscape: z.boolean().optional(),
      }),
    ]),
    response: z.strictObject({ saved: z.boolean(), name: z.string().max(1000).optional() }),
  },
  openExternal: {
    name: 'shell:open-external',
    request: z.tuple([z.string().max(2048)]),
    response: z.strictObject({ opened: z.boolean(), reason: z.string().optional() }),
  },
} as const;

export type ChannelKey = keyof typeof channels;
export type Request<K extends ChannelKey> = z.infer<(typeof channels)[K]['request']>;
export type Response<K extends ChannelKey> = z.infer<(typeof channels)[K]['response']>;

/**
 * Commands the native menu sends to the renderer. `pending-open` means a bundle was
 * handed over by the operating system: call `pendingOpen()` to read it.
 */
export const MENU_COMMANDS = ['open-file', 'save-file', 'pending-open'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** Main -> renderer events (one-way). Only these exist. */
export const events = {
  menuCommand: { name: 'menu:command', payload: z.enum(MENU_COMMANDS) },
} as const;

/** What the preload exposes on `window.supportspan`: one named function per channel. */
export type DesktopBridge = {
  [K in ChannelKey]: (...args: Request<K>) => Promise<Response<K>>;
} & {
  /** Subscribes to native menu commands; returns the function that unsubscribes. */
  onMenuCommand: (listener: (command: MenuCommand) => void) => () => void;
};

export const BRIDGE_KEY = 'supportspan';

/** The app's own origin in the desktop app; IndexedDB data lives under it. Never change it. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'supportspan';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
