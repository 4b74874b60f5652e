// Streaming gunzip. fflate runs everywhere; the renderer may pass the browser's native
// DecompressionStream instead, which is about three times faster. Both raise DecompressionError
// with the same kinds, so the CLI and the app describe a damaged stream in the same words.

import { Gunzip } from 'fflate';
import { limitChunkSize } from './bytes';

export type GunzipStream = (chunks: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array>;

/**
 * Kind of decompression failure: `truncated` when the input ended before the stream's end,
 * `invalid` when the data itself cannot be decompressed.
 */
export type DecompressionFailure = 'truncated' | 'invalid';

/** Thrown into the consumer's loop when the compressed stream is damaged or cut short. */
export class DecompressionError extends Error {
  override readonly name = 'DecompressionError';

  constructor(
    readonly failure: DecompressionFailure,
    /** The decompressor's own message, for logs; it differs between fflate and browsers. */
    readonly detail: string,
  ) {
    super(failure === 'truncated' ? `the gzip stream is truncated (${detail})` : `the gzip data is invalid (${detail})`);
  }
}

// Input is fed in slices this large. Deflate expands at most 1032 times (zlib's technical notes
// give 1032:1), so one slice gives at most about 17 MB of output at once, and fflate's output
// buffer stays near that.
export const INFLATE_FEED_BYTES = 16 * 1024;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const fflateGunzip: GunzipStream = async function* (chunks) {
  const out: Uint8Array[] = [];
  let ended = false;
  const gunzip = new Gunzip((bytes, final) => {
    if (bytes.length > 0) out.push(bytes);
    if (final) ended = true;
  });
  for await (const piece of limitChunkSize(chunks, INFLATE_FEED_BYTES)) {
    try {
      gunzip.push(piece);
    } catch (error) {
      yield* out.splice(0);
      throw new DecompressionError('invalid', message(error));
    }
    yield* out.splice(0);
  }
  try {
    gunzip.push(new Uint8Array(0), true);
  } catch (error) {
    yield* out.splice(0);
    throw new DecompressionError('truncated', message(error));
  }
  yield* out.splice(0);
  if (!ended) throw new DecompressionError('truncated', 'no end of stream');
};

/** The name of a gzip member's content: `a.jsonl.gz` gives `a.jsonl`, `a.tgz` gives `a.tar`. */
export function gunzippedName(name: string): string {
  if (/\.tgz$/i.test(name)) return name.replace(/\.tgz$/i, '.tar');
  if (/\.gz$/i.test(name)) return name.replace(/\.gz$/i, '');
  return `${name} (gunzipped)`;
}
