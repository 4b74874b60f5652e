// Electron main process: one window, one locked-down session, the bridge handlers and the
// application menu. Custody opens no network connection: it has no auto-update and no
// telemetry, and never starts the crash reporter, so nothing is uploaded.

import { app, BrowserWindow, Menu, session } from 'electron';
import { join } from 'node:path';
import type { OpenRequestSource } from '../shared/bridge';
import { registerAppHandlers } from './ipc/app';
import { registerBundleHandlers, sendOpenRequest, showOpenDialog } from './ipc/bundle';
import { send, senderCheck } from './ipc/channels';
import { parseOpenPaths } from './lib/argv';
import { FileRegistry } from './lib/file-registry';
import { logError } from './lib/log';
import { buildMenuTemplate } from './lib/menu-template';
import { applySessionPolicy, guardWebContents } from './security';
import { createMainWindow, focusWindow } from './window';

const dev = !app.isPackaged;
const distDir = join(app.getAppPath(), 'dist');
const preloadPath = join(__dirname, 'preload.cjs');
const registry = new FileRegistry();
const trustedWebContents = new Set<number>();
let mainWindow: BrowserWindow | null = null;

// Open requests that arrive before the page has loaded wait here.
const pending: { source: OpenRequestSource; paths: string[] }[] = [];
let pageLoaded = false;

function requestOpen(source: OpenRequestSource, paths: string[]): void {
  if (paths.length === 0) return;
  if (!mainWindow || !pageLoaded) {
    pending.push({ source, paths });
    return;
  }
  focusWindow(mainWindow);
  sendOpenRequest(mainWindow, source, paths, registry).catch((error: unknown) =>
    logError('main: opening paths failed', { source, paths, error }),
  );
}

async function openFromMenu(kind: 'files' | 'folder'): Promise<void> {
  if (!mainWindow) return;
  const picked = await showOpenDialog(mainWindow, kind, registry);
  if (picked.canceled) return;
  send(mainWindow.webContents, 'bundle:did-request-open', { source: 'menu', bundles: picked.bundles, failures: picked.failures });
}

function openWindow(): void {
  const window = createMainWindow({ distDir, preloadPath, dev });
  const id = window.webContents.id;
  trustedWebContents.add(id);
  mainWindow = window;
  pageLoaded = false;
  window.webContents.on('did-finish-load', () => {
    pageLoaded = true;
    for (const request of pending.splice(0)) requestOpen(request.source, request.paths);
  });
  window.on('closed', () => {
    trustedWebContents.delete(id);
    if (mainWindow === window) mainWindow = null;
  });
}

function installMenu(): void {
  const actions = {
    openFiles: () => void openFromMenu('files').catch((error: unknown) => logError('menu: Open Bundle failed', { error })),
    openFolder: () => void openFromMenu('folder').catch((error: unknown) => logError('menu: Open Folder failed', { error })),
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(actions, { platform: process.platform, dev })));
}

function start(): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

  app.on('second-instance', (_event, argv, workingDirectory) => {
    // The second launch passes `custody-app <paths>` here and then quits.
    if (mainWindow) focusWindow(mainWindow);
    requestOpen('second-instance', parseOpenPaths({ argv, defaultApp: process.defaultApp === true, cwd: workingDirectory }));
  });
  // macOS delivers files opened from Finder or by file association as events, not as argv.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    requestOpen('operating-system', [path]);
  });

  requestOpen('command-line', parseOpenPaths({ argv: process.argv, defaultApp: process.defaultApp === true, cwd: process.cwd() }));

  app.whenReady().then(() => {
    applySessionPolicy(session.defaultSession, { distDir, dev });
    const isAllowed = senderCheck({ webContentsIds: trustedWebContents, distDir });
    registerAppHandlers(isAllowed);
    registerBundleHandlers({ isAllowed, registry, window: () => mainWindow });
    installMenu();
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  }, (error: unknown) => logError('main: start-up failed', { error }));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

// A second launch hands its argv to the running instance (the 'second-instance' event) and quits.
if (app.requestSingleInstanceLock()) start();
else app.quit();
