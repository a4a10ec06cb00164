import type { FetchCatalogResult } from '../../shared/interop/endoflife-refresh';
import type { FileKind } from '../../shared/ipc/file-limits';
/**
 * What the renderer needs from its host, and nothing more. Three implementations:
 * Electron (the preload bridge), a plain browser (downloads and file inputs) and
 * memory (tests). Features call `usePlatform()` and never test which host they run in.
 */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export type PlatformKind = 'electron' | 'browser' | 'memory';

export interface AppInfo {
  name: string;
  version: string;
  /** Operating system (desktop) or the browser's user agent platform. */
  platform: string;
  host: PlatformKind;
  /** Where the desktop app keeps its data; absent in a browser. */
  userDataPath?: string;
}

export interface OpenFileOptions {
  title?: string;
  filters?: FileFilter[];
  /** Larger files are refused from their size alone, before reading (FileRefusedError). Required: every file input has a limit. */
  maxBytes: number;
  /** What the file is, for the refusal's wording. */
  kind?: FileKind;
}

export interface OpenedFile {
  name: string;
  bytes: Uint8Array;
}

export interface SaveFileOptions {
  suggestedName: string;
  bytes: Uint8Array;
  filters?: FileFilter[];
  mimeType?: string;
  title?: string;
}

export interface PrintPageOptions {
  /** The PDF's file name offered in the desktop app's save dialog (ends in .pdf). */
  suggestedName: string;
  title?: string;
}

export interface SaveResult {
  /** False when the user cancelled. A browser download cannot tell, so it reports true. */
  saved: boolean;
  name?: string;
}

export interface OpenExternalResult {
  opened: boolean;
  reason?: string;
}

/** Commands chosen in the desktop app's native menu (the browser has none). */
export type { MenuCommand } from '../../shared/ipc/contract';
import type { MenuCommand } from '../../shared/ipc/contract';

export interface Platform {
  readonly kind: PlatformKind;
  appInfo(): Promise<AppInfo>;
  /** Resolves null when the user cancels; rejects with FileRefusedError for a file over `maxBytes`. */
  openFile(options: OpenFileOptions): Promise<OpenedFile | null>;
  saveFile(options: SaveFileOptions): Promise<SaveResult>;
  /**
   * Prints the page as shown (its print styles apply): the desktop app writes it as a
   * PDF through a save dialog; a browser opens its print dialog (where "Save as PDF" is
   * one of the printers) and cannot tell what the user chose, so it reports saved.
   */
  printPage(options: PrintPageOptions): Promise<SaveResult>;
  /** Only https URLs are opened, in the system browser (desktop) or a new tab without opener. */
  openExternal(url: string): Promise<OpenExternalResult>;
  /** A file the operating system handed to the desktop app (double click, "Open with"); null when none waits. */
  pendingOpen(): Promise<OpenedFile | null>;
  /** Subscribes to native menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /**
   * Desktop only: one endoflife.date product file, fetched by the main process when the
   * user asks (the page's CSP keeps connect-src 'self'). Absent elsewhere: the browser
   * build fetches itself, tests never reach the network.
   */
  fetchEndOfLife?(product: string): Promise<FetchCatalogResult>;
  /** Desktop only: the signing key kept by the main process. Absent: the page keeps its own non-extractable key. */
  readonly signer?: HostSigner;
}

/** The public half of a key the host keeps, or why it keeps none. */
export type HostKeyInfo =
  | { state: 'ready'; publicKey: string; fingerprint: string; createdAt: string }
  | { state: 'none' }
  | { state: 'unavailable'; reason: string };

/**
 * A signing key the host keeps outside the page (the desktop app's main process,
 * encrypted at rest). The page sends bytes and gets a signature; it never sees the key.
 */
export interface HostSigner {
  /** With `create`, the host makes its key once if none exists. */
  publicInfo(create: boolean): Promise<HostKeyInfo>;
  sign(bytes: Uint8Array): Promise<Uint8Array>;
}

export const APP_NAME = 'Supportspan';

/** Shared by every implementation so the rule is the same on every host. */
export function checkExternalUrl(url: string): { ok: true; url: string } | { ok: false; reason: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (parsed.protocol !== 'https:') return { ok: false, reason: `only https links are opened (got ${parsed.protocol})` };
  if (parsed.username || parsed.password) return { ok: false, reason: 'links with credentials are not opened' };
  return { ok: true, url: parsed.href };
}

/** `accept` attribute value for a file input from dialog filters. */
export function acceptFromFilters(filters: FileFilter[] | undefined): string {
  if (!filters?.length) return '';
  return filters.flatMap((f) => f.extensions.map((e) => (e === '*' ? '' : `.${e}`))).filter(Boolean).join(',');
}
