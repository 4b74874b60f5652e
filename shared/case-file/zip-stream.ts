// Writes a zip entry by entry over fflate's streaming Zip, hashing each entry as its bytes pass,
// so a case file is written holding one chunk at a time. Output goes to a callback the moment
// fflate produces it.

import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { createSha256Stream } from '../io/hash';
import type { Sha256 } from '../model/ids';

/** Receives the zip's bytes in order. The writer does not touch a chunk after passing it on. */
export type ZipOutput = (chunk: Uint8Array) => void;

/**
 * Limits of a zip without zip64, which fflate's streaming Zip does not write: 65,535 entries,
 * and offsets and sizes below 4 GiB.
 */
const MAX_ZIP_ENTRIES = 0xffff;
const MAX_ZIP_OFFSET = 0xffffffff;

export interface WrittenEntry {
  readonly path: string;
  readonly sha256: Sha256;
  readonly size: number;
}

export class ZipStream {
  private readonly zip: Zip;
  private error: Error | null = null;
  private written = 0;
  private count = 0;

  constructor(
    output: ZipOutput,
    private readonly mtime: Date,
  ) {
    this.zip = new Zip((error, chunk) => {
      if (error) {
        this.error ??= error;
        return;
      }
      this.written += chunk.length;
      output(chunk);
    });
  }

  /**
   * Adds an entry from `chunks`, stored when `level` is 0 and deflated otherwise. Resolves with
   * the entry's SHA-256 and uncompressed size. Raises an error naming the entry when the zip
   * would need zip64.
   */
  async add(path: string, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, level: number): Promise<WrittenEntry> {
    if (++this.count > MAX_ZIP_ENTRIES) throw new Error(`Cannot write entry ${path}: a case file can contain at most ${MAX_ZIP_ENTRIES} entries.`);
    const file = level === 0 ? new ZipPassThrough(path) : new ZipDeflate(path, { level: level as 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 });
    file.mtime = this.mtime;
    this.zip.add(file);
    const hash = await createSha256Stream();
    let size = 0;
    for await (const chunk of chunks) {
      if (chunk.length === 0) continue;
      hash.update(chunk);
      size += chunk.length;
      file.push(chunk);
      this.check(path);
    }
    file.push(new Uint8Array(0), true);
    this.check(path);
    return { path, sha256: hash.digest(), size };
  }

  /** Writes the central directory; no entry may be added afterwards. */
  end(): void {
    this.zip.end();
    this.check('(central directory)');
  }

  private check(path: string): void {
    if (this.error) throw new Error(`Writing entry ${path} failed: ${this.error.message}`);
    if (this.written > MAX_ZIP_OFFSET) throw new Error(`Cannot write entry ${path}: the case file passed 4 GiB, which needs zip64, and this writer does not write zip64.`);
  }
}
