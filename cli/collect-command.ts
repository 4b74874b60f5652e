// `custody collect [--out FILE] [--home DIR] [--otel PATH]... [PATH]...`: copies this machine's
// agent logs into one zip with a manifest of hashes, sizes, times and original paths.
//
// The sources are evidence, so they are only read. Each file is opened read-only, with
// O_NOATIME where the platform and ownership allow it so that its access time stays as it was.
// It is streamed through SHA-256 into the zip a chunk at a time. Nothing is written beside the
// sources, and the output may not lie inside a source folder.

import { constants, createWriteStream, type WriteStream } from 'node:fs';
import { open, readdir, rm, stat, type FileHandle } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { homedir, hostname, userInfo } from 'node:os';
import { basename, join, relative, resolve, sep } from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import packageJson from '../package.json';
import {
  COLLECTION_FORMAT,
  COLLECTION_MANIFEST_PATH,
  findAgentLogs,
  type CollectedFile,
  type CollectionManifest,
  type ListedEntry,
  type LogLocation,
  type SkippedPath,
} from '../shared/collect/locations';

const CHUNK_BYTES = 1 << 20;
/** Output bytes buffered before collection waits for the disk to catch up. */
const HIGH_WATER_BYTES = 16 << 20;
/** fflate writes no ZIP64 records, so a stored size must fit in 32 bits. */
const MAX_ENTRY_BYTES = 0xffff_ffff;

export interface CollectOptions {
  /** Output zip; must not exist yet. */
  readonly out: string;
  readonly home: string;
  readonly otel: readonly string[];
  readonly paths: readonly string[];
  /** Called after each file, for progress output. */
  readonly onFile?: (file: CollectedFile) => void;
}

export interface CollectResult {
  readonly out: string;
  readonly manifest: CollectionManifest;
}

/** Raised before anything is written for a file that cannot go into the zip. */
class SkipFile extends Error {}

/** Raised for a problem with the request itself (bad path, nothing to collect); exit code 2. */
export class CollectUsageError extends Error {}

export function defaultOutputName(now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return `custody-collection-${hostname()}-${stamp}.zip`;
}

async function listFolder(path: string): Promise<ListedEntry[] | null> {
  try {
    const entries = await readdir(path, { withFileTypes: true });
    return entries.map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory(), isFile: entry.isFile() }));
  } catch {
    return null;
  }
}

async function namedLocations(kind: 'otel' | 'path', paths: readonly string[]): Promise<LogLocation[]> {
  const locations: LogLocation[] = [];
  for (const [index, given] of paths.entries()) {
    const path = resolve(given);
    try {
      await stat(path);
    } catch (error) {
      throw new CollectUsageError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
    }
    const folder = kind === 'otel' ? 'otel' : 'paths';
    locations.push({ kind, path, entryPrefix: `${folder}/${index + 1}-${basename(path) || 'root'}` });
  }
  return locations;
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}

/** Opens a file for reading without updating its access time when the OS permits. */
async function openReadOnly(path: string): Promise<FileHandle> {
  const noAtime = constants.O_NOATIME ?? 0;
  if (noAtime !== 0) {
    try {
      return await open(path, constants.O_RDONLY | noAtime);
    } catch (error) {
      // Linux allows O_NOATIME only to the file's owner (or CAP_FOWNER); others get EPERM.
      if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
    }
  }
  return open(path, constants.O_RDONLY);
}

function isoOrNull(ms: number): string | null {
  return ms > 0 ? new Date(ms).toISOString() : null;
}

class ZipWriter {
  private readonly zip: Zip;
  private failure: Error | null = null;
  private readonly done: Promise<void>;

  constructor(private readonly stream: WriteStream) {
    let finish!: () => void;
    let fail!: (error: Error) => void;
    this.done = new Promise<void>((resolveDone, rejectDone) => {
      finish = resolveDone;
      fail = rejectDone;
    });
    stream.on('error', (error) => {
      this.failure = error;
      fail(error);
    });
    this.zip = new Zip((error, data, final) => {
      if (error) {
        this.failure = error;
        fail(error);
        return;
      }
      stream.write(data);
      if (final) stream.end(() => finish());
    });
  }

  /** Starts an entry; push its bytes with `push` and end it with `push(empty, true)`. */
  entry(name: string, modifiedMs: number): ZipDeflate {
    const file = new ZipDeflate(name, { level: 6 });
    // ZIP stores DOS times from 1980 to 2107; fflate rejects others.
    file.mtime = Math.min(Math.max(modifiedMs, Date.UTC(1980, 0, 2)), Date.UTC(2107, 11, 30));
    this.zip.add(file);
    return file;
  }

  /** Waits while the output stream holds more than HIGH_WATER_BYTES. */
  async drain(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.stream.writableLength <= HIGH_WATER_BYTES) return;
    await new Promise<void>((resolveDrain) => this.stream.once('drain', resolveDrain));
    if (this.failure) throw this.failure;
  }

  async finish(): Promise<void> {
    this.zip.end();
    await this.done;
  }
}

async function collectFile(
  writer: ZipWriter,
  path: string,
  entry: string,
  kind: LogLocation['kind'],
): Promise<CollectedFile> {
  const handle = await openReadOnly(path);
  try {
    const before = await handle.stat();
    if (before.size > MAX_ENTRY_BYTES) throw new SkipFile(`${before.size} bytes; files over 4 GiB cannot be collected (no ZIP64 support)`);
    const hash = createHash('sha256');
    const file = writer.entry(entry, before.mtimeMs);
    let size = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, size);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      size += bytesRead;
      if (size > MAX_ENTRY_BYTES) throw new Error(`${path} grew past 4 GiB while it was read; it cannot be collected (no ZIP64 support).`);
      file.push(chunk);
      await writer.drain();
    }
    file.push(new Uint8Array(0), true);
    const after = await handle.stat();
    return {
      entry,
      kind,
      originalPath: path,
      size,
      sha256: hash.digest('hex'),
      mtime: new Date(before.mtimeMs).toISOString(),
      ctime: new Date(before.ctimeMs).toISOString(),
      birthtime: isoOrNull(before.birthtimeMs),
      changedWhileReading: after.size !== before.size || after.mtimeMs !== before.mtimeMs || size !== before.size,
    };
  } finally {
    await handle.close();
  }
}

/** Lists the regular files of a folder in name order; symbolic links and special files are skipped, never followed. */
async function* walk(root: string, folder: string, skipped: SkippedPath[]): AsyncGenerator<{ path: string; rel: string }> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    skipped.push({ originalPath: folder, reason: `cannot list: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* walk(root, path, skipped);
    else if (entry.isFile()) yield { path, rel: relative(root, path).split(sep).join('/') };
    else skipped.push({ originalPath: path, reason: entry.isSymbolicLink() ? 'symbolic link, not followed' : 'not a regular file' });
  }
}

export async function runCollect(options: CollectOptions): Promise<CollectResult> {
  const startedAt = new Date().toISOString();
  const home = resolve(options.home);
  const locations = [
    ...(await findAgentLogs(home, listFolder, join)),
    ...(await namedLocations('otel', options.otel)),
    ...(await namedLocations('path', options.paths)),
  ];
  if (locations.length === 0) {
    throw new CollectUsageError(`No agent logs found under ${home} (.claude/projects, .codex/sessions, .codex/archived_sessions, .gemini/tmp/*/chats); name files or folders to collect, or use --home DIR.`);
  }
  const out = resolve(options.out);
  for (const location of locations) {
    if (isInside(out, location.path)) {
      throw new CollectUsageError(`The output ${out} lies inside the source ${location.path}; write it somewhere else so the source folder stays untouched.`);
    }
  }

  // 'wx' fails when the file exists, so an earlier collection is never overwritten.
  const stream = createWriteStream(out, { flags: 'wx' });
  await new Promise<void>((resolveOpen, rejectOpen) => {
    stream.once('open', () => resolveOpen());
    stream.once('error', (error) => rejectOpen(new CollectUsageError(`Cannot create ${out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`)));
  });
  const writer = new ZipWriter(stream);
  const files: CollectedFile[] = [];
  const skipped: SkippedPath[] = [];
  try {
    for (const location of locations) {
      const info = await stat(location.path);
      const targets = info.isDirectory()
        ? walk(location.path, location.path, skipped)
        : (async function* () {
            yield { path: location.path, rel: basename(location.path) };
          })();
      for await (const target of targets) {
        try {
          const collected = await collectFile(writer, target.path, `${location.entryPrefix}/${target.rel}`, location.kind);
          files.push(collected);
          options.onFile?.(collected);
        } catch (error) {
          // A file that vanished or became unreadable between listing and reading is skipped;
          // an error from the zip or the output stream is not, and ends the collection.
          const code = (error as NodeJS.ErrnoException).code;
          if (error instanceof SkipFile) skipped.push({ originalPath: target.path, reason: error.message });
          else if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM') {
            skipped.push({ originalPath: target.path, reason: `cannot read: ${code}` });
          } else throw error;
        }
      }
    }
    const manifest: CollectionManifest = {
      format: COLLECTION_FORMAT,
      tool: { name: packageJson.name, version: packageJson.version },
      host: hostname(),
      user: userInfo().username,
      platform: process.platform,
      startedAt,
      finishedAt: new Date().toISOString(),
      home,
      sources: locations,
      files,
      skipped,
    };
    const entry = writer.entry(COLLECTION_MANIFEST_PATH, Date.now());
    entry.push(new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`), true);
    await writer.finish();
    return { out, manifest };
  } catch (error) {
    stream.destroy();
    // Only the partial output that this run created is removed.
    await rm(out, { force: true });
    throw error;
  }
}

export function defaultHome(): string {
  return homedir();
}
