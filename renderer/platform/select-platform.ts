import { createBrowserPlatform } from './browser-platform';
import { createElectronPlatform, findDesktopBridge } from './electron-platform';
import type { Platform } from './platform';

/** Chosen once at startup: the desktop bridge when the preload provided one, else the browser. */
export function selectPlatform(win: Window = window, version?: string): Platform {
  const bridge = findDesktopBridge(win);
  return bridge ? createElectronPlatform(bridge) : createBrowserPlatform(win, version ? { version } : {});
}
