import { APP_NAME, checkExternalUrl, type AppInfo, type MenuCommand, type OpenedFile, type OpenFileOptions, type Platform, type SaveFileOptions } from './platform';
import { refuseIfTooLarge } from './file-refusal';

export interface SavedFile {
  name: string;
  bytes: Uint8Array;
  mimeType?: string;
}

export interface MemoryPlatform extends Platform {
  readonly kind: 'memory';
  /** Every file "saved", in order. */
  readonly saved: SavedFile[];
  /** Every URL that was opened. */
  readonly opened: string[];
  /** The next openFile() serves this (null = the user cancels). */
  queueFile(file: OpenedFile | null): void;
  /** The next saveFile() behaves as if the user cancelled the dialog. */
  cancelNextSave(): void;
  /** Hands a file over as the operating system would; the next pendingOpen() returns it. */
  setPendingOpen(file: OpenedFile | null): void;
  /** Acts as if the user chose a native menu command. */
  emitMenuCommand(command: MenuCommand): void;
}

/** The host for tests: no dialogs, no downloads; records what the app asked for. */
export function createMemoryPlatform(info: Partial<AppInfo> = {}): MemoryPlatform {
  const queue: Array<OpenedFile | null> = [];
  const saved: SavedFile[] = [];
  const opened: string[] = [];
  let cancelSave = false;
  let pending: OpenedFile | null = null;
  const listeners = new Set<(command: MenuCommand) => void>();
  return {
    kind: 'memory',
    saved,
    opened,
    queueFile(file) {
      queue.push(file);
    },
    cancelNextSave() {
      cancelSave = true;
    },
    setPendingOpen(file) {
      pending = file;
    },
    emitMenuCommand(command) {
      for (const listener of [...listeners]) listener(command);
    },
    async pendingOpen() {
      const file = pending;
      pending = null;
      return file;
    },
    onMenuCommand(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async appInfo() {
      return { name: APP_NAME, version: '0.0.0-test', platform: 'memory', host: 'memory', ...info };
    },
    async openFile(options: OpenFileOptions) {
      if (queue.length === 0) throw new Error('memory platform: openFile() called with no file queued');
      const next = queue.shift() ?? null;
      if (next) refuseIfTooLarge(next.name, next.bytes.length, options.maxBytes, options.kind);
      return next && { name: next.name, bytes: next.bytes.slice() };
    },
    async saveFile(options: SaveFileOptions) {
      if (cancelSave) {
        cancelSave = false;
        return { saved: false };
      }
      saved.push({ name: options.suggestedName, bytes: options.bytes.slice(), ...(options.mimeType ? { mimeType: options.mimeType } : {}) });
      return { saved: true, name: options.suggestedName };
    },
    async openExternal(url) {
      const check = checkExternalUrl(url);
      if (!check.ok) return { opened: false, reason: check.reason };
      opened.push(check.url);
      return { opened: true };
    },
  };
}
