import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from '../../../electron/lib/menu-template';
import { COMMANDS } from '../../../shared/commands';

function submenuOf(item: MenuItemConstructorOptions): MenuItemConstructorOptions[] {
  return item.submenu as MenuItemConstructorOptions[];
}

function findItem(template: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions | undefined {
  return template.flatMap((item) => (Array.isArray(item.submenu) ? item.submenu : [])).find((item) => item.id === id);
}

describe('buildMenuTemplate', () => {
  it('opens bundles and folders from the File menu', () => {
    const actions = { openFiles: vi.fn(), openFolder: vi.fn(), runCommand: vi.fn() };
    const template = buildMenuTemplate(actions, { platform: 'linux', dev: false });
    const openBundle = findItem(template, 'open-bundle')!;
    const openFolder = findItem(template, 'open-folder')!;
    expect(openBundle.label).toBe('Open Bundle…');
    expect(openFolder.label).toBe('Open Folder…');
    (openBundle.click as () => void)();
    (openFolder.click as () => void)();
    expect(actions.openFiles).toHaveBeenCalledOnce();
    expect(actions.openFolder).toHaveBeenCalledOnce();
  });

  it('uses standard roles for the other menus', () => {
    const template = buildMenuTemplate({ openFiles: vi.fn(), openFolder: vi.fn(), runCommand: vi.fn() }, { platform: 'linux', dev: false });
    const roles = template.map((item) => item.role).filter(Boolean);
    expect(roles).toEqual(['editMenu', 'windowMenu']);
  });

  it('adds the app menu on macOS', () => {
    const template = buildMenuTemplate({ openFiles: vi.fn(), openFolder: vi.fn(), runCommand: vi.fn() }, { platform: 'darwin', dev: false });
    expect(template[0]!.role).toBe('appMenu');
  });

  it('offers developer tools only in dev', () => {
    const actions = { openFiles: vi.fn(), openFolder: vi.fn(), runCommand: vi.fn() };
    const viewRoles = (dev: boolean) =>
      submenuOf(buildMenuTemplate(actions, { platform: 'linux', dev }).find((item) => item.label === '&View')!).map(
        (item) => item.role,
      );
    expect(viewRoles(false)).not.toContain('toggleDevTools');
    expect(viewRoles(true)).toContain('toggleDevTools');
  });

  it('lists every menu command with its shortcut', () => {
    const actions = { openFiles: vi.fn(), openFolder: vi.fn(), runCommand: vi.fn() };
    const template = buildMenuTemplate(actions, { platform: 'linux', dev: false });
    for (const command of COMMANDS.filter((item) => item.menu && item.id !== 'open-file' && item.id !== 'open-folder')) {
      const item = findItem(template, `command:${command.id}`);
      expect(item?.label, command.id).toBe(command.label);
      expect(item?.accelerator, command.id).toBe(command.shortcut ?? undefined);
      (item!.click as () => void)();
      expect(actions.runCommand).toHaveBeenLastCalledWith(command.id);
    }
  });

  it('has no two items with one accelerator', () => {
    const template = buildMenuTemplate({ openFiles: vi.fn(), openFolder: vi.fn(), runCommand: vi.fn() }, { platform: 'linux', dev: true });
    const accelerators = template.flatMap((item) => (Array.isArray(item.submenu) ? item.submenu : [])).map((item) => item.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });
});
