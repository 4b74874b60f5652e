// Electron main process: one window, one locked-down session, the bridge handlers and the
// application menu. Custody opens no network connection: it has no auto-update and no
// telemetry, and never starts the crash reporter, so nothing is uploaded.

import { app, BrowserWindow, Menu, screen, session } from 'electron';
import { join } from 'node:path';
import type { OpenRequestSource } from '../shared/bridge';
import { registerAppHandlers } from './ipc/app';
import { registerBundleHandlers, sendOpenRequest, showOpenDialog } from './ipc/bundle';
import { registerLocalLogHandlers } from './ipc/local-logs';
import { registerReportHandlers } from './ipc/report';
import { send, senderCheck } from './ipc/channels';
import { parseOpenPaths } from './lib/argv';
import { FileRegistry } from './lib/file-registry';
import { logError } from './lib/log';
import { buildMenuTemplate } from './lib/menu-template';
import { readWindowState, validateWindowState, WINDOW_STATE_FILE, writeWindowState, type WindowState } from './lib/window-state';
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
  rememberRecent(paths);
  sendOpenRequest(mainWindow, source, paths, registry).catch((error: unknown) =>
    logError('main: opening paths failed', { source, paths, error }),
  );
}

/** Adds opened paths to the operating system's recent documents (macOS Open Recent, Windows jump list). */
function rememberRecent(locations: readonly string[]): void {
  for (const location of locations) app.addRecentDocument(location);
}

async function openFromMenu(kind: 'files' | 'folder'): Promise<void> {
  if (!mainWindow) return;
  const picked = await showOpenDialog(mainWindow, kind, registry);
  if (picked.canceled) return;
  rememberRecent(picked.bundles.map((bundle) => bundle.location));
  send(mainWindow.webContents, 'bundle:did-request-open', { source: 'menu', bundles: picked.bundles, failures: picked.failures });
}

const windowStatePath = (): string => join(app.getPath('userData'), WINDOW_STATE_FILE);

async function savedWindowState(): Promise<WindowState | null> {
  const areas = screen.getAllDisplays().map((display) => display.workArea);
  return validateWindowState(await readWindowState(windowStatePath()), areas);
}

function rememberWindowState(window: BrowserWindow): void {
  // getNormalBounds is the size to restore to when the window is maximised or full screen.
  const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
  writeWindowState(windowStatePath(), state).catch((error: unknown) => logError('window: saving its bounds failed', { error }));
}

function openWindow(state: WindowState | null): void {
  const window = createMainWindow({ distDir, preloadPath, dev, state });
  const id = window.webContents.id;
  trustedWebContents.add(id);
  mainWindow = window;
  pageLoaded = false;
  window.webContents.on('did-finish-load', () => {
    pageLoaded = true;
    for (const request of pending.splice(0)) requestOpen(request.source, request.paths);
  });
  window.on('close', () => rememberWindowState(window));
  window.on('closed', () => {
    trustedWebContents.delete(id);
    if (mainWindow === window) mainWindow = null;
  });
}

function installMenu(): void {
  const actions = {
    openFiles: () => void openFromMenu('files').catch((error: unknown) => logError('menu: Open Bundle failed', { error })),
    openFolder: () => void openFromMenu('folder').catch((error: unknown) => logError('menu: Open Folder failed', { error })),
    runCommand: (id: string) => {
      if (mainWindow) send(mainWindow.webContents, 'app:run-command', { id });
    },
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
    registerLocalLogHandlers({ isAllowed, registry, home: () => app.getPath('home') });
    registerReportHandlers({ isAllowed, window: () => mainWindow, tempRoot: () => app.getPath('temp') });
    installMenu();
    const reopen = () => void savedWindowState().then(openWindow, (error: unknown) => {
      logError('window: reading its saved bounds failed', { error });
      openWindow(null);
    });
    reopen();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) reopen();
    });
  }, (error: unknown) => logError('main: start-up failed', { error }));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

// A second launch hands its argv to the running instance (the 'second-instance' event) and quits.
if (app.requestSingleInstanceLock()) start();
else app.quit();
