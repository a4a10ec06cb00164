import { BRIDGE_KEY, type DesktopBridge } from '../../shared/ipc/contract';
import { APP_NAME, checkExternalUrl, type OpenedFile, type Platform } from './platform';
import { refuseIfTooLarge } from './file-refusal';
import type { FileKind } from '../../shared/ipc/file-limits';
import type { Response } from '../../shared/ipc/contract';

/** The main process stats before reading and answers with the size of a file it refused. */
function opened(result: Response<'openFile'>, kind?: FileKind): OpenedFile | null {
  if (result === null) return null;
  if ('refused' in result) {
    refuseIfTooLarge(result.name, result.size, result.limit, kind);
    throw new Error(`${result.name} could not be opened`);
  }
  return result;
}

const BRIDGE_FUNCTIONS: ReadonlyArray<keyof DesktopBridge> = ['appInfo', 'openFile', 'saveFile', 'openExternal', 'pendingOpen', 'fetchEndOfLife', 'keysPublicInfo', 'keysSign', 'printToPdf', 'onMenuCommand'];

/** The preload exposes the bridge on `window.supportspan`; anything else is a browser. */
export function findDesktopBridge(win: Window): DesktopBridge | null {
  const candidate = (win as unknown as Record<string, unknown>)[BRIDGE_KEY];
  if (!candidate || typeof candidate !== 'object') return null;
  const bridge = candidate as Record<string, unknown>;
  const missing = BRIDGE_FUNCTIONS.filter((fn) => typeof bridge[fn] !== 'function');
  if (missing.length) {
    // A preload and renderer from different builds: say so rather than half-work.
    console.error(`Supportspan: the desktop bridge lacks ${missing.join(', ')}; running with browser behaviour.`);
    return null;
  }
  return candidate as DesktopBridge;
}

export function createElectronPlatform(bridge: DesktopBridge): Platform {
  return {
    kind: 'electron',
    async appInfo() {
      const info = await bridge.appInfo();
      return { name: info.name || APP_NAME, version: info.version, platform: info.platform, host: 'electron', userDataPath: info.userDataPath };
    },
    async openFile(options) {
      return opened(await bridge.openFile({
        ...(options.title ? { title: options.title } : {}),
        ...(options.filters ? { filters: options.filters } : {}),
        maxBytes: options.maxBytes,
      }), options.kind);
    },
    async saveFile(options) {
      return bridge.saveFile({
        suggestedName: options.suggestedName,
        bytes: options.bytes as Uint8Array<ArrayBuffer>,
        ...(options.title ? { title: options.title } : {}),
        ...(options.filters ? { filters: options.filters } : {}),
      });
    },
    async printPage(options) {
      return bridge.printToPdf({ suggestedName: options.suggestedName, ...(options.title ? { title: options.title } : {}) });
    },
    async openExternal(url) {
      // Checked here too so the refusal reads the same on every host; the main process checks again.
      const check = checkExternalUrl(url);
      if (!check.ok) return { opened: false, reason: check.reason };
      return bridge.openExternal(check.url);
    },
    async pendingOpen() {
      return opened(await bridge.pendingOpen(), 'bundle');
    },
    fetchEndOfLife(product) {
      return bridge.fetchEndOfLife(product);
    },
    onMenuCommand(listener) {
      return bridge.onMenuCommand(listener);
    },
    signer: {
      publicInfo: (create) => bridge.keysPublicInfo({ create }),
      async sign(bytes) {
        // A view into a larger buffer would not pass the contract's check; send exactly the bytes.
        const exact = new Uint8Array(bytes.byteLength);
        exact.set(bytes);
        return (await bridge.keysSign(exact)).signature;
      },
    },
  };
}
