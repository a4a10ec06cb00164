/** The one place that decides how the app window and its renderer are configured. */
import type { BrowserWindowConstructorOptions } from 'electron';

export function buildWindowOptions(opts: { preload: string; isPackaged: boolean; title?: string }): BrowserWindowConstructorOptions {
  return {
    title: opts.title ?? 'Supportspan',
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    // Shown on 'ready-to-show' so the user never sees an empty frame.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // Middle-click opens links in new windows without going through window.open.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // DevTools only in development builds; a packaged app has no way to open them.
      devTools: !opts.isPackaged,
    },
  };
}
