// The application menu: standard roles plus File > Open Bundle… and Open Folder…. It contains no
// links to web pages, because the app opens nothing remote.

import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  readonly openFiles: () => void;
  readonly openFolder: () => void;
}

export interface MenuOptions {
  /** Node's process.platform; macOS gets the app menu and keeps Quit there. */
  readonly platform: string;
  /** True when running from a source checkout; adds Reload and the developer tools. */
  readonly dev: boolean;
}

function fileMenu(actions: MenuActions, isMac: boolean): MenuItemConstructorOptions {
  return {
    label: '&File',
    submenu: [
      { id: 'open-bundle', label: 'Open Bundle…', accelerator: 'CmdOrCtrl+O', click: () => actions.openFiles() },
      { id: 'open-folder', label: 'Open Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.openFolder() },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
}

function viewMenu(dev: boolean): MenuItemConstructorOptions {
  const developer: MenuItemConstructorOptions[] = dev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  return {
    label: '&View',
    submenu: [
      ...developer,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
}

export function buildMenuTemplate(actions: MenuActions, { platform, dev }: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) template.push({ role: 'appMenu' });
  template.push(fileMenu(actions, isMac), { role: 'editMenu' }, viewMenu(dev), { role: 'windowMenu' });
  if (!isMac) template.push({ label: '&Help', submenu: [{ role: 'about' }] });
  return template;
}
