// bundle:*: the open dialog, chunked reads of opened files, and the open requests that main
// sends itself (menu, command line, second instance, operating system).

import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import type { OpenDialogRequest, OpenDialogResult, OpenRequestSource } from '../../shared/bridge';
import { BridgeFailure } from '../lib/errors';
import type { FileRegistry } from '../lib/file-registry';
import { logInfo } from '../lib/log';
import { openPaths } from '../lib/open-paths';
import { handle, send, type SenderCheck } from './channels';

function dialogOptions(kind: OpenDialogRequest['kind']): OpenDialogOptions {
  return kind === 'folder'
    ? { title: 'Open Folder', properties: ['openDirectory'] }
    : { title: 'Open Bundle', properties: ['openFile', 'multiSelections'] };
}

/** Shows the native open dialog and registers what the user picked. */
export async function showOpenDialog(
  window: BrowserWindow | null,
  kind: OpenDialogRequest['kind'],
  registry: FileRegistry,
): Promise<OpenDialogResult> {
  const options = dialogOptions(kind);
  const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  if (picked.canceled || picked.filePaths.length === 0) return { canceled: true, bundles: [], failures: [] };
  return { canceled: false, ...(await openPaths(picked.filePaths, registry)) };
}

/** Opens paths and sends them to the page as `bundle:did-request-open`. */
export async function sendOpenRequest(
  window: BrowserWindow,
  source: OpenRequestSource,
  paths: readonly string[],
  registry: FileRegistry,
): Promise<void> {
  if (paths.length === 0) return;
  const opened = await openPaths(paths, registry);
  logInfo(`bundle: open request from ${source}`, { paths, failures: opened.failures.length });
  send(window.webContents, 'bundle:did-request-open', { source, ...opened });
}

export interface BundleHandlerContext {
  readonly isAllowed: SenderCheck;
  readonly registry: FileRegistry;
  readonly window: () => BrowserWindow | null;
}

export function registerBundleHandlers({ isAllowed, registry, window }: BundleHandlerContext): void {
  handle('bundle:open-dialog', isAllowed, (request) => {
    const kind = request?.kind;
    if (kind !== 'files' && kind !== 'folder') {
      throw new BridgeFailure('invalid-argument', `Dialog kind ${JSON.stringify(kind)} is invalid; use "files" or "folder".`);
    }
    return showOpenDialog(window(), kind, registry);
  });
  handle('bundle:read-chunk', isAllowed, (request) => registry.readChunk(request));
  handle('bundle:release', isAllowed, (request) => {
    registry.release(Array.isArray(request?.handles) ? request.handles : []);
  });
}
