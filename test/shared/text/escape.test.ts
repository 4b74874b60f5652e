import { describe, expect, it } from 'vitest';
import { escapeControls, escapeForLabel, showAnsi } from '../../../shared/text/escape';

describe('escapeControls', () => {
  it('shows right-to-left overrides and NUL', () => {
    expect(escapeControls('invoice\u202Efdp.exe')).toBe('invoice\\u202efdp.exe');
    expect(escapeControls('a\u0000b')).toBe('a\\u0000b');
  });

  it('keeps newlines, tabs and markup', () => {
    expect(escapeControls('<script>\n\tx')).toBe('<script>\n\tx');
  });
});

describe('escapeForLabel', () => {
  it('puts everything on one line', () => {
    expect(escapeForLabel('a\nb\tc')).toBe('a\\nb\\tc');
  });
});

describe('showAnsi', () => {
  it('turns colour codes into text', () => {
    expect(showAnsi('\u001b[31mred\u001b[0m')).toBe('\\u001b[31mred\\u001b[0m');
  });
});
