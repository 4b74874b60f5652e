// The main window: secure options, shown once its first frame is ready, loading the built
// renderer from the app's dist folder.

import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { logError } from './lib/log';
import { mainWindowOptions } from './lib/window-options';

export interface WindowPaths {
  readonly distDir: string;
  readonly preloadPath: string;
  readonly dev: boolean;
}

export function createMainWindow({ distDir, preloadPath, dev }: WindowPaths): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions({ preloadPath, dev }));
  window.once('ready-to-show', () => window.show());
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
