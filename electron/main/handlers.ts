/** What each IPC channel does once sender and payload have been checked (see ipc.ts). */
import { MAX_FILE_BYTES } from '../../shared/ipc/contract';
import * as path from 'node:path';
import type { App, BrowserWindow, Dialog, Shell } from 'electron';
import type { ChannelHandlers } from './ipc';
import { FileSizeError, readFileLimited, writeFileAtomic } from './files';
import { openInBrowser } from './external';
import type { KeyStore } from './key-store';
import { openedExtension } from './instance';
import { fetchEndOfLifeCatalog, type CatalogFetcher } from '../../shared/interop/endoflife-refresh';
import { escapeHtml } from '../../shared/bundle/report-html';

export interface HandlerDeps {
  app: Pick<App, 'getName' | 'getVersion' | 'getPath' | 'addRecentDocument'>;
  BrowserWindow: Pick<typeof BrowserWindow, 'fromWebContents'>;
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  shell: Pick<Shell, 'openExternal'>;
  platform: NodeJS.Platform;
  /** Returns the bundle path the operating system handed over, and forgets it. */
  takePendingBundle: () => string | null;
  /** Node's fetch (not the window's session): used only for the user's catalog refresh. */
  fetchCatalog: CatalogFetcher;
  /** The signing key kept in this process (see key-store.ts). */
  keys: KeyStore;
}

/** Opened bundles join the operating system's recent documents (Jump List, Dock, GTK recents). */
function rememberBundle(d: HandlerDeps, file: string): void {
  if (openedExtension(file)) d.app.addRecentDocument(file);
}

/** Stats before reading: an oversized file is answered with its size, so the renderer words the refusal. */
async function readOrRefuse(file: string, limit: number) {
  try {
    return await readFileLimited(file, limit);
  } catch (error) {
    if (error instanceof FileSizeError) return { name: path.basename(file), refused: 'too-large' as const, size: error.size, limit: error.limit };
    throw error;
  }
}

export function createChannelHandlers(d: HandlerDeps): ChannelHandlers {
  return {
    appInfo: () => ({
      name: d.app.getName(),
      version: d.app.getVersion(),
      platform: d.platform,
      userDataPath: d.app.getPath('userData'),
    }),

    openFile: async (ctx, options) => {
      const win = d.BrowserWindow.fromWebContents(ctx.sender);
      const dialogOptions = {
        title: options.title,
        filters: options.filters,
        properties: ['openFile' as const],
      };
      const result = win ? await d.dialog.showOpenDialog(win, dialogOptions) : await d.dialog.showOpenDialog(dialogOptions);
      const file = result.filePaths[0];
      if (result.canceled || !file) return null;
      const opened = await readOrRefuse(file, Math.min(options.maxBytes ?? MAX_FILE_BYTES, MAX_FILE_BYTES));
      if ('bytes' in opened) rememberBundle(d, file);
      return opened;
    },

    saveFile: async (ctx, options) => {
      const win = d.BrowserWindow.fromWebContents(ctx.sender);
      let defaultPath: string = options.suggestedName;
      try {
        defaultPath = path.join(d.app.getPath('documents'), options.suggestedName);
      } catch {
        // No documents folder on this system: the dialog starts in its own default.
      }
      const dialogOptions = { title: options.title, defaultPath, filters: options.filters };
      const result = win ? await d.dialog.showSaveDialog(win, dialogOptions) : await d.dialog.showSaveDialog(dialogOptions);
      if (result.canceled || !result.filePath) return { saved: false };
      if (!path.isAbsolute(result.filePath)) throw new Error('the save dialog returned a relative path');
      await writeFileAtomic(result.filePath, options.bytes);
      return { saved: true, name: path.basename(result.filePath) };
    },

    printToPdf: async (ctx, options) => {
      // Only the window that asked is printed, and only a window: never another page.
      const win = d.BrowserWindow.fromWebContents(ctx.sender);
      if (!win) throw new Error('there is no window to print');
      let defaultPath: string = options.suggestedName;
      try {
        defaultPath = path.join(d.app.getPath('documents'), options.suggestedName);
      } catch {
        // No documents folder on this system: the dialog starts in its own default.
      }
      const result = await d.dialog.showSaveDialog(win, { title: options.title ?? 'Save as PDF', defaultPath, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
      if (result.canceled || !result.filePath) return { saved: false };
      if (!path.isAbsolute(result.filePath)) throw new Error('the save dialog returned a relative path');
      const pdf = await win.webContents.printToPDF({
        pageSize: 'A4',
        printBackground: true,
        landscape: options.landscape ?? false,
        preferCSSPageSize: true,
        displayHeaderFooter: true,
        // Chromium fills in the page numbers; the title comes from the page, so it is escaped.
        headerTemplate: `<div style="font-size:8px;width:100%;padding:0 12mm;color:#555">${escapeHtml(options.title ?? '')}</div>`,
        footerTemplate: '<div style="font-size:8px;width:100%;padding:0 12mm;text-align:right;color:#555">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
      });
      await writeFileAtomic(result.filePath, new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength));
      return { saved: true, name: path.basename(result.filePath) };
    },

    openExternal: async (_ctx, url) => {
      const check = await openInBrowser(d.shell, url);
      return check.ok ? { opened: true } : { opened: false, reason: check.reason };
    },

    keysPublicInfo: (_ctx, options) => d.keys.publicInfo(options.create),

    keysSign: async (_ctx, bytes) => ({ signature: await d.keys.sign(bytes) }),

    fetchEndOfLife: (_ctx, product) => fetchEndOfLifeCatalog(product, d.fetchCatalog),

    pendingOpen: async () => {
      const file = d.takePendingBundle();
      if (!file) return null;
      const opened = await readOrRefuse(file, MAX_FILE_BYTES);
      if ('bytes' in opened) rememberBundle(d, file);
      return opened;
    },
  };
}
