import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWindowState, validateWindowState, writeWindowState } from '../../../electron/lib/window-state';

const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const right = { x: 1920, y: 0, width: 1280, height: 1024 };

describe('validateWindowState', () => {
  it('keeps bounds on a display', () => {
    const saved = { bounds: { x: 100, y: 50, width: 1200, height: 800 }, maximized: false };
    expect(validateWindowState(saved, [primary])).toEqual(saved);
  });

  it('keeps the maximised flag', () => {
    const saved = { bounds: { x: 100, y: 50, width: 1200, height: 800 }, maximized: true };
    expect(validateWindowState(saved, [primary])?.maximized).toBe(true);
  });

  it('drops bounds on an unplugged display', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1000, height: 700 }, maximized: false };
    expect(validateWindowState(saved, [primary, right])).not.toBeNull();
    expect(validateWindowState(saved, [primary])).toBeNull();
  });

  it('drops a window whose title bar is above the screen', () => {
    expect(validateWindowState({ bounds: { x: 100, y: -300, width: 1000, height: 700 }, maximized: false }, [primary])).toBeNull();
  });

  it('drops a window with only a sliver visible', () => {
    expect(validateWindowState({ bounds: { x: 1900, y: 100, width: 1000, height: 700 }, maximized: false }, [primary])).toBeNull();
  });

  it('shrinks and moves bounds larger than the display', () => {
    const state = validateWindowState({ bounds: { x: 10, y: 10, width: 2500, height: 1400 }, maximized: false }, [primary]);
    expect(state?.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
  });

  it.each([
    ['null', null],
    ['a string', 'bounds'],
    ['no maximised flag', { bounds: { x: 0, y: 0, width: 1000, height: 700 } }],
    ['a non-finite width', { bounds: { x: 0, y: 0, width: Infinity, height: 700 }, maximized: false }],
    ['a size under the minimum', { bounds: { x: 0, y: 0, width: 200, height: 100 }, maximized: false }],
  ])('rejects %s', (_name, saved) => {
    expect(validateWindowState(saved, [primary])).toBeNull();
  });
});

describe('window state file', () => {
  it('writes and reads back', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'custody-window-'));
    try {
      const path = join(folder, 'nested', 'window-state.json');
      const state = { bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: false };
      await writeWindowState(path, state);
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(state);
      expect(await readWindowState(path)).toEqual(state);
      writeFileSync(path, '{broken');
      expect(await readWindowState(path)).toBeNull();
      expect(await readWindowState(join(folder, 'missing.json'))).toBeNull();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
