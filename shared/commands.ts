// The app's commands as the command palette, the keyboard handler and the Electron menu all
// list them. Each has a stable id, a label and at most one shortcut. What a command does lives
// in the renderer (renderer/commands); the menu in main sends the id over `app:run-command`.

/** Electron menu that lists a command; null keeps it out of the menu. */
export type CommandMenu = 'file' | 'go' | 'view' | 'help' | null;

export interface CommandDescriptor {
  readonly id: CommandId;
  readonly label: string;
  /**
   * Shortcut in Electron's accelerator syntax (`CmdOrCtrl+Shift+O`): `CmdOrCtrl` is Command on
   * macOS and Control elsewhere. Null when the command has none.
   */
  readonly shortcut: string | null;
  readonly menu: CommandMenu;
}

export const COMMAND_IDS = [
  'open-file',
  'open-folder',
  'open-local-logs',
  'go-library',
  'go-sessions',
  'go-findings',
  'go-case',
  'command-palette',
  'focus-search',
  'toggle-secrets',
  'toggle-theme',
  'fit-graph',
  'export-case',
  'help-shortcuts',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

export const COMMANDS: readonly CommandDescriptor[] = [
  { id: 'open-file', label: 'Open file…', shortcut: 'CmdOrCtrl+O', menu: 'file' },
  { id: 'open-folder', label: 'Open folder…', shortcut: 'CmdOrCtrl+Shift+O', menu: 'file' },
  { id: 'open-local-logs', label: "Open this machine's agent logs", shortcut: null, menu: 'file' },
  { id: 'export-case', label: 'Export case…', shortcut: 'CmdOrCtrl+E', menu: 'file' },
  { id: 'go-library', label: 'Go to library', shortcut: 'Alt+1', menu: 'go' },
  { id: 'go-sessions', label: 'Go to sessions', shortcut: 'Alt+2', menu: 'go' },
  { id: 'go-findings', label: 'Go to findings', shortcut: 'Alt+3', menu: 'go' },
  { id: 'go-case', label: 'Go to case', shortcut: 'Alt+4', menu: 'go' },
  { id: 'command-palette', label: 'Show all commands', shortcut: 'CmdOrCtrl+K', menu: 'view' },
  { id: 'focus-search', label: 'Focus search', shortcut: 'CmdOrCtrl+F', menu: 'view' },
  { id: 'toggle-secrets', label: 'Reveal or mask secrets', shortcut: 'CmdOrCtrl+Shift+S', menu: 'view' },
  { id: 'toggle-theme', label: 'Switch theme (system, light, dark)', shortcut: 'CmdOrCtrl+Shift+L', menu: 'view' },
  { id: 'fit-graph', label: 'Fit graph to window', shortcut: 'CmdOrCtrl+Shift+F', menu: 'view' },
  { id: 'help-shortcuts', label: 'Keyboard shortcuts', shortcut: 'F1', menu: 'help' },
];

/** Second shortcut of the palette, as in editors that use Ctrl+Shift+P for it. */
export const PALETTE_ALTERNATE_SHORTCUT = 'CmdOrCtrl+Shift+P';

export function commandById(id: string): CommandDescriptor | undefined {
  return COMMANDS.find((command) => command.id === id);
}

/** A keyboard event's keys, as `KeyboardEvent` reports them. */
export interface KeyStroke {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  /** Physical key, for Alt+digit where macOS reports a special character as `key`. */
  readonly code?: string;
}

/** Checks a key stroke against an accelerator; `isMac` picks Command or Control for `CmdOrCtrl`. */
export function matchesShortcut(stroke: KeyStroke, shortcut: string, isMac: boolean): boolean {
  const parts = shortcut.split('+');
  const key = parts.pop()!.toLowerCase();
  const wants = new Set(parts.map((part) => part.toLowerCase()));
  const either = wants.has('cmdorctrl');
  const ctrl = (either && !isMac) || wants.has('ctrl') || wants.has('control');
  const meta = (either && isMac) || wants.has('cmd') || wants.has('command');
  if (stroke.ctrlKey !== ctrl || stroke.metaKey !== meta) return false;
  if (stroke.shiftKey !== wants.has('shift') || stroke.altKey !== wants.has('alt')) return false;
  const pressed = stroke.key.toLowerCase();
  if (pressed === key) return true;
  // With Alt (Option on macOS) or Shift held, `key` can be another character; the physical key decides.
  return /^[0-9]$/.test(key) ? stroke.code === `Digit${key}` : stroke.code === `Key${key.toUpperCase()}`;
}

/** Formats an accelerator for display: `Ctrl+Shift+O` elsewhere, `⌘⇧O` on macOS. */
export function formatShortcut(shortcut: string, isMac: boolean): string {
  const parts = shortcut.split('+');
  if (!isMac) return parts.map((part) => (part === 'CmdOrCtrl' ? 'Ctrl' : part)).join('+');
  const symbols: Record<string, string> = { CmdOrCtrl: '⌘', Cmd: '⌘', Command: '⌘', Ctrl: '⌃', Control: '⌃', Shift: '⇧', Alt: '⌥' };
  return parts.map((part) => symbols[part] ?? part).join('');
}
