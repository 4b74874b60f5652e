// Walks a bundle (folder, zip, tar, gzip or plain file, nested up to a depth limit) and yields
// every file inside it as a stream, sniffing each level by magic bytes. Limits on entry count,
// total size and compression ratio stop hostile archives; what was read before stays.

import type { Diagnostic } from '../model/diagnostics';
import type { ContainerKind } from '../model/evidence';
import { peekStream } from './byte-reader';
import type { BundleInput } from './bytes';
import { DecompressionError, fflateGunzip, gunzippedName, type GunzipStream } from './gzip';
import { DEFAULT_LIMITS, RATIO_GRACE_BYTES, type ContainerLimits } from './limits';
import { SNIFF_BYTES, sniffContainer } from './sniff';
import { tarEntries, type ArchiveEntry } from './tar';
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
   * After `chunks` ended: the reason a container limit cut the entry short, or undefined when
   * it was read to its end.
   */
  readonly cutShort?: () => string | undefined;
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
  cutReason: string | undefined;
}

export async function* walkBundle(input: BundleInput, options: WalkOptions): AsyncGenerator<ContainerEntry> {
  const state: WalkState = {
    limits: options.limits ?? DEFAULT_LIMITS,
    gunzip: options.gunzip ?? fflateGunzip,
    onDiagnostic: options.onDiagnostic,
    entries: 0,
    totalBytes: 0,
    stopped: false,
    cutReason: undefined,
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
  state.cutReason = undefined;
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
    const cutShort = () => state.cutReason;
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
    if (diagnostic.severity === 'error') state.cutReason = diagnostic.reason;
    state.onDiagnostic(diagnostic);
  };
  const members = kind === 'zip' ? zipEntries(stream, path, onArchiveDiagnostic) : tarEntries(stream, path, onArchiveDiagnostic);
  // Members of the outermost archive keep their own names; deeper ones are prefixed by their archive.
  const innerPrefix = chain.every((level) => level === 'gzip') ? '' : `${path}/`;
  for await (const member of members) {
    if (state.stopped) return;
    yield* walk(`${innerPrefix}${member.name}`, checkEntryRatio(member, state), depth + 1, [...chain, kind], state);
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
      const reason = `Bundle expands to more than ${state.limits.maxTotalBytes} bytes; reading stopped inside "${path}".`;
      state.cutReason = reason;
      state.onDiagnostic({ code: 'archive-limit', severity: 'error', file: path, reason });
      return;
    }
    yield chunk;
  }
}

function checkEntryRatio(member: ArchiveEntry, state: WalkState): AsyncIterable<Uint8Array> {
  const stored = member.storedSize;
  const storedSoFar = member.storedSoFar;
  if (stored === null && !storedSoFar) return member.chunks;
  return (async function* () {
    let produced = 0;
    for await (const chunk of member.chunks) {
      produced += chunk.length;
      const compressed = stored ?? storedSoFar!();
      if (produced > RATIO_GRACE_BYTES && produced / Math.max(compressed, 1) > state.limits.maxRatio) {
        reportRatio(member.name, state);
        return;
      }
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
      produced += chunk.length;
      if (produced > RATIO_GRACE_BYTES && produced / Math.max(consumed, 1) > state.limits.maxRatio) {
        reportRatio(path, state);
        return;
      }
      yield chunk;
    }
  } catch (error) {
    const message = error instanceof DecompressionError || error instanceof Error ? error.message : String(error);
    const reason = `Gzip data could not be read past compressed byte ${consumed}: ${message}. The ${produced} bytes before it were read.`;
    state.cutReason = reason;
    state.onDiagnostic({ code: 'corrupt-archive', severity: 'error', file: path, offset: consumed, reason });
  }
}

function reportRatio(path: string, state: WalkState): void {
  const reason = `"${path}" expands more than ${state.limits.maxRatio} times its compressed size, as a zip bomb would; it was cut off there.`;
  state.cutReason = reason;
  state.onDiagnostic({ code: 'archive-limit', severity: 'error', file: path, reason });
}
