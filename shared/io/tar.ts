// Streaming tar reader: ustar, pax extended headers and GNU long names. Entries are yielded in
// archive order; each entry's bytes must be consumed (or abandoned) before the next one. Members
// that are not regular files (links, devices, FIFOs) are reported and skipped; links are never
// followed.

import type { Diagnostic } from '../model/diagnostics';
import { escapeForLabel } from '../text/escape';
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

const quoted = (text: string) => `"${escapeForLabel(text)}"`;

/**
 * Describes a member that is not a regular file and so gives no evidence, or returns null for
 * one that needs no note: a directory, or a pax global header. Links are never followed.
 */
function skippedMemberReason(type: string, name: string, linkTarget: string, header: Uint8Array): string | null {
  const member = `Tar member ${quoted(name)}`;
  const device = () => `major ${octal(header, 329, 8)}, minor ${octal(header, 337, 8)}`;
  switch (type) {
    case '5':
    case 'g':
      return null;
    case '1':
      return `${member} is a hard link to ${quoted(linkTarget)}; Custody never follows links, so the member gives no evidence of its own.`;
    case '2':
      return `${member} is a symbolic link to ${quoted(linkTarget)}; Custody never follows links, so the member gives no evidence.`;
    case '3':
      return `${member} is a character device (${device()}); it holds no data, so it gives no evidence.`;
    case '4':
      return `${member} is a block device (${device()}); it holds no data, so it gives no evidence.`;
    case '6':
      return `${member} is a FIFO (named pipe); it holds no data, so it gives no evidence.`;
    default:
      return `${member} has type ${quoted(type)}, which is not a regular file; Custody does not read it, so it gives no evidence.`;
  }
}

export async function* tarEntries(
  chunks: AsyncIterable<Uint8Array>,
  archive: string,
  onDiagnostic: (d: Diagnostic) => void,
): AsyncGenerator<ArchiveEntry> {
  const reader = new ByteReader(chunks[Symbol.asyncIterator]());
  let longName: string | null = null;
  let paxPath: string | null = null;
  // Link targets from a GNU long-link record or a pax `linkpath`, for the next member.
  let longLink: string | null = null;
  let paxLink: string | null = null;
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
    if (type === 'L' || type === 'K' || type === 'x') {
      const body = await reader.read(size);
      await reader.skip(padding);
      if (type === 'L') longName = field(body, 0, body.length);
      else if (type === 'K') longLink = field(body, 0, body.length);
      else {
        const pax = parsePax(body);
        paxPath = pax.get('path') ?? paxPath;
        paxLink = pax.get('linkpath') ?? paxLink;
      }
      continue;
    }
    const prefix = field(header, 345, 155);
    const baseName = field(header, 0, 100);
    const name = paxPath ?? longName ?? (prefix ? `${prefix}/${baseName}` : baseName);
    const linkTarget = paxLink ?? longLink ?? field(header, 157, 100);
    paxPath = null;
    longName = null;
    paxLink = null;
    longLink = null;
    const isFile = type === '0' || type === '\0' || type === '7';
    if (!isFile) {
      const skipped = skippedMemberReason(type, name, linkTarget, header);
      if (skipped) onDiagnostic({ code: 'unsupported-entry', severity: 'warning', file: archive, offset: headerOffset, reason: skipped });
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
