// The main window's remembered position, size and maximised state. They are saved to a JSON
// file in the user data folder when the window closes and checked against the current displays
// on start, because a monitor may have been unplugged since.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  readonly bounds: Rectangle;
  readonly maximized: boolean;
}

/** File name of the saved state inside Electron's userData folder. */
export const WINDOW_STATE_FILE = 'window-state.json';

/** Width and height below which saved bounds are ignored; the window's minimum size. */
export const MIN_WIDTH = 720;
export const MIN_HEIGHT = 480;

/** Part of the window's title bar area, in pixels, that must lie on a display to be reachable. */
const MIN_VISIBLE = 64;

function isRectangle(value: unknown): value is Rectangle {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((key) => typeof record[key] === 'number' && Number.isFinite(record[key]));
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/**
 * Returns the saved state when it is well formed and the window's top edge would be reachable
 * on one of `displays` (their work areas), with the size shrunk to fit that display. Returns
 * null otherwise, so the window opens at its default size and position.
 */
export function validateWindowState(saved: unknown, displays: readonly Rectangle[]): WindowState | null {
  if (typeof saved !== 'object' || saved === null) return null;
  const { bounds, maximized } = saved as Record<string, unknown>;
  if (!isRectangle(bounds) || typeof maximized !== 'boolean') return null;
  if (bounds.width < MIN_WIDTH || bounds.height < MIN_HEIGHT) return null;
  const titleBar: Rectangle = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(bounds.height, MIN_VISIBLE) };
  const display = displays.find((area) => {
    const shared = overlap(titleBar, area);
    return shared.width >= MIN_VISIBLE && shared.height > 0 && bounds.y >= area.y;
  });
  if (!display) return null;
  const width = Math.round(Math.min(bounds.width, display.width));
  const height = Math.round(Math.min(bounds.height, display.height));
  const x = Math.round(Math.min(Math.max(bounds.x, display.x), display.x + display.width - width));
  const y = Math.round(Math.min(Math.max(bounds.y, display.y), display.y + display.height - height));
  return { bounds: { x, y, width, height }, maximized };
}

/** Reads the saved state; resolves null when the file is missing or not JSON. */
export async function readWindowState(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/** Writes the state through a temporary file and a rename, so a crash leaves the old file whole. */
export async function writeWindowState(path: string, state: WindowState): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state)}\n`, 'utf8');
  await rename(temporary, path);
}
