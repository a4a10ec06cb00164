import { acceptFromFilters, APP_NAME, checkExternalUrl, type Platform } from './platform';
import { readLocalFile } from './file-refusal';

export interface BrowserPlatformOptions {
  version?: string;
}

/** `npm run web`: files go through a download link and a file input. */
export function createBrowserPlatform(win: Window = window, options: BrowserPlatformOptions = {}): Platform {
  const doc = win.document;
  return {
    kind: 'browser',
    async appInfo() {
      return { name: APP_NAME, version: options.version ?? 'web', platform: win.navigator.platform || 'browser', host: 'browser' };
    },
    openFile(opts) {
      return new Promise((resolve, reject) => {
        const input = doc.createElement('input');
        input.type = 'file';
        input.accept = acceptFromFilters(opts.filters);
        input.hidden = true;
        const done = () => input.remove();
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          done();
          if (!file) return resolve(null);
          readLocalFile(file, opts.maxBytes, opts.kind).then(resolve, reject);
        });
        // Chromium fires `cancel` when the picker is dismissed.
        input.addEventListener('cancel', () => {
          done();
          resolve(null);
        });
        doc.body.append(input);
        input.click();
      });
    },
    async saveFile(opts) {
      const blob = new Blob([opts.bytes as BlobPart], { type: opts.mimeType ?? 'application/octet-stream' });
      const url = URL.createObjectURL(blob);
      const a = doc.createElement('a');
      a.href = url;
      a.download = opts.suggestedName;
      a.rel = 'noopener';
      a.hidden = true;
      doc.body.append(a);
      a.click();
      a.remove();
      // Revoking synchronously can cancel the download in some engines.
      win.setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return { saved: true, name: opts.suggestedName };
    },
    async printPage() {
      win.print();
      return { saved: true };
    },
    async openExternal(url) {
      const check = checkExternalUrl(url);
      if (!check.ok) return { opened: false, reason: check.reason };
      win.open(check.url, '_blank', 'noopener,noreferrer');
      return { opened: true };
    },
    // A web page is never handed files by the operating system and has no native menu.
    async pendingOpen() {
      return null;
    },
    onMenuCommand() {
      return () => undefined;
    },
  };
}
