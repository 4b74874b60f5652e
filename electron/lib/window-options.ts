// Options of the main window. The renderer shows hostile evidence, so it runs with the tightest
// settings Electron offers: no Node, an isolated and sandboxed preload, no <webview>.

import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of the built preload script (dist-electron/preload.cjs). */
  readonly preloadPath: string;
  /** True when running from a source checkout; enables the developer tools. */
  readonly dev: boolean;
}

export function mainWindowOptions({ preloadPath, dev }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'Custody',
    // Shown on 'ready-to-show' so the user never sees an empty white window.
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Chromium's spellchecker downloads dictionaries from a remote server.
      spellcheck: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: dev,
    },
  };
}
