import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MANIFEST_PATH } from '../../../shared/case-file/manifest';
import { writeCaseFile, writeCaseFileBytes } from '../../../shared/case-file/write';
import { ZipStream } from '../../../shared/case-file/zip-stream';
import { bytesFile, entryDataRange, readCentralDirectory, readEntry, type RandomAccessFile } from '../../../shared/case-file/zip-access';
import { concatBytes } from '../../../shared/io/bytes';
import { sha256Hex } from '../../../shared/io/hash';
import { sampleCaseWithArchive, verifyBytes } from './helpers';

const LIMITS = { maxEntries: 100, maxBytes: 1 << 20 };

async function readAll(file: RandomAccessFile, name: string): Promise<Uint8Array> {
  const entry = (await readCentralDirectory(file, LIMITS)).find((item) => item.name === name)!;
  const parts: Uint8Array[] = [];
  for await (const chunk of readEntry(file, entry)) parts.push(chunk);
  return concatBytes(parts);
}

/** Overwrites the 32-bit little-endian field at `at`. */
function setU32(bytes: Uint8Array, at: number, value: number): void {
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(at, value, true);
}

/** Offset of the first central directory record. */
function centralOffset(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return view.getUint32(bytes.length - 22 + 16, true);
}

describe('zip stream writer', () => {
  it('writes entries that fflate reads back', async () => {
    const parts: Uint8Array[] = [];
    const zip = new ZipStream((chunk) => parts.push(chunk), new Date(Date.UTC(2026, 0, 1)));
    const big = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7) & 0xff);
    const stored = await zip.add('stored.bin', [big.subarray(0, 1000), big.subarray(1000)], 0);
    const deflated = await zip.add('deflated.txt', [new TextEncoder().encode('hello '.repeat(1000))], 6);
    zip.end();
    const bytes = concatBytes(parts);
    expect(stored).toEqual({ path: 'stored.bin', sha256: await sha256Hex(big), size: big.length });
    expect(deflated.size).toBe(6000);
    const entries = unzipSync(bytes);
    expect(entries['stored.bin']).toEqual(big);
    expect(new TextDecoder().decode(entries['deflated.txt'])).toBe('hello '.repeat(1000));
    expect(await readAll(bytesFile(bytes), 'stored.bin')).toEqual(big);
    expect(new TextDecoder().decode(await readAll(bytesFile(bytes), 'deflated.txt'))).toBe('hello '.repeat(1000));
  });

  it('streams the case file in pieces, manifest last', async () => {
    const pieces: Uint8Array[] = [];
    await writeCaseFile(await sampleCaseWithArchive(), (chunk) => pieces.push(chunk));
    expect(pieces.length).toBeGreaterThan(10);
    const names = (await readCentralDirectory(bytesFile(concatBytes(pieces)), { maxEntries: 100, maxBytes: 1 << 30 })).map((entry) => entry.name);
    expect(names.at(-1)).toBe(MANIFEST_PATH);
    expect(names[0]).toBe('bundles/001/00001.jsonl');
  });
});

describe('zip random access', () => {
  it('reads a file through short reads', async () => {
    const bytes = await writeCaseFileBytes(await sampleCaseWithArchive());
    let largest = 0;
    const file: RandomAccessFile = {
      size: bytes.length,
      read: async (offset, length) => {
        largest = Math.max(largest, length);
        return bytes.slice(offset, Math.min(bytes.length, offset + length));
      },
    };
    const verification = await verifyBytes(bytes);
    expect(verification.ok).toBe(true);
    expect(await readAll(file, 'bundles/002/original.zip')).toEqual(unzipSync(bytes)['bundles/002/original.zip']);
    expect(largest).toBeLessThanOrEqual(1 << 20);
  });

  it('rejects more entries than the limit', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 5; i++) files[`f${i}`] = new Uint8Array([i]);
    await expect(readCentralDirectory(bytesFile(zipSync(files)), { maxEntries: 4, maxBytes: 100 })).rejects.toThrow('more than 4 entries');
  });

  it('rejects declared sizes over the limit', async () => {
    const bytes = zipSync({ a: new Uint8Array(600), b: new Uint8Array(600) });
    await expect(readCentralDirectory(bytesFile(bytes), { maxEntries: 10, maxBytes: 1000 })).rejects.toMatchObject({
      entry: 'b',
      message: 'the entry declares 600 uncompressed bytes, which brings the entries past the 1000 allowed',
    });
  });

  it('names the entry of a declared size over 4 GiB', async () => {
    const bytes = zipSync({ 'a.json': new Uint8Array(10), 'b.json': new Uint8Array(10) });
    // The central directory's uncompressed size of b.json, whose record follows the 52 bytes of
    // a.json's, becomes 0xfffffffe.
    setU32(bytes, centralOffset(bytes) + 52 + 24, 0xfffffffe);
    const verification = await verifyBytes(bytes);
    expect(verification.failures).toEqual([{ entry: 'b.json', reason: `the entry declares ${0xfffffffe} uncompressed bytes, which brings the entries past the ${4 * 1024 ** 3} allowed` }]);
  });

  it('rejects an oversized central directory', async () => {
    // A stored entry of 70 MB gives room for a forged directory size inside the file.
    const bytes = zipSync({ big: new Uint8Array(70 * 1024 * 1024) }, { level: 0 });
    const end = bytes.length - 22;
    const offset = 100;
    setU32(bytes, end + 16, offset);
    setU32(bytes, end + 12, end - offset);
    await expect(readCentralDirectory(bytesFile(bytes), LIMITS)).rejects.toThrow(`the central directory declares ${end - offset} bytes, more than the ${64 * 1024 * 1024} read`);
  });

  it('stops an entry that inflates past its declared size', async () => {
    const bytes = zipSync({ bomb: new Uint8Array(200_000) }, { level: 9 });
    // The central directory and the local header declare 1,000 bytes; the data inflates to 200,000.
    setU32(bytes, centralOffset(bytes) + 24, 1000);
    setU32(bytes, 22, 1000);
    const verification = await verifyBytes(bytes);
    expect(verification.ok).toBe(false);
    const entry = (await readCentralDirectory(bytesFile(bytes), LIMITS))[0]!;
    const read = async () => {
      for await (const chunk of readEntry(bytesFile(bytes), entry)) expect(chunk.length).toBeLessThanOrEqual(200_000);
    };
    await expect(read()).rejects.toMatchObject({ entry: 'bomb', message: 'the entry decompresses to more than the 1000 bytes the zip declares' });
  });

  it('rejects a local header naming another entry', async () => {
    const bytes = zipSync({ 'a.json': new Uint8Array([1]), 'b.json': new Uint8Array([2]) }, { level: 0 });
    // The first local name byte, `a`, becomes `b`.
    bytes[30] = 0x62;
    const entry = (await readCentralDirectory(bytesFile(bytes), LIMITS))[0]!;
    await expect(entryDataRange(bytesFile(bytes), entry)).rejects.toMatchObject({ entry: 'a.json', message: 'the local file header names another entry than the central directory' });
  });

  it('rejects a local header with other sizes', async () => {
    const bytes = zipSync({ 'a.json': new Uint8Array([1, 2, 3]) }, { level: 0 });
    setU32(bytes, 22, 2);
    const entry = (await readCentralDirectory(bytesFile(bytes), LIMITS))[0]!;
    await expect(entryDataRange(bytesFile(bytes), entry)).rejects.toMatchObject({ entry: 'a.json', message: 'the local file header at byte 0 declares another CRC-32 or size than the central directory' });
  });

  it('names a repeated entry', async () => {
    const bytes = zipSync({ 'x.json': new Uint8Array([1]), 'y.json': new Uint8Array([2]) }, { level: 0 });
    // Renames y.json to x.json in both its local header and its central record.
    const text = new TextDecoder('latin1').decode(bytes);
    for (let at = text.indexOf('y.json'); at !== -1; at = text.indexOf('y.json', at + 1)) bytes[at] = 0x78;
    const verification = await verifyBytes(bytes);
    expect(verification.failures).toEqual([{ entry: 'x.json', reason: 'the zip holds this entry name more than once' }]);
  });

  it('rejects a file without an end record', async () => {
    const verification = await verifyBytes(new Uint8Array(100));
    expect(verification.failures[0]?.entry).toBe('(zip)');
    expect(verification.failures[0]?.reason).toBe('not a readable zip: no end of central directory record was found');
  });
});
