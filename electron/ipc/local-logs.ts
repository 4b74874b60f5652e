// bundle:open-local-logs: opens the agent log folders under the user's home directory in
// place, through the same file registry as the open dialog, so nothing is copied.

import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { LocalLogs } from '../../shared/bridge';
import { findAgentLogs, type ListedEntry } from '../../shared/collect/locations';
import type { FileRegistry } from '../lib/file-registry';
import { logInfo } from '../lib/log';
import { openPaths } from '../lib/open-paths';
import { handle, type SenderCheck } from './channels';

async function listFolder(path: string): Promise<ListedEntry[] | null> {
  let entries: Dirent[];
  try {
    entries = await readdir(path, { withFileTypes: true });
  } catch {
    return null;
  }
  return entries.map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory(), isFile: entry.isFile() }));
}

/** Finds and registers the agent logs under `home`. */
export async function openLocalLogs(home: string, registry: FileRegistry): Promise<LocalLogs> {
  const locations = await findAgentLogs(home, listFolder, join);
  const opened = await openPaths(locations.map((location) => location.path), registry);
  logInfo('bundle: opened local agent logs', { home, bundles: opened.bundles.length, failures: opened.failures.length });
  return { home, ...opened };
}

export interface LocalLogHandlerContext {
  readonly isAllowed: SenderCheck;
  readonly registry: FileRegistry;
  /** Home directory to search; Electron's app.getPath('home') in the app. */
  readonly home: () => string;
}

export function registerLocalLogHandlers({ isAllowed, registry, home }: LocalLogHandlerContext): void {
  handle('bundle:open-local-logs', isAllowed, () => openLocalLogs(home(), registry));
}
