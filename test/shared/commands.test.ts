import { describe, expect, it } from 'vitest';
import { COMMAND_IDS, COMMANDS, formatShortcut, matchesShortcut, PALETTE_ALTERNATE_SHORTCUT } from '../../shared/commands';

const stroke = (key: string, modifiers: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}, code?: string) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  code,
  ...modifiers,
});

describe('command list', () => {
  it('has one entry per id', () => {
    expect(COMMANDS.map((command) => command.id).sort()).toEqual([...COMMAND_IDS].sort());
  });

  it('has no shortcut twice', () => {
    const shortcuts = [...COMMANDS.map((command) => command.shortcut).filter(Boolean), PALETTE_ALTERNATE_SHORTCUT];
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
  });
});

describe('matchesShortcut', () => {
  it('maps CmdOrCtrl to Control off macOS', () => {
    expect(matchesShortcut(stroke('k', { ctrlKey: true }), 'CmdOrCtrl+K', false)).toBe(true);
    expect(matchesShortcut(stroke('k', { metaKey: true }), 'CmdOrCtrl+K', false)).toBe(false);
  });

  it('maps CmdOrCtrl to Command on macOS', () => {
    expect(matchesShortcut(stroke('k', { metaKey: true }), 'CmdOrCtrl+K', true)).toBe(true);
    expect(matchesShortcut(stroke('k', { ctrlKey: true }), 'CmdOrCtrl+K', true)).toBe(false);
  });

  it('requires the exact modifiers', () => {
    expect(matchesShortcut(stroke('O', { ctrlKey: true, shiftKey: true }), 'CmdOrCtrl+Shift+O', false)).toBe(true);
    expect(matchesShortcut(stroke('o', { ctrlKey: true }), 'CmdOrCtrl+Shift+O', false)).toBe(false);
    expect(matchesShortcut(stroke('k'), 'CmdOrCtrl+K', false)).toBe(false);
  });

  it('uses the physical key when Alt changes the character', () => {
    expect(matchesShortcut(stroke('¡', { altKey: true }, 'Digit1'), 'Alt+1', true)).toBe(true);
    expect(matchesShortcut(stroke('2', { altKey: true }, 'Digit2'), 'Alt+1', false)).toBe(false);
  });

  it('matches a function key alone', () => {
    expect(matchesShortcut(stroke('F1'), 'F1', false)).toBe(true);
  });
});

describe('formatShortcut', () => {
  it('writes Ctrl off macOS and symbols on macOS', () => {
    expect(formatShortcut('CmdOrCtrl+Shift+P', false)).toBe('Ctrl+Shift+P');
    expect(formatShortcut('CmdOrCtrl+Shift+P', true)).toBe('⌘⇧P');
  });
});
