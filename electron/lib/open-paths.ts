// Turns paths the user opened into bundles: stats them, lists the regular files of a folder and
// registers every file so that the renderer can read it by handle.

import type { Dirent } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import {
  MAX_FOLDER_FILES,
  type BridgeBundle,
  type BridgeFile,
  type BridgeOpenFailure,
  type OpenedBundles,
} from '../../shared/bridge';
import { BridgeFailure, codeForFileError, toBridgeError } from './errors';
import type { FileRegistry } from './file-registry';

interface FolderListing {
  readonly files: BridgeFile[];
  readonly skipped: string[];
}

function compareNames(a: Dirent, b: Dirent): number {
  if (a.name < b.name) return -1;
  if (a.name > b.name) return 1;
  return 0;
}

function describeOpenError(code: string, error: unknown): string {
  if (code === 'not-found') return 'not found';
  if (code === 'permission-denied') return 'permission denied';
  return String(error);
}

// Walks depth-first with names sorted in each folder, the order the command line uses too.
// Symbolic links are listed as skipped, never followed: they could loop or lead out of the
// folder the user chose.
async function walkFolder(root: string, folder: string, registry: FileRegistry, listing: FolderListing): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort(compareNames);
  for (const entry of entries) {
    const full = join(folder, entry.name);
    const path = relative(root, full).split(sep).join('/');
    if (entry.isDirectory()) {
      await walkFolder(root, full, registry, listing);
    } else if (entry.isFile()) {
      if (listing.files.length === MAX_FOLDER_FILES) {
        throw new BridgeFailure('too-many-files', `${root} contains more than ${MAX_FOLDER_FILES} files; open a smaller folder.`);
      }
      const info = await lstat(full);
      const handle = registry.register(full, info.size, info.mtimeMs);
      listing.files.push({ handle, path, size: info.size, modifiedMs: info.mtimeMs });
    } else {
      listing.skipped.push(path);
    }
  }
}

/** Opens one file or folder. Throws a BridgeFailure naming the path when it cannot. */
export async function openPath(location: string, registry: FileRegistry): Promise<BridgeBundle> {
  let info;
  try {
    info = await stat(location);
  } catch (error) {
    const code = codeForFileError(error, 'internal');
    throw new BridgeFailure(code, `Cannot open ${location}: ${describeOpenError(code, error)}.`);
  }
  const name = basename(location);

  if (info.isFile()) {
    const handle = registry.register(location, info.size, info.mtimeMs);
    const file: BridgeFile = { handle, path: name, size: info.size, modifiedMs: info.mtimeMs };
    return { kind: 'file', location, name, files: [file], skipped: [] };
  }
  if (info.isDirectory()) {
    const listing: FolderListing = { files: [], skipped: [] };
    try {
      await walkFolder(location, location, registry, listing);
    } catch (error) {
      registry.release(listing.files.map((file) => file.handle));
      if (error instanceof BridgeFailure) throw error;
      throw new BridgeFailure(codeForFileError(error, 'internal'), `Cannot list ${location}: ${String(error)}`);
    }
    return { kind: 'folder', location, name, files: listing.files, skipped: listing.skipped };
  }
  throw new BridgeFailure('unsupported-file-type', `${location} is neither a file nor a folder.`);
}

/** Opens several paths; each path that fails is reported in `failures` and the rest still open. */
export async function openPaths(locations: readonly string[], registry: FileRegistry): Promise<OpenedBundles> {
  const bundles: BridgeBundle[] = [];
  const failures: BridgeOpenFailure[] = [];
  for (const location of locations) {
    try {
      bundles.push(await openPath(location, registry));
    } catch (error) {
      failures.push({ location, error: toBridgeError(error) });
    }
  }
  return { bundles, failures };
}
