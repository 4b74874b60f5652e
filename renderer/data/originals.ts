// The original file of an archive bundle (zip, tar, gzip), kept byte for byte so that a case
// export can carry the archive the investigator received, with the bundle's SHA-256. The import
// stores slices of the picked File, so no bundle byte passes through JavaScript memory. The
// browser copies each slice into its blob storage when the transaction commits.

import type { ContainerKind } from '../../shared/model/evidence';
import { getDatabase } from './database';
import type { CustodyDb } from './db';

/**
 * Size of every original chunk row except the last. Nothing reads an original by record offset,
 * so its chunks can be larger than evidence content's, which gives fewer rows and Blobs to write.
 */
export const ORIGINAL_CHUNK_BYTES = 8 << 20;
/** Chunks written per transaction: few transactions, each small enough to commit quickly. */
const CHUNKS_PER_WRITE = 4;

/** True for the bundle kinds whose file is a container rather than the evidence file itself. */
export function keepsOriginal(kind: ContainerKind): boolean {
  return kind === 'zip' || kind === 'tar' || kind === 'gzip';
}

/**
 * Stores `file` as the original of `bundleId` in ORIGINAL_CHUNK_BYTES chunks, replacing chunks
 * an interrupted run stored. Stops early, leaving the bundle without a complete original, when
 * `stopped` returns true.
 */
export async function storeOriginal(db: CustodyDb, bundleId: string, file: Blob, stopped: () => boolean): Promise<boolean> {
  const chunks = Math.ceil(file.size / ORIGINAL_CHUNK_BYTES);
  await db.originals.where('[bundle+index]').between([bundleId, chunks], [bundleId, Infinity], true, true).delete();
  for (let first = 0; first < chunks; first += CHUNKS_PER_WRITE) {
    if (stopped()) return false;
    const rows = [];
    for (let index = first; index < Math.min(chunks, first + CHUNKS_PER_WRITE); index++) {
      rows.push({ bundle: bundleId, index, data: file.slice(index * ORIGINAL_CHUNK_BYTES, Math.min(file.size, (index + 1) * ORIGINAL_CHUNK_BYTES)) });
    }
    await db.originals.bulkPut(rows);
  }
  return true;
}

/** Raised when a bundle's stored original is missing or has gaps. */
export class OriginalMissingError extends Error {
  override readonly name = 'OriginalMissingError';
}

/**
 * Yields the stored original of a bundle as Blobs in file order, one chunk row read at a time.
 * Raises OriginalMissingError when a chunk is missing or the sizes do not add up to `size`.
 */
export async function* readOriginalChunks(bundleId: string, size: number, db: CustodyDb = getDatabase()): AsyncGenerator<Blob> {
  const chunks = Math.ceil(size / ORIGINAL_CHUNK_BYTES);
  let total = 0;
  for (let index = 0; index < chunks; index++) {
    const row = await db.originals.get([bundleId, index]);
    if (!row) throw new OriginalMissingError(`The original file of bundle ${bundleId} is incomplete: chunk ${index} of ${chunks} is missing.`);
    total += row.data.size;
    yield row.data;
  }
  if (total !== size) throw new OriginalMissingError(`The original file of bundle ${bundleId} has ${total} bytes stored, but the bundle has ${size}.`);
}
