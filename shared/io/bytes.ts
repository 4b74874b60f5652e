// Byte sources: the one interface through which shared/ reads evidence, whatever holds it
// (a browser File, a Node file handle, a decompressed archive entry).

export interface ByteSource {
  /** The name shown to the user: a file name or a path inside a folder. */
  readonly name: string;
  /** Size in bytes when known before reading. */
  readonly size: number | null;
  /** Streams the bytes in order. Each call starts from the beginning. */
  chunks(): AsyncIterable<Uint8Array>;
}

/** A folder handed over as a list of files with their relative paths. */
export interface FolderSource {
  readonly name: string;
  files(): AsyncIterable<{ readonly path: string; readonly source: ByteSource }>;
}

export type BundleInput =
  | { readonly kind: 'file'; readonly source: ByteSource }
  | { readonly kind: 'folder'; readonly folder: FolderSource };

/** Wraps bytes already in memory; used for fixtures and small documents. */
export function bytesSource(name: string, bytes: Uint8Array, chunkSize = 1 << 16): ByteSource {
  return {
    name,
    size: bytes.length,
    async *chunks() {
      for (let at = 0; at < bytes.length; at += chunkSize) {
        yield bytes.subarray(at, Math.min(bytes.length, at + chunkSize));
      }
    },
  };
}

/** Joins byte arrays into one. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let total = 0;
  for (const part of parts) total += part.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Re-chunks a stream so that no chunk is larger than `max` bytes. Decompressors are fed small
 * slices so that one input chunk of a zip bomb cannot expand into gigabytes at once.
 */
export async function* limitChunkSize(
  chunks: AsyncIterable<Uint8Array>,
  max: number,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    for (let at = 0; at < chunk.length; at += max) {
      yield chunk.subarray(at, Math.min(chunk.length, at + max));
    }
  }
}
