// The application menu: standard roles plus File > Open Bundle… and Open Folder…, and every
// command of shared/commands.ts that names a menu, with its shortcut. It contains no links to
// web pages, because the app opens nothing remote.

import type { MenuItemConstructorOptions } from 'electron';
import { COMMANDS, type CommandMenu } from '../../shared/commands';

export interface MenuActions {
  readonly openFiles: () => void;
  readonly openFolder: () => void;
  /** Runs a renderer command by its id (sent to the page as `app:run-command`). */
  readonly runCommand: (id: string) => void;
}

/** Menu items of the commands listed under `menu`; main opens files and folders itself. */
function commandItems(actions: MenuActions, menu: CommandMenu): MenuItemConstructorOptions[] {
  return COMMANDS.filter((command) => command.menu === menu && command.id !== 'open-file' && command.id !== 'open-folder').map((command) => ({
    id: `command:${command.id}`,
    label: command.label,
    ...(command.shortcut ? { accelerator: command.shortcut } : {}),
    click: () => actions.runCommand(command.id),
  }));
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
      ...commandItems(actions, 'file'),
      { type: 'separator' },
      // Electron fills Open Recent from app.addRecentDocument on macOS only; Windows shows the
      // same list in the taskbar jump list.
      ...(isMac ? [{ role: 'recentDocuments', submenu: [{ role: 'clearRecentDocuments' }] } as MenuItemConstructorOptions, { type: 'separator' } as MenuItemConstructorOptions] : []),
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
}

function viewMenu(actions: MenuActions, dev: boolean): MenuItemConstructorOptions {
  const developer: MenuItemConstructorOptions[] = dev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  return {
    label: '&View',
    submenu: [
      ...commandItems(actions, 'view'),
      { type: 'separator' },
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
  const goMenu: MenuItemConstructorOptions = { label: '&Go', submenu: commandItems(actions, 'go') };
  template.push(fileMenu(actions, isMac), { role: 'editMenu' }, viewMenu(actions, dev), goMenu, { role: 'windowMenu' });
  const help = commandItems(actions, 'help');
  template.push({ label: '&Help', ...(isMac ? { role: 'help' as const } : {}), submenu: isMac ? help : [...help, { role: 'about' }] });
  return template;
}
