/**
 * The one IPC contract between the renderer and the main process.
 *
 * Request/response only (`ipcRenderer.invoke` / `ipcMain.handle`). Every request and
 * response payload is validated at runtime with these schemas on the receiving side.
 * The preload exposes exactly the functions of `DesktopBridge` on `window.supportspan`.
 */
import { z } from 'zod';

export const MAX_FILE_BYTES = 512 * 1024 * 1024;

const fileFilter = z.strictObject({
  name: z.string().min(1).max(100),
  extensions: z.array(z.string().regex(/^[A-Za-z0-9]{1,10}$/)).min(1).max(20),
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
      }),
    ]),
    response: z.union([
      z.null(),
      z.strictObject({ name: z.string().max(1000), bytes: z.instanceof(Uint8Array) }),
    ]),
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
  openExternal: {
    name: 'shell:open-external',
    request: z.tuple([z.string().max(2048)]),
    response: z.strictObject({ opened: z.boolean(), reason: z.string().optional() }),
  },
} as const;

export type ChannelKey = keyof typeof channels;
export type Request<K extends ChannelKey> = z.infer<(typeof channels)[K]['request']>;
export type Response<K extends ChannelKey> = z.infer<(typeof channels)[K]['response']>;

/** What the preload exposes on `window.supportspan`: one named function per channel. */
export type DesktopBridge = {
  [K in ChannelKey]: (...args: Request<K>) => Promise<Response<K>>;
};

export const BRIDGE_KEY = 'supportspan';

/** The app's own origin in the desktop app; IndexedDB data lives under it. Never change it. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'supportspan';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
