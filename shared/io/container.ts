// Walks a bundle (folder, zip, tar, gzip or plain file, nested up to a depth limit) and yields
// every file inside it as a stream, sniffing each level by magic bytes. Limits on entry count,
// total size and compression ratio stop hostile archives; what was read before stays.

import type { Diagnostic, DiagnosticCode } from '../model/diagnostics';
import type { ContainerKind } from '../model/evidence';
import { peekStream } from './byte-reader';
import type { BundleInput } from './bytes';
import { DecompressionError, fflateGunzip, gunzippedName, type GunzipStream } from './gzip';
import { DEFAULT_LIMITS, RATIO_GRACE_BYTES, type ContainerLimits } from './limits';
import { checkMemberName } from './member-names';
import { SNIFF_BYTES, sniffContainer } from './sniff';
import { tarEntries, type ArchiveEntry } from './tar';
import { escapeForLabel } from '../text/escape';
import { zipEntries } from './zip';

export interface ContainerEntry {
  /** Path inside the bundle; archives nested in it appear as folders (`inner.zip/a.jsonl`). */
  readonly path: string;
  /** Containers the bytes came through, outermost first. */
  readonly chain: readonly ContainerKind[];
  /** Streams the decompressed bytes. Consume it before asking for the next entry. */
  readonly chunks: AsyncIterable<Uint8Array>;
  /** True for an archive kept as a file past the depth limit: its bytes are evidence, not text. */
  readonly opaque?: boolean;
  /**
   * After `chunks` ended: why a container limit or damaged compressed data cut the entry short,
   * or undefined when it was read to its end.
   */
  readonly cutShort?: () => CutShort | undefined;
}

/** Reason an entry's bytes end before the entry does. */
export interface CutShort {
  /** `archive-limit` when a limit stopped reading, `corrupt-archive` for damaged or truncated data. */
  readonly code: DiagnosticCode;
  /** A clause that completes "Reading stopped after N bytes of this file because …". */
  readonly cause: string;
}

export interface WalkOptions {
  readonly limits?: ContainerLimits;
  readonly gunzip?: GunzipStream;
  readonly onDiagnostic: (diagnostic: Diagnostic) => void;
}

interface WalkState {
  readonly limits: ContainerLimits;
  readonly gunzip: GunzipStream;
  readonly onDiagnostic: (diagnostic: Diagnostic) => void;
  entries: number;
  totalBytes: number;
  stopped: boolean;
  /** Reason the file being streamed was cut short. It is reset when the next file starts. */
  cut: CutShort | undefined;
}

export async function* walkBundle(input: BundleInput, options: WalkOptions): AsyncGenerator<ContainerEntry> {
  const state: WalkState = {
    limits: options.limits ?? DEFAULT_LIMITS,
    gunzip: options.gunzip ?? fflateGunzip,
    onDiagnostic: options.onDiagnostic,
    entries: 0,
    totalBytes: 0,
    stopped: false,
    cut: undefined,
  };
  if (input.kind === 'file') {
    yield* walk(input.source.name, input.source.chunks(), 0, [], state);
    return;
  }
  for await (const file of input.folder.files()) {
    if (state.stopped) return;
    yield* walk(file.path, file.source.chunks(), 0, ['folder'], state);
  }
}

async function* walk(
  path: string,
  chunks: AsyncIterable<Uint8Array>,
  depth: number,
  chain: readonly ContainerKind[],
  state: WalkState,
): AsyncGenerator<ContainerEntry> {
  if (state.stopped) return;
  // Reset before sniffing, because reading the first bytes may already hit a limit.
  state.cut = undefined;
  const { head, stream } = await peekStream(chunks, SNIFF_BYTES);
  const kind = sniffContainer(head);
  if (kind !== 'plain' && depth >= state.limits.maxDepth) {
    state.onDiagnostic({
      code: 'archive-limit',
      severity: 'warning',
      file: path,
      reason: `Archive nested deeper than ${state.limits.maxDepth} levels was not opened; it is kept as a file.`,
    });
  }
  if (kind === 'plain' || depth >= state.limits.maxDepth) {
    if (!countEntry(path, state)) return;
    // Read right after the stream ends, before the walk moves on, so it describes this file.
    const cutShort = () => state.cut;
    yield { path, chain, chunks: countBytes(path, stream, state), ...(kind === 'plain' ? {} : { opaque: true }), cutShort };
    return;
  }
  if (kind === 'gzip') {
    const name = gunzippedName(path);
    const inflated = guardRatio(path, stream, state.gunzip, state);
    yield* walk(name, inflated, depth + 1, [...chain, 'gzip'], state);
    return;
  }
  // An archive error while a member streams (the archive ends inside it) cuts that member short.
  const onArchiveDiagnostic = (diagnostic: Diagnostic) => {
    if (diagnostic.severity === 'error') {
      const at = diagnostic.offset === undefined ? '' : ` at byte ${diagnostic.offset}`;
      state.cut = { code: diagnostic.code, cause: `the archive "${escapeForLabel(path)}" is damaged or cut short${at} (see its diagnostic)` };
    }
    state.onDiagnostic(diagnostic);
  };
  const members = kind === 'zip' ? zipEntries(stream, path, onArchiveDiagnostic) : tarEntries(stream, path, onArchiveDiagnostic);
  // Members of the outermost archive keep their own names; deeper ones are prefixed by their archive.
  const innerPrefix = chain.every((level) => level === 'gzip') ? '' : `${path}/`;
  for await (const member of members) {
    if (state.stopped) return;
    const memberPath = `${innerPrefix}${member.name}`;
    const unsafeName = checkMemberName(member.name, memberPath);
    if (unsafeName) state.onDiagnostic(unsafeName);
    yield* walk(memberPath, checkEntryRatio(member, state), depth + 1, [...chain, kind], state);
  }
}

function countEntry(path: string, state: WalkState): boolean {
  state.entries += 1;
  if (state.entries <= state.limits.maxEntries) return true;
  state.stopped = true;
  state.onDiagnostic({
    code: 'archive-limit',
    severity: 'error',
    file: path,
    reason: `Bundle holds more than ${state.limits.maxEntries} files; reading stopped at "${path}" and the files before it were kept.`,
  });
  return false;
}

async function* countBytes(path: string, stream: AsyncIterable<Uint8Array>, state: WalkState): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) {
    state.totalBytes += chunk.length;
    if (state.totalBytes > state.limits.maxTotalBytes) {
      state.stopped = true;
      const reason = `Bundle expands to more than ${state.limits.maxTotalBytes} bytes; reading stopped inside "${escapeForLabel(path)}".`;
      state.cut = { code: 'archive-limit', cause: `the bundle expands to more than ${state.limits.maxTotalBytes} bytes` };
      state.onDiagnostic({ code: 'archive-limit', severity: 'error', file: path, reason });
      const fits = chunk.length - (state.totalBytes - state.limits.maxTotalBytes);
      if (fits > 0) yield chunk.subarray(0, fits);
      return;
    }
    yield chunk;
  }
}

/**
 * Returns how many more output bytes keep an entry within the ratio limit, given the compressed
 * bytes behind it. Entries may always produce RATIO_GRACE_BYTES, so tiny ones may compress well.
 */
function ratioAllowance(produced: number, compressed: number, state: WalkState): number {
  return Math.max(RATIO_GRACE_BYTES, state.limits.maxRatio * Math.max(compressed, 1)) - produced;
}

/**
 * Passes an entry's bytes on until it expands past the ratio limit. The chunk that crosses the
 * limit is passed on up to it, so the bytes read up to the limit stay evidence.
 */
function checkEntryRatio(member: ArchiveEntry, state: WalkState): AsyncIterable<Uint8Array> {
  const stored = member.storedSize;
  const storedSoFar = member.storedSoFar;
  if (stored === null && !storedSoFar) return member.chunks;
  return (async function* () {
    let produced = 0;
    for await (const chunk of member.chunks) {
      const compressed = stored ?? storedSoFar!();
      const allowed = ratioAllowance(produced, compressed, state);
      if (chunk.length > allowed) {
        if (allowed > 0) yield chunk.subarray(0, allowed);
        reportRatio(member.name, state, compressed, produced + Math.max(allowed, 0));
        return;
      }
      produced += chunk.length;
      yield chunk;
    }
  })();
}

async function* guardRatio(
  path: string,
  stream: AsyncIterable<Uint8Array>,
  gunzip: GunzipStream,
  state: WalkState,
): AsyncGenerator<Uint8Array> {
  let consumed = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of stream) {
      consumed += chunk.length;
      yield chunk;
    }
  }
  let produced = 0;
  try {
    for await (const chunk of gunzip(counted())) {
      const allowed = ratioAllowance(produced, consumed, state);
      if (chunk.length > allowed) {
        if (allowed > 0) yield chunk.subarray(0, allowed);
        reportRatio(path, state, consumed, produced + Math.max(allowed, 0));
        return;
      }
      produced += chunk.length;
      yield chunk;
    }
  } catch (error) {
    if (!(error instanceof DecompressionError)) throw error;
    reportGzipFailure(path, error, consumed, produced, state);
  }
}

function reportGzipFailure(path: string, error: DecompressionError, consumed: number, produced: number, state: WalkState): void {
  const truncated = error.failure === 'truncated';
  const reason = truncated
    ? `Gzip stream is truncated: it ends at compressed byte ${consumed} before its end. The ${produced} bytes decompressed before that were read.`
    : `Gzip data is invalid within its first ${consumed} compressed bytes, so decompression stopped. The ${produced} bytes decompressed before that were read.`;
  const cause = truncated
    ? `its gzip stream "${escapeForLabel(path)}" is truncated at compressed byte ${consumed}`
    : `its gzip stream "${escapeForLabel(path)}" holds invalid data within its first ${consumed} compressed bytes`;
  state.cut = { code: 'corrupt-archive', cause };
  state.onDiagnostic({ code: 'corrupt-archive', severity: 'error', file: path, offset: consumed, reason });
}

function reportRatio(path: string, state: WalkState, compressed: number, kept: number): void {
  const name = escapeForLabel(path);
  const reason =
    `"${name}" expands more than ${state.limits.maxRatio} times its compressed size, as a zip bomb would: ` +
    `${compressed} compressed bytes expanded past ${kept} bytes. The first ${kept} bytes were read and the rest was skipped.`;
  state.cut = { code: 'archive-limit', cause: `it expands more than ${state.limits.maxRatio} times its compressed size, as a zip bomb would` };
  state.onDiagnostic({ code: 'archive-limit', severity: 'error', file: path, reason });
}
