// The main window: secure options, shown once its first frame is ready, loading the built
// renderer from the app's dist folder.

import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { logError } from './lib/log';
import { mainWindowOptions } from './lib/window-options';
import type { WindowState } from './lib/window-state';

export interface WindowPaths {
  readonly distDir: string;
  readonly preloadPath: string;
  readonly dev: boolean;
  /** Saved bounds, already checked against the current displays; null for the defaults. */
  readonly state?: WindowState | null;
}

export function createMainWindow({ distDir, preloadPath, dev, state }: WindowPaths): BrowserWindow {
  const window = new BrowserWindow({ ...mainWindowOptions({ preloadPath, dev }), ...(state ? state.bounds : {}) });
  window.once('ready-to-show', () => {
    if (state?.maximized) window.maximize();
    window.show();
  });
  const page = join(distDir, 'index.html');
  window.loadFile(page).catch((error: unknown) => {
    logError('window: loading the app page failed; run `npm run build` first', { page, error });
  });
  return window;
}

/** Brings a window to the front, restoring it when minimised. */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
