// Browser adapters for shared/'s byte sources: a File read through its stream, and gunzip
// through the native DecompressionStream (about three times faster than fflate in Chromium).

import type { BundleInput, ByteSource } from '../../shared/io/bytes';
import { DecompressionError, type GunzipStream } from '../../shared/io/gzip';
import type { ImportInput } from './types';

export function fileSource(name: string, file: Blob): ByteSource {
  return {
    name,
    size: file.size,
    async *chunks() {
      const reader = file.stream().getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      } finally {
        // Stops the read when the consumer leaves early (cancel, archive limit).
        await reader.cancel().catch(() => undefined);
      }
    },
  };
}

export function bundleInput(input: ImportInput): BundleInput {
  if (input.kind === 'file') return { kind: 'file', source: fileSource(input.file.name, input.file) };
  const files = [...input.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    kind: 'folder',
    folder: {
      name: input.name,
      async *files() {
        for (const entry of files) yield { path: entry.path, source: fileSource(entry.path, entry.file) };
      },
    },
  };
}

export function inputSize(input: ImportInput): number {
  if (input.kind === 'file') return input.file.size;
  return input.files.reduce((total, entry) => total + entry.file.size, 0);
}

export function inputName(input: ImportInput): string {
  return input.kind === 'file' ? input.file.name : input.name;
}

/**
 * Gunzip through DecompressionStream. Damaged or truncated input makes the iteration throw a
 * DecompressionError: `truncated` when the stream failed once all input was written (Chromium
 * reports a missing end only when the writer closes), `invalid` when it failed before.
 */
export const nativeGunzip: GunzipStream = async function* (chunks) {
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  let inputEnded = false;
  let feedError: unknown;
  const feed = (async () => {
    try {
      for await (const chunk of chunks) await writer.write(chunk as Uint8Array<ArrayBuffer>);
      inputEnded = true;
      await writer.close();
    } catch (error) {
      feedError = error;
      await writer.abort(error).catch(() => undefined);
    }
  })();
  const reader = stream.readable.getReader();
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (error) {
        // An error of the input itself (a failed file read) is passed on unchanged.
        await feed;
        if (feedError !== undefined && !(feedError instanceof TypeError)) throw feedError;
        throw new DecompressionError(inputEnded ? 'truncated' : 'invalid', error instanceof Error ? error.message : String(error));
      }
      if (next.done) break;
      yield next.value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
    await feed;
  }
};

/** The native gunzip when the runtime has DecompressionStream; otherwise the pipeline's fflate default. */
export function browserGunzip(): GunzipStream | undefined {
  return typeof DecompressionStream === 'function' ? nativeGunzip : undefined;
}
