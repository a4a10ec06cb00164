import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, DOCUMENTATION_URL } from '../../electron/main/menu-template';
import { checkExternalUrl } from '../../electron/main/url-policy';

function build(platform: NodeJS.Platform, isPackaged = true) {
  const o = { appName: 'Supportspan', platform, isPackaged, sendCommand: vi.fn(), openLink: vi.fn(), showAbout: vi.fn() };
  return { o, menu: buildMenuTemplate(o) };
}
const items = (m: MenuItemConstructorOptions | undefined) => (m?.submenu ?? []) as MenuItemConstructorOptions[];
const roles = (m: MenuItemConstructorOptions | undefined) => items(m).map((i) => i.role).filter(Boolean);
const byLabel = (menu: MenuItemConstructorOptions[], label: string) => menu.find((m) => m.label === label);

describe('application menu', () => {
  it('has File, Edit, View, Window, Help on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const { menu } = build(platform);
      expect(menu.map((m) => m.label ?? m.role)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    }
  });

  it('puts the app menu first on macOS, with About, Hide and Quit', () => {
    const { menu } = build('darwin');
    expect(menu[0]!.label).toBe('Supportspan');
    expect(roles(menu[0])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(menu.map((m) => m.label ?? m.role)).toEqual(['Supportspan', '&File', '&Edit', '&View', 'windowMenu', '&Help']);
    expect(roles(byLabel(menu, '&File'))).toEqual(['close']);
  });

  it('File Open and Save send fixed commands with the usual accelerators', () => {
    const { o, menu } = build('linux');
    const file = items(byLabel(menu, '&File'));
    const open = file.find((i) => i.id === 'open-file')!;
    const save = file.find((i) => i.id === 'save-file')!;
    expect(open.accelerator).toBe('CmdOrCtrl+O');
    expect(save.accelerator).toBe('CmdOrCtrl+S');
    (open.click as () => void)();
    (save.click as () => void)();
    expect(o.sendCommand.mock.calls).toEqual([['open-file'], ['save-file']]);
    expect(roles(byLabel(menu, '&File'))).toEqual(['quit']);
  });

  it('Edit has the standard editing roles', () => {
    const { menu } = build('linux');
    expect(roles(byLabel(menu, '&Edit'))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']);
  });

  it('View offers DevTools only in development builds', () => {
    expect(roles(byLabel(build('linux', true).menu, '&View'))).toEqual(['reload', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    expect(roles(byLabel(build('linux', false).menu, '&View'))).toEqual([
      'reload', 'forceReload', 'toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen',
    ]);
  });

  it('Help opens the documentation over https and shows About', () => {
    const { o, menu } = build('win32');
    const help = items(byLabel(menu, '&Help'));
    (help.find((i) => i.id === 'documentation')!.click as () => void)();
    expect(o.openLink).toHaveBeenCalledWith(DOCUMENTATION_URL);
    expect(checkExternalUrl(DOCUMENTATION_URL).ok).toBe(true);
    (help.find((i) => i.id === 'about')!.click as () => void)();
    expect(o.showAbout).toHaveBeenCalled();
    expect(items(byLabel(build('darwin').menu, '&Help')).find((i) => i.id === 'about')).toBeUndefined();
  });
});
