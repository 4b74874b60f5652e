// The keyboard handler: runs the command whose shortcut matches a key press, anywhere in the app.

import { matchesShortcut, PALETTE_ALTERNATE_SHORTCUT, type KeyStroke } from '../../shared/commands';
import type { AppCommand } from './types';

export function isMacPlatform(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform);
}

/** Finds the command for a key stroke, including the palette's second shortcut. */
export function commandForStroke(commands: readonly AppCommand[], stroke: KeyStroke, isMac: boolean): AppCommand | undefined {
  if (matchesShortcut(stroke, PALETTE_ALTERNATE_SHORTCUT, isMac)) return commands.find((command) => command.id === 'command-palette');
  return commands.find((command) => command.shortcut !== null && matchesShortcut(stroke, command.shortcut, isMac));
}
