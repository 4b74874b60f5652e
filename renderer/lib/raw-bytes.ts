// Raw record bytes for the inspector: text with every byte that is not valid UTF-8 shown as a
// visible `\xNN` piece instead of U+FFFD, and a hex dump of the stored bytes. Both keep secrets
// masked unless the analyst reveals them.

import { findSecrets, maskSecrets } from '../../shared/secrets/mask';
import { escapeControls, showAnsi } from '../../shared/text/escape';

/** A run of decoded text, or one byte that is not part of any valid UTF-8 sequence. */
export type RawPiece = { readonly text: string } | { readonly invalidByte: number };

export interface DecodedRaw {
  readonly pieces: readonly RawPiece[];
  /** Bytes that are not valid UTF-8. */
  readonly invalidBytes: number;
}

/** Hex dumps show at most this many bytes of a record. */
export const HEX_VIEW_MAX_BYTES = 64 * 1024;
const HEX_ROW_BYTES = 16;
const MASKED_HEX = '••';
const MASKED_CHAR = '•';

// The byte-order mark is kept, so that the text shows every stored byte.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Returns the length of the well-formed UTF-8 sequence starting at `at`, or 0 when the byte there
 * starts none. The ranges are those of the Unicode Standard, table 3-7, so overlong forms,
 * surrogates and code points past U+10FFFF are rejected as TextDecoder rejects them.
 */
function sequenceLength(bytes: Uint8Array, at: number): number {
  const lead = bytes[at]!;
  if (lead < 0x80) return 1;
  let continuation: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) continuation = 1;
  else if (lead >= 0xe0 && lead <= 0xef) {
    continuation = 2;
    if (lead === 0xe0) low = 0xa0;
    if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    continuation = 3;
    if (lead === 0xf0) low = 0x90;
    if (lead === 0xf4) high = 0x8f;
  } else return 0;
  if (at + continuation >= bytes.length) return 0;
  for (let k = 1; k <= continuation; k++) {
    const byte = bytes[at + k]!;
    const min = k === 1 ? low : 0x80;
    const max = k === 1 ? high : 0xbf;
    if (byte < min || byte > max) return 0;
  }
  return continuation + 1;
}

/** Decodes UTF-8, keeping each byte that belongs to no valid sequence as its own piece. */
export function decodeRaw(bytes: Uint8Array): DecodedRaw {
  try {
    return { pieces: [{ text: strictUtf8.decode(bytes) }], invalidBytes: 0 };
  } catch {
    // Not valid UTF-8: find the bad bytes below.
  }
  const pieces: RawPiece[] = [];
  let invalidBytes = 0;
  let runStart = 0;
  let at = 0;
  while (at < bytes.length) {
    const length = sequenceLength(bytes, at);
    if (length > 0) {
      at += length;
      continue;
    }
    if (at > runStart) pieces.push({ text: utf8.decode(bytes.subarray(runStart, at)) });
    pieces.push({ invalidByte: bytes[at]! });
    invalidBytes += 1;
    at += 1;
    runStart = at;
  }
  if (at > runStart) pieces.push({ text: utf8.decode(bytes.subarray(runStart, at)) });
  return { pieces, invalidBytes };
}

const hex2 = (byte: number) => byte.toString(16).toUpperCase().padStart(2, '0');

/** Formats a byte that is not valid UTF-8 as `\xNN`, as C and Python write it. */
export function invalidByteLabel(byte: number): string {
  return `\\x${hex2(byte)}`;
}

/**
 * Returns a private-use character that does not occur in `pieces`, to stand for invalid bytes
 * while the text passes through JSON.parse and JSON.stringify, which keep it unchanged.
 */
function unusedPrivateCharacter(pieces: readonly RawPiece[]): string | null {
  const text = pieces.map((piece) => ('text' in piece ? piece.text : '')).join('');
  for (let code = 0xe000; code <= 0xf8ff; code++) {
    const char = String.fromCharCode(code);
    if (!text.includes(char)) return char;
  }
  return null;
}

/** Splits `text` at `marker` + two hex digits back into text and invalid-byte pieces. */
function splitAtMarkers(text: string, marker: string): RawPiece[] {
  const pieces: RawPiece[] = [];
  const pattern = new RegExp(`${marker}([0-9A-F]{2})`, 'g');
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > at) pieces.push({ text: text.slice(at, match.index) });
    pieces.push({ invalidByte: parseInt(match[1]!, 16) });
    at = match.index + match[0].length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}

/**
 * Re-indents a JSON record, keeping its invalid bytes as pieces. Returns null when the text is
 * not JSON, for example because an invalid byte sits outside a string.
 */
export function indentRaw(pieces: readonly RawPiece[]): RawPiece[] | null {
  const marker = unusedPrivateCharacter(pieces);
  if (marker === null) return null;
  const text = pieces.map((piece) => ('text' in piece ? piece.text : `${marker}${hex2(piece.invalidByte)}`)).join('');
  let indented: string;
  try {
    indented = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
  return splitAtMarkers(indented, marker);
}

// Control characters never survive escapeControls, so this one can mark invalid bytes while
// secrets are masked over the whole text.
const DISPLAY_MARKER = '\u0001';

/**
 * Prepares raw pieces for display: control characters and ANSI sequences escaped as displayText
 * does, and secrets masked over the whole text unless `reveal`. A secret that spans an invalid
 * byte is masked together with it.
 */
export function displayRaw(pieces: readonly RawPiece[], reveal: boolean): RawPiece[] {
  const joined = pieces.map((piece) => ('text' in piece ? escapeControls(showAnsi(piece.text)) : `${DISPLAY_MARKER}${hex2(piece.invalidByte)}`)).join('');
  const shown = reveal ? joined : maskSecrets(joined);
  return splitAtMarkers(shown, DISPLAY_MARKER).map((piece) => ('text' in piece ? { text: escapeControls(piece.text) } : piece));
}

/**
 * Returns, for each byte of `bytes`, whether it belongs to a secret that findSecrets finds in the
 * decoded record. Invalid bytes count as U+FFFD, one character each.
 */
export function secretBytes(bytes: Uint8Array, decoded: DecodedRaw): Uint8Array {
  const text: string[] = [];
  // Byte offset of each UTF-16 unit of the text, and the byte offset past the end.
  const unitOffsets: number[] = [];
  let offset = 0;
  for (const piece of decoded.pieces) {
    if ('invalidByte' in piece) {
      text.push('\ufffd');
      unitOffsets.push(offset);
      offset += 1;
      continue;
    }
    text.push(piece.text);
    for (const char of piece.text) {
      for (let unit = 0; unit < char.length; unit++) unitOffsets.push(offset);
      offset += utf8Length(char.codePointAt(0)!);
    }
  }
  unitOffsets.push(offset);
  const hidden = new Uint8Array(bytes.length);
  for (const match of findSecrets(text.join(''))) hidden.fill(1, unitOffsets[match.start], unitOffsets[match.end]);
  return hidden;
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

export interface HexDump {
  readonly text: string;
  /** Bytes in the dump: the whole record, or its first HEX_VIEW_MAX_BYTES. */
  readonly shown: number;
  readonly total: number;
  /** Bytes shown as `••` because they belong to a secret. */
  readonly masked: number;
}

/**
 * Formats bytes as `hexdump -C` does: the file offset, sixteen bytes in hex and the printable
 * ASCII of each row, with `.` for other bytes. `hidden` marks bytes shown as `••` and `•`.
 */
export function hexDump(bytes: Uint8Array, fileOffset: number, hidden: Uint8Array | null, maxBytes = HEX_VIEW_MAX_BYTES): HexDump {
  const shown = Math.min(bytes.length, maxBytes);
  const digits = Math.max(8, (fileOffset + shown).toString(16).length);
  const rows: string[] = [];
  let masked = 0;
  for (let row = 0; row < shown; row += HEX_ROW_BYTES) {
    const hex: string[] = [];
    let ascii = '';
    for (let column = 0; column < HEX_ROW_BYTES; column++) {
      const at = row + column;
      if (column === 8) hex.push('');
      if (at >= shown) {
        hex.push('  ');
        continue;
      }
      const byte = bytes[at]!;
      if (hidden?.[at]) {
        masked += 1;
        hex.push(MASKED_HEX);
        ascii += MASKED_CHAR;
        continue;
      }
      hex.push(hex2(byte).toLowerCase());
      ascii += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
    }
    rows.push(`${(fileOffset + row).toString(16).padStart(digits, '0')}  ${hex.join(' ')}  |${ascii}|`);
  }
  return { text: rows.join('\n'), shown, total: bytes.length, masked };
}
