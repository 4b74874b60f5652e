// Blob adapters for case files. Export collects the zip's bytes into Blob parts, so the case
// file lives in the browser's blob storage rather than the JavaScript heap. Import reads a case
// file through Blob.slice, one piece at a time.

import { STORED, entryDataRange, readEntry, type RandomAccessFile, type ZipEntryLocation } from '../../shared/case-file/zip-access';

/** Bytes gathered before they are moved into a Blob part. */
const FLUSH_BYTES = 8 * 1024 * 1024;

/** Gathers written bytes into Blob parts of about FLUSH_BYTES each. */
export class BlobWriter {
  private readonly parts: Blob[] = [];
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;

  readonly write = (chunk: Uint8Array): void => {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  };

  /** Returns everything written so far as one Blob. */
  blob(type = ''): Blob {
    this.flush();
    return new Blob(this.parts, { type });
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.parts.push(new Blob(this.pending as Uint8Array<ArrayBuffer>[]));
    this.pending = [];
    this.pendingBytes = 0;
  }
}

/** Reads a Blob (a picked File) at any offset. */
export function blobFile(blob: Blob): RandomAccessFile {
  return {
    size: blob.size,
    read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
  };
}

/**
 * Returns a zip entry of `blob` as a File named `name`. A stored entry is a slice of the case
 * file, so no byte is copied; a deflated one is inflated into Blob parts.
 */
export async function entryFile(blob: Blob, entry: ZipEntryLocation, name: string): Promise<File> {
  // NOTE: the entry is read again after verification. Chromium rejects reads of a picked file
  // that changed on disk after it was picked, and the import compares an archive's SHA-256 with
  // the case file's, but evidence entries are not hashed against the manifest a second time.
  const file = blobFile(blob);
  if (entry.method === STORED) {
    const { start, end } = await entryDataRange(file, entry);
    return new File([blob.slice(start, end)], name);
  }
  const writer = new BlobWriter();
  for await (const chunk of readEntry(file, entry)) writer.write(chunk);
  return new File([writer.blob()], name);
}
