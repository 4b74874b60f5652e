// Random access to a case file's zip through its central directory, so that a reader keeps one
// piece of the file at a time: a Blob in the browser, a file handle in Node. The central
// directory is checked against the limits before any entry is read. Entry names are only
// compared with the names the format fixes; they are never used as paths.

import { Inflate } from 'fflate';
import { CENTRAL_HEADER, DATA_DESCRIPTOR, END_OF_CENTRAL_DIRECTORY, FLAG_DATA_DESCRIPTOR, FLAG_ENCRYPTED, LOCAL_HEADER, decodeName, u16, u32 } from '../io/zip-headers';

/** A file read in pieces at any offset. */
export interface RandomAccessFile {
  readonly size: number;
  /** Resolves with `length` bytes from `offset`; fewer only at the end of the file. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

export const STORED = 0;
export const DEFLATED = 8;

export interface ZipEntryLocation {
  /** Entry name from the central directory. */
  readonly name: string;
  readonly method: typeof STORED | typeof DEFLATED;
  readonly compressedSize: number;
  /** Uncompressed size the central directory declares. */
  readonly size: number;
  /** CRC-32 of the uncompressed bytes, as the central directory declares it. */
  readonly crc32: number;
  /** Offset of the entry's local file header. */
  readonly headerOffset: number;
}

/** Raised when the zip's structure is unreadable; `entry` is the entry name, or `(zip)` for the whole file. */
export class ZipFormatError extends Error {
  override readonly name = 'ZipFormatError';
  constructor(
    readonly entry: string,
    message: string,
  ) {
    super(message);
  }
}

export interface DirectoryLimits {
  readonly maxEntries: number;
  /** Uncompressed bytes of all entries together, as the central directory declares them. */
  readonly maxBytes: number;
  /**
   * Requires the layout the case file writer produces. Local entries start at byte 0 and each
   * follows the one before (and its data descriptor). The central directory follows the last
   * entry, and the end record, without a comment, ends the file. Any other byte would be data
   * that no entry covers, so no hash or signature covers it either.
   */
  readonly exactLayout?: boolean;
}

const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
/**
 * Largest central directory read into memory: room for 100,000 records with names and extra
 * fields of about 600 bytes each.
 */
export const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;
/** Bytes read from the file at once. */
export const READ_BYTES = 1 << 20;
/** Compressed bytes handed to inflate at once, so one call cannot expand into much memory. */
const INFLATE_FEED_BYTES = 64 * 1024;

/** Reads `length` bytes or raises ZipFormatError naming `entry` and the zip structure `part` being read. */
async function readExactly(file: RandomAccessFile, offset: number, length: number, entry: string, part: string): Promise<Uint8Array> {
  const bytes = length === 0 ? new Uint8Array(0) : await file.read(offset, length);
  if (bytes.length !== length) throw new ZipFormatError(entry, `${part} at byte ${offset} runs past the end of the file`);
  return bytes;
}

/**
 * Reads the central directory. Raises ZipFormatError for a file without one, for zip64 and
 * multi-disk archives, for encrypted entries and compression methods other than stored and
 * deflate, and when the entry count or the declared sizes exceed `limits`.
 * NOTE: without zip64 a zip lists at most 65,535 entries and 4 GiB, so larger case files are
 * rejected as unreadable whatever `limits` allows.
 */
export async function readCentralDirectory(file: RandomAccessFile, limits: DirectoryLimits): Promise<ZipEntryLocation[]> {
  if (file.size < END_RECORD_BYTES) throw new ZipFormatError('(zip)', `the file has ${file.size} bytes, fewer than a zip's end record`);
  const tailStart = Math.max(0, file.size - END_RECORD_BYTES - MAX_COMMENT_BYTES);
  const tail = await readExactly(file, tailStart, file.size - tailStart, '(zip)', 'the end of the file');
  let end = -1;
  for (let at = tail.length - END_RECORD_BYTES; at >= 0; at--) {
    if (u32(tail, at) === END_OF_CENTRAL_DIRECTORY && at + END_RECORD_BYTES + u16(tail, at + 20) === tail.length) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new ZipFormatError('(zip)', 'no end of central directory record was found');
  const count = u16(tail, end + 10);
  const directorySize = u32(tail, end + 12);
  const directoryOffset = u32(tail, end + 16);
  if (u16(tail, end + 4) !== 0 || u16(tail, end + 6) !== 0 || u16(tail, end + 8) !== count) throw new ZipFormatError('(zip)', 'multi-disk archives are not supported');
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) throw new ZipFormatError('(zip)', 'zip64 archives are not supported');
  if (count > limits.maxEntries) throw new ZipFormatError('(zip)', `more than ${limits.maxEntries} entries`);
  if (directoryOffset + directorySize > tailStart + end) throw new ZipFormatError('(zip)', 'the central directory lies outside the file');
  if (directorySize > MAX_DIRECTORY_BYTES) throw new ZipFormatError('(zip)', `the central directory declares ${directorySize} bytes, more than the ${MAX_DIRECTORY_BYTES} read`);

  const directory = await readExactly(file, directoryOffset, directorySize, '(zip)', 'the central directory');
  const entries: ZipEntryLocation[] = [];
  let declared = 0;
  let at = 0;
  for (let index = 0; index < count; index++) {
    if (at + 46 > directory.length || u32(directory, at) !== CENTRAL_HEADER) throw new ZipFormatError('(zip)', `central directory record ${index + 1} is damaged`);
    const flags = u16(directory, at + 8);
    const method = u16(directory, at + 10);
    const compressedSize = u32(directory, at + 20);
    const size = u32(directory, at + 24);
    const nameLength = u16(directory, at + 28);
    const recordLength = 46 + nameLength + u16(directory, at + 30) + u16(directory, at + 32);
    if (at + recordLength > directory.length) throw new ZipFormatError('(zip)', `central directory record ${index + 1} is damaged`);
    const name = decodeName(directory.subarray(at + 46, at + 46 + nameLength), flags);
    const headerOffset = u32(directory, at + 42);
    if (compressedSize === 0xffffffff || size === 0xffffffff || headerOffset === 0xffffffff) throw new ZipFormatError(name, 'zip64 entries are not supported');
    if (flags & FLAG_ENCRYPTED) throw new ZipFormatError(name, 'the entry is encrypted');
    if (method !== STORED && method !== DEFLATED) throw new ZipFormatError(name, `compression method ${method} is not supported (only stored and deflate)`);
    if (method === STORED && compressedSize !== size) throw new ZipFormatError(name, `the stored entry declares ${compressedSize} compressed and ${size} uncompressed bytes`);
    declared += size;
    if (declared > limits.maxBytes) throw new ZipFormatError(name, `the entry declares ${size} uncompressed bytes, which brings the entries past the ${limits.maxBytes} allowed`);
    entries.push({ name, method, compressedSize, size, crc32: u32(directory, at + 16), headerOffset });
    at += recordLength;
  }
  if (limits.exactLayout) {
    const endOffset = tailStart + end;
    const commentLength = u16(tail, end + 20);
    if (commentLength > 0) throw new ZipFormatError('(zip)', `the zip comment of ${commentLength} bytes at byte ${endOffset + END_RECORD_BYTES} is not allowed`);
    if (directoryOffset + directorySize !== endOffset) {
      throw new ZipFormatError('(zip)', `${endOffset - directoryOffset - directorySize} bytes at byte ${directoryOffset + directorySize} between the central directory and the end record belong to no entry`);
    }
    await checkEntryLayout(file, entries, directoryOffset);
  }
  return entries;
}

/**
 * Checks that the entries fill the file from byte 0 to the central directory without a gap or
 * an overlap. Raises ZipFormatError naming the offset of the first byte no entry accounts for.
 */
async function checkEntryLayout(file: RandomAccessFile, entries: readonly ZipEntryLocation[], directoryOffset: number): Promise<void> {
  let expected = 0;
  for (const entry of [...entries].sort((a, b) => a.headerOffset - b.headerOffset)) {
    if (entry.headerOffset > expected) throw new ZipFormatError('(zip)', `${entry.headerOffset - expected} bytes at byte ${expected} before entry ${entry.name} belong to no entry`);
    if (entry.headerOffset < expected) throw new ZipFormatError(entry.name, `the entry starts at byte ${entry.headerOffset}, inside the entry before it, which ends at byte ${expected}`);
    const { end, flags } = await localData(file, entry);
    expected = end;
    if (flags & FLAG_DATA_DESCRIPTOR) expected += await dataDescriptorLength(file, entry, end);
  }
  if (expected > directoryOffset) throw new ZipFormatError('(zip)', `the last entry ends at byte ${expected}, inside the central directory at byte ${directoryOffset}`);
  if (expected < directoryOffset) throw new ZipFormatError('(zip)', `${directoryOffset - expected} bytes at byte ${expected} between the last entry and the central directory belong to no entry`);
}

/**
 * Returns the length of the data descriptor at `offset` after an entry's data (16 bytes with
 * its optional signature, 12 without), after checking its CRC-32 and sizes against the central
 * directory.
 */
async function dataDescriptorLength(file: RandomAccessFile, entry: ZipEntryLocation, offset: number): Promise<number> {
  const bytes = await readExactly(file, offset, Math.min(16, file.size - offset), entry.name, 'the data descriptor');
  const signed = bytes.length >= 16 && u32(bytes, 0) === DATA_DESCRIPTOR;
  const at = signed ? 4 : 0;
  if (bytes.length < at + 12) throw new ZipFormatError(entry.name, `the data descriptor at byte ${offset} runs past the end of the file`);
  if (u32(bytes, at) !== entry.crc32 || u32(bytes, at + 4) !== entry.compressedSize || u32(bytes, at + 8) !== entry.size) {
    throw new ZipFormatError(entry.name, `the bytes at byte ${offset}, after the entry data, are not a data descriptor with the central directory's CRC-32 and sizes`);
  }
  return at + 12;
}

/**
 * Returns the byte range of an entry's stored data, after its local file header. Raises
 * ZipFormatError when the local header is missing, names another entry or its data runs past
 * the end of the file.
 */
export async function entryDataRange(file: RandomAccessFile, entry: ZipEntryLocation): Promise<{ readonly start: number; readonly end: number }> {
  const { start, end } = await localData(file, entry);
  return { start, end };
}

/**
 * Reads an entry's local file header and returns its flags and the byte range of its data. Raises
 * ZipFormatError when the local header disagrees with the central directory: another name,
 * another compression method, the encrypted flag, or (without a data descriptor) other sizes or
 * CRC-32, because other zip readers trust the local header.
 */
async function localData(file: RandomAccessFile, entry: ZipEntryLocation): Promise<{ readonly start: number; readonly end: number; readonly flags: number }> {
  const header = await readExactly(file, entry.headerOffset, 30, entry.name, 'the local file header');
  if (u32(header, 0) !== LOCAL_HEADER) throw new ZipFormatError(entry.name, `no local file header at byte ${entry.headerOffset}`);
  const flags = u16(header, 6);
  const nameLength = u16(header, 26);
  const nameBytes = await readExactly(file, entry.headerOffset + 30, nameLength, entry.name, 'the local file name');
  if (decodeName(nameBytes, flags) !== entry.name) throw new ZipFormatError(entry.name, 'the local file header names another entry than the central directory');
  if (flags & FLAG_ENCRYPTED) throw new ZipFormatError(entry.name, `the local file header at byte ${entry.headerOffset} marks the entry as encrypted`);
  if (u16(header, 8) !== entry.method) throw new ZipFormatError(entry.name, `the local file header at byte ${entry.headerOffset} names another compression method than the central directory`);
  if (!(flags & FLAG_DATA_DESCRIPTOR) && (u32(header, 14) !== entry.crc32 || u32(header, 18) !== entry.compressedSize || u32(header, 22) !== entry.size)) {
    throw new ZipFormatError(entry.name, `the local file header at byte ${entry.headerOffset} declares another CRC-32 or size than the central directory`);
  }
  const start = entry.headerOffset + 30 + nameLength + u16(header, 28);
  const end = start + entry.compressedSize;
  if (end > file.size) throw new ZipFormatError(entry.name, 'the entry data runs past the end of the file');
  return { start, end, flags };
}

/**
 * Streams an entry's uncompressed bytes, reading READ_BYTES of the file at a time. Raises
 * ZipFormatError naming the entry when its data is damaged or decompresses to another size than
 * the central directory declares. It stops as soon as the output passes that size.
 */
export async function* readEntry(file: RandomAccessFile, entry: ZipEntryLocation): AsyncGenerator<Uint8Array> {
  const { start, end } = await entryDataRange(file, entry);
  if (entry.method === STORED) {
    for (let at = start; at < end; at += READ_BYTES) yield await readExactly(file, at, Math.min(READ_BYTES, end - at), entry.name, 'the entry data');
    return;
  }
  const output: Uint8Array[] = [];
  let produced = 0;
  const inflate = new Inflate((chunk) => {
    produced += chunk.length;
    if (produced > entry.size) throw new ZipFormatError(entry.name, `the entry decompresses to more than the ${entry.size} bytes the zip declares`);
    output.push(chunk);
  });
  const push = (chunk: Uint8Array, final: boolean) => {
    try {
      inflate.push(chunk, final);
    } catch (error) {
      if (error instanceof ZipFormatError) throw error;
      throw new ZipFormatError(entry.name, `the compressed data is damaged: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  for (let at = start; at < end; at += READ_BYTES) {
    const piece = await readExactly(file, at, Math.min(READ_BYTES, end - at), entry.name, 'the entry data');
    for (let offset = 0; offset < piece.length; offset += INFLATE_FEED_BYTES) {
      push(piece.subarray(offset, offset + INFLATE_FEED_BYTES), false);
      yield* output.splice(0);
    }
  }
  push(new Uint8Array(0), true);
  yield* output.splice(0);
  if (produced !== entry.size) throw new ZipFormatError(entry.name, `the entry decompresses to ${produced} bytes, the zip declares ${entry.size}`);
}

/** Wraps bytes in memory, for tests and small files. */
export function bytesFile(bytes: Uint8Array): RandomAccessFile {
  return { size: bytes.length, read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)) };
}
