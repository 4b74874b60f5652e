import { crc32 } from 'node:zlib';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeCaseFileBytes } from '../../../shared/case-file/write';
import { concatBytes } from '../../../shared/io/bytes';
import { makeSigner, sampleCaseWithArchive, verifyBytes } from './helpers';

interface Layout {
  /** Bytes before the first entry; offsets are adjusted for them, as a self-extracting archive does. */
  readonly before?: Uint8Array;
  /** Bytes after each entry's data. */
  readonly between?: Uint8Array;
  /** Bytes between the central directory and the end record. */
  readonly afterDirectory?: Uint8Array;
  readonly comment?: Uint8Array;
  /** Local header flags of the first entry. */
  readonly firstFlags?: number;
}

function le(bytes: Uint8Array, at: number, value: number, size: 2 | 4) {
  for (let i = 0; i < size; i++) bytes[at + i] = (value >>> (8 * i)) & 0xff;
}

/** Writes the entries as a stored zip with every offset correct for the extra bytes `layout` adds. */
function storedZip(entries: Record<string, Uint8Array>, layout: Layout = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const push = (bytes: Uint8Array) => {
    parts.push(bytes);
    offset += bytes.length;
  };
  if (layout.before) push(layout.before);
  let index = 0;
  for (const [name, data] of Object.entries(entries)) {
    const nameBytes = new TextEncoder().encode(name);
    const crc = crc32(data);
    const local = new Uint8Array(30 + nameBytes.length);
    le(local, 0, 0x04034b50, 4);
    le(local, 4, 20, 2);
    le(local, 6, index === 0 ? (layout.firstFlags ?? 0) : 0, 2);
    le(local, 14, crc, 4);
    le(local, 18, data.length, 4);
    le(local, 22, data.length, 4);
    le(local, 26, nameBytes.length, 2);
    local.set(nameBytes, 30);
    const record = new Uint8Array(46 + nameBytes.length);
    le(record, 0, 0x02014b50, 4);
    le(record, 4, 20, 2);
    le(record, 6, 20, 2);
    le(record, 16, crc, 4);
    le(record, 20, data.length, 4);
    le(record, 24, data.length, 4);
    le(record, 28, nameBytes.length, 2);
    le(record, 42, offset, 4);
    record.set(nameBytes, 46);
    central.push(record);
    push(local);
    push(data);
    if (layout.between) push(layout.between);
    index++;
  }
  const directoryOffset = offset;
  const directory = concatBytes(central);
  push(directory);
  if (layout.afterDirectory) push(layout.afterDirectory);
  const comment = layout.comment ?? new Uint8Array(0);
  const end = new Uint8Array(22);
  le(end, 0, 0x06054b50, 4);
  le(end, 8, central.length, 2);
  le(end, 10, central.length, 2);
  le(end, 12, directory.length, 4);
  le(end, 16, directoryOffset, 4);
  le(end, 20, comment.length, 2);
  push(end);
  push(comment);
  return concatBytes(parts);
}

let entries: Record<string, Uint8Array>;
const filler = (text: string, length: number) => new TextEncoder().encode(text.repeat(Math.ceil(length / text.length)).slice(0, length));

beforeAll(async () => {
  entries = unzipSync(await writeCaseFileBytes(await sampleCaseWithArchive(), { signer: await makeSigner() }));
});

describe('case file zip layout', () => {
  it('accepts a signed file rewritten without extra bytes', async () => {
    const verification = await verifyBytes(storedZip(entries));
    expect(verification.failures).toEqual([]);
    expect(verification.signature.status).toBe('valid');
  });

  it('accepts the streaming writer with data descriptors', async () => {
    const verification = await verifyBytes(await writeCaseFileBytes(await sampleCaseWithArchive()));
    expect(verification.failures).toEqual([]);
  });

  it('rejects bytes before the first entry', async () => {
    const verification = await verifyBytes(storedZip(entries, { before: filler('MZ\0\0', 4002) }));
    expect(verification.failures).toEqual([{ entry: '(zip)', reason: expect.stringContaining('4002 bytes at byte 0 before entry') as unknown }]);
  });

  it('rejects bytes between entries', async () => {
    const verification = await verifyBytes(storedZip(entries, { between: filler('HIDDEN-DATA-', 600) }));
    expect(verification.failures[0]?.entry).toBe('(zip)');
    expect(verification.failures[0]?.reason).toMatch(/600 bytes at byte \d+ before entry \S+ belong to no entry/);
  });

  it('rejects bytes after the central directory', async () => {
    const verification = await verifyBytes(storedZip(entries, { afterDirectory: filler('HIDDEN-DATA-', 600) }));
    expect(verification.failures[0]?.reason).toMatch(/600 bytes at byte \d+ between the central directory and the end record belong to no entry/);
  });

  it('rejects a zip comment', async () => {
    const bytes = storedZip(entries, { comment: filler('<script>alert(1)</script> hidden payload ', 4200) });
    const verification = await verifyBytes(bytes);
    expect(verification.failures[0]?.reason).toContain(`the zip comment of 4200 bytes at byte ${bytes.length - 4200} is not allowed`);
  });

  it('rejects an encrypted flag only in the local header', async () => {
    const verification = await verifyBytes(storedZip(entries, { firstFlags: 1 }));
    expect(verification.failures[0]?.entry).toBe(Object.keys(entries)[0]);
    expect(verification.failures[0]?.reason).toBe('the local file header at byte 0 marks the entry as encrypted');
  });
});
