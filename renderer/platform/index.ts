export * from './platform';
export { createMemoryPlatform, type MemoryPlatform, type SavedFile } from './memory-platform';
export { createBrowserPlatform } from './browser-platform';
export { createElectronPlatform, findDesktopBridge } from './electron-platform';
export { selectPlatform } from './select-platform';
export { PlatformProvider, usePlatform } from './platform-context';
