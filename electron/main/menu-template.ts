/**
 * The native application menu as data. A pure function of its inputs, so every entry
 * and accelerator is unit-tested without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/ipc/contract';

export const DOCUMENTATION_URL = 'https://supportspan.app/docs';

export interface MenuTemplateOptions {
  appName: string;
  platform: NodeJS.Platform;
  isPackaged: boolean;
  sendCommand: (command: MenuCommand) => void;
  openLink: (url: string) => void;
  showAbout: () => void;
}

export function buildMenuTemplate(o: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const mac = o.platform === 'darwin';
  const sep: MenuItemConstructorOptions = { type: 'separator' };

  const appMenu: MenuItemConstructorOptions = {
    label: o.appName,
    submenu: [
      { role: 'about' },
      sep,
      { role: 'services' },
      sep,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      sep,
      { role: 'quit' },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { id: 'open-file', label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => o.sendCommand('open-file') },
      { id: 'save-file', label: 'Save…', accelerator: 'CmdOrCtrl+S', click: () => o.sendCommand('save-file') },
      sep,
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      sep,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'delete' },
      sep,
      { role: 'selectAll' },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'reload' },
      ...(o.isPackaged ? [] : [{ role: 'forceReload' } as const, { role: 'toggleDevTools' } as const]),
      sep,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      sep,
      { role: 'togglefullscreen' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = mac
    ? { role: 'windowMenu' }
    : { label: '&Window', submenu: [{ role: 'minimize' }, { role: 'close' }] };

  const helpMenu: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      { id: 'documentation', label: 'Documentation', click: () => o.openLink(DOCUMENTATION_URL) },
      ...(mac ? [] : [sep, { id: 'about', label: `About ${o.appName}`, click: () => o.showAbout() }]),
    ],
  };

  return [...(mac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}
