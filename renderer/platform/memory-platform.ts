import { APP_NAME, checkExternalUrl, type AppInfo, type MenuCommand, type OpenedFile, type OpenFileOptions, type Platform, type PrintPageOptions, type SaveFileOptions } from './platform';
import { refuseIfTooLarge } from './file-refusal';
import type { HostKeyInfo, HostSigner } from './platform';
import { fingerprintOf } from '../../shared/bundle';
import { toBase64 } from '../../shared/bundle/platform';

export interface MemorySignerOptions {
  /** false: the host has no protected storage and refuses to keep a key (as the desktop app without a keychain). */
  encryption: boolean;
}

export interface MemoryHostSigner extends HostSigner {
  /** How many signatures the host made. */
  readonly signed: number;
  /** How many keys the host made. */
  readonly created: number;
}

const UNAVAILABLE = 'This system offers no protected storage for the signing key, and Supportspan does not store the key in plain text.';

/** A host-held key for tests: a real Ed25519 key kept in this object, as the main process keeps its own. */
export function createMemoryHostSigner(options: MemorySignerOptions = { encryption: true }): MemoryHostSigner {
  let key: { info: Extract<HostKeyInfo, { state: 'ready' }>; privateKey: CryptoKey } | null = null;
  let signed = 0;
  let created = 0;
  return {
    get signed() { return signed; },
    get created() { return created; },
    async publicInfo(create) {
      if (!options.encryption) return { state: 'unavailable', reason: UNAVAILABLE };
      if (!key && create) {
        const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
        const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
        key = { info: { state: 'ready', publicKey: toBase64(raw), fingerprint: await fingerprintOf(raw), createdAt: new Date().toISOString() }, privateKey: pair.privateKey };
        created += 1;
      }
      return key ? key.info : { state: 'none' };
    },
    async sign(bytes) {
      if (!key) throw new Error('there is no signing key yet');
      signed += 1;
      return new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key.privateKey, bytes as Uint8Array<ArrayBuffer>));
    },
  };
}

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
  /** Every print of the page that was asked for. */
  readonly printed: PrintPageOptions[];
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
export function createMemoryPlatform(info: Partial<AppInfo> = {}, extras: { signer?: HostSigner } = {}): MemoryPlatform {
  const queue: Array<OpenedFile | null> = [];
  const saved: SavedFile[] = [];
  const opened: string[] = [];
  const printed: PrintPageOptions[] = [];
  let cancelSave = false;
  let pending: OpenedFile | null = null;
  const listeners = new Set<(command: MenuCommand) => void>();
  return {
    kind: 'memory',
    ...(extras.signer ? { signer: extras.signer } : {}),
    saved,
    opened,
    printed,
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
    async printPage(options) {
      if (cancelSave) {
        cancelSave = false;
        return { saved: false };
      }
      printed.push({ ...options });
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
