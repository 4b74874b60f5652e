// Streaming tar reader: ustar, pax extended headers and GNU long names. Entries are yielded in
// archive order; each entry's bytes must be consumed (or abandoned) before the next one.

import type { Diagnostic } from '../model/diagnostics';
import { ByteReader } from './byte-reader';

export interface ArchiveEntry {
  readonly name: string;
  /** Compressed size when the archive states it. */
  readonly storedSize: number | null;
  /**
   * Compressed bytes read so far for this entry, for archives that state its size only after
   * the data (zip data descriptors), so that the ratio limit still applies.
   */
  readonly storedSoFar?: () => number;
  readonly chunks: AsyncIterable<Uint8Array>;
}

const BLOCK = 512;
const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

function field(header: Uint8Array, start: number, length: number): string {
  const bytes = header.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return utf8.decode(end === -1 ? bytes : bytes.subarray(0, end));
}

function octal(header: Uint8Array, start: number, length: number): number {
  const bytes = header.subarray(start, start + length);
  // GNU base-256 encoding for sizes of 8 GiB and more.
  if ((bytes[0]! & 0x80) !== 0) {
    let value = bytes[0]! & 0x7f;
    for (let i = 1; i < bytes.length; i++) value = value * 256 + bytes[i]!;
    return value;
  }
  const text = latin1.decode(bytes).replace(/\0.*$/s, '').trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function checksumMatches(header: Uint8Array): boolean {
  const stored = octal(header, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return sum === stored;
}

function parsePax(bytes: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  const text = utf8.decode(bytes);
  let at = 0;
  while (at < text.length) {
    const space = text.indexOf(' ', at);
    if (space === -1) break;
    const length = parseInt(text.slice(at, space), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = text.slice(space + 1, at + length - 1);
    const equals = record.indexOf('=');
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    at += length;
  }
  return records;
}

export async function* tarEntries(
  chunks: AsyncIterable<Uint8Array>,
  archive: string,
  onDiagnostic: (d: Diagnostic) => void,
): AsyncGenerator<ArchiveEntry> {
  const reader = new ByteReader(chunks[Symbol.asyncIterator]());
  let longName: string | null = null;
  let paxPath: string | null = null;
  for (;;) {
    const headerOffset = reader.position;
    const header = await reader.read(BLOCK);
    if (header.length === 0) return;
    if (header.length < BLOCK) {
      onDiagnostic({
        code: 'corrupt-archive',
        severity: 'error',
        file: archive,
        offset: headerOffset,
        reason: `Tar archive ends inside a header at byte ${headerOffset}; entries before it were read.`,
      });
      return;
    }
    if (header.every((byte) => byte === 0)) return;
    if (!checksumMatches(header)) {
      onDiagnostic({
        code: 'corrupt-archive',
        severity: 'error',
        file: archive,
        offset: headerOffset,
        reason: `Tar header at byte ${headerOffset} has a wrong checksum; reading stopped there and entries before it were kept.`,
      });
      return;
    }
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156]!);
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (type === 'L' || type === 'x') {
      const body = await reader.read(size);
      await reader.skip(padding);
      if (type === 'L') longName = field(body, 0, body.length);
      else paxPath = parsePax(body).get('path') ?? paxPath;
      continue;
    }
    const prefix = field(header, 345, 155);
    const baseName = field(header, 0, 100);
    const name = paxPath ?? longName ?? (prefix ? `${prefix}/${baseName}` : baseName);
    paxPath = null;
    longName = null;
    const isFile = type === '0' || type === '\0' || type === '7';
    if (!isFile) {
      await reader.skip(size + padding);
      continue;
    }
    const dataStart = reader.position;
    let consumed = 0;
    async function* body(): AsyncGenerator<Uint8Array> {
      for await (const piece of reader.stream(size - consumed)) {
        consumed += piece.length;
        yield piece;
      }
    }
    yield { name, storedSize: size, chunks: body() };
    if (consumed < size) await reader.skip(size - consumed);
    if (reader.position < dataStart + size) {
      onDiagnostic({
        code: 'corrupt-archive',
        severity: 'error',
        file: archive,
        offset: reader.position,
        reason: `Tar archive ends inside entry "${name}" (${reader.position - dataStart} of ${size} bytes present); the part present was read.`,
      });
      return;
    }
    await reader.skip(padding);
  }
}
