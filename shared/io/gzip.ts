// Streaming gunzip. fflate runs everywhere; the renderer may pass the browser's native
// DecompressionStream instead, which is about three times faster.

import { Gunzip } from 'fflate';
import { limitChunkSize } from './bytes';

export type GunzipStream = (chunks: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array>;

/** Thrown into the consumer's loop when the compressed stream is damaged or cut short. */
export class DecompressionError extends Error {
  override readonly name = 'DecompressionError';
}

const FEED_BYTES = 64 * 1024;

export const fflateGunzip: GunzipStream = async function* (chunks) {
  const out: Uint8Array[] = [];
  let ended = false;
  const gunzip = new Gunzip((bytes, final) => {
    if (bytes.length > 0) out.push(bytes);
    if (final) ended = true;
  });
  for await (const piece of limitChunkSize(chunks, FEED_BYTES)) {
    try {
      gunzip.push(piece);
    } catch (error) {
      yield* out.splice(0);
      throw new DecompressionError(error instanceof Error ? error.message : String(error));
    }
    yield* out.splice(0);
  }
  try {
    gunzip.push(new Uint8Array(0), true);
  } catch (error) {
    yield* out.splice(0);
    throw new DecompressionError(`the gzip stream is truncated (${error instanceof Error ? error.message : String(error)})`);
  }
  yield* out.splice(0);
  if (!ended) throw new DecompressionError('the gzip stream is truncated');
};

/** The name of a gzip member's content: `a.jsonl.gz` gives `a.jsonl`, `a.tgz` gives `a.tar`. */
export function gunzippedName(name: string): string {
  if (/\.tgz$/i.test(name)) return name.replace(/\.tgz$/i, '.tar');
  if (/\.gz$/i.test(name)) return name.replace(/\.gz$/i, '');
  return `${name} (gunzipped)`;
}
