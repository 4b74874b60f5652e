// Byte-level line splitting for JSONL evidence. Lines are cut on 0x0A before decoding, so a
// UTF-8 character split across two read chunks stays whole, and each line is decoded once.

import type { Diagnostic } from '../model/diagnostics';
import { concatBytes } from './bytes';
import type { Sha256Stream } from './hash';

export interface Line {
  readonly text: string;
  /** 1-based line number. */
  readonly number: number;
  /** Byte offset of the line's first byte in the file. */
  readonly offset: number;
  /** Byte length of the line without its line break. */
  readonly length: number;
  /** False for a last line that had no line break, which may be cut short. */
  readonly terminated: boolean;
}

export interface LineSplitterOptions {
  readonly file: string;
  /** Lines longer than this many bytes are skipped and reported. */
  readonly maxLineBytes: number;
  readonly onLine: (line: Line) => void;
  readonly onDiagnostic: (diagnostic: Diagnostic) => void;
  /** Hashes skipped over-long lines, so the report can name them by SHA-256. */
  readonly hasher?: Sha256Stream;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const PEEK_BYTES = 512;
const BOM = [0xef, 0xbb, 0xbf];
const NO_BYTES = new Uint8Array(0);

export class LineSplitter {
  private readonly strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private readonly lenient = new TextDecoder('utf-8', { ignoreBOM: true });
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private lineStart = 0;
  private position = 0;
  private lineNumber = 0;
  private skipping = false;
  private skipPeek: Uint8Array | null = null;
  /** True when the bytes of a skipped line seen so far end in CR, which is hashed only if more bytes follow. */
  private heldCarriageReturn = false;
  private atStart = true;
  /** First bytes of the file while they may still be the start of a BOM split across chunks. */
  private head: Uint8Array = NO_BYTES;

  constructor(private readonly options: LineSplitterOptions) {}

  push(chunk: Uint8Array): void {
    this.split(this.atStart ? this.stripBom(chunk) : chunk);
  }

  /** Flushes a last line that has no line break. */
  end(): void {
    if (this.atStart) {
      // The file is shorter than a BOM, so its bytes are ordinary content.
      const head = this.head;
      this.head = NO_BYTES;
      this.atStart = false;
      this.split(head);
    }
    if (this.pendingBytes > 0 || this.skipping) this.finishLine(false);
  }

  private split(data: Uint8Array): void {
    let from = 0;
    while (from < data.length) {
      const newline = data.indexOf(NEWLINE, from);
      const end = newline === -1 ? data.length : newline;
      this.take(data.subarray(from, end));
      this.position += end - from;
      if (newline === -1) {
        // Copy the start of the unfinished line: the caller may reuse its buffer once push()
        // returns. Lines that end inside `data` were decoded from it without a copy.
        const last = this.pending.length - 1;
        if (last >= 0 && this.pending[last]!.buffer === data.buffer) this.pending[last] = this.pending[last]!.slice();
        break;
      }
      this.finishLine(true);
      this.position += 1;
      from = newline + 1;
    }
  }

  /** Removes a BOM at the start of the file, also when its three bytes arrive in separate chunks. */
  private stripBom(chunk: Uint8Array): Uint8Array {
    const data = this.head.length === 0 ? chunk : concatBytes([this.head, chunk]);
    const prefix = Math.min(data.length, BOM.length);
    let matches = true;
    for (let i = 0; i < prefix; i++) if (data[i] !== BOM[i]) matches = false;
    if (matches && data.length < BOM.length) {
      this.head = data.slice();
      return NO_BYTES;
    }
    this.head = NO_BYTES;
    this.atStart = false;
    if (!matches) return data;
    this.position = BOM.length;
    this.lineStart = BOM.length;
    return data.subarray(BOM.length);
  }

  private take(piece: Uint8Array): void {
    if (piece.length === 0) return;
    if (this.skipping) {
      this.hashSkipped(piece);
      return;
    }
    this.pending.push(piece);
    this.pendingBytes += piece.length;
    if (this.pendingBytes > this.options.maxLineBytes) this.startSkipping();
  }

  private startSkipping(): void {
    const joined = concatBytes(this.pending);
    this.skipPeek = joined.subarray(0, PEEK_BYTES).slice();
    this.options.hasher?.reset();
    this.pending = [];
    this.pendingBytes = 0;
    this.skipping = true;
    this.hashSkipped(joined);
  }

  /** Hashes and counts bytes of a skipped line. A CR before its LF is left out, as it is for kept lines. */
  private hashSkipped(piece: Uint8Array): void {
    if (this.heldCarriageReturn) {
      this.options.hasher?.update(new Uint8Array([CARRIAGE_RETURN]));
      this.pendingBytes += 1;
      this.heldCarriageReturn = false;
    }
    let bytes = piece;
    if (bytes[bytes.length - 1] === CARRIAGE_RETURN) {
      bytes = bytes.subarray(0, bytes.length - 1);
      this.heldCarriageReturn = true;
    }
    this.options.hasher?.update(bytes);
    this.pendingBytes += bytes.length;
  }

  private finishLine(terminated: boolean): void {
    this.lineNumber += 1;
    const offset = this.lineStart;
    if (this.skipping) {
      this.reportSkipped(offset);
    } else if (this.pendingBytes > 0) {
      let bytes = concatBytes(this.pending);
      let length = bytes.length;
      if (bytes[length - 1] === CARRIAGE_RETURN) length -= 1;
      bytes = bytes.subarray(0, length);
      if (length > 0) this.emit(bytes, offset, terminated);
    }
    this.pending = [];
    this.pendingBytes = 0;
    this.skipping = false;
    this.skipPeek = null;
    this.heldCarriageReturn = false;
    this.lineStart = this.position + (terminated ? 1 : 0);
  }

  private emit(bytes: Uint8Array, offset: number, terminated: boolean): void {
    let text: string;
    try {
      text = this.strict.decode(bytes);
    } catch {
      text = this.lenient.decode(bytes);
      this.options.onDiagnostic({
        code: 'invalid-utf8',
        severity: 'warning',
        file: this.options.file,
        line: this.lineNumber,
        offset,
        length: bytes.length,
        reason: 'Line holds invalid UTF-8; the bad bytes were replaced with U+FFFD for parsing, and the raw bytes are kept.',
      });
    }
    this.options.onLine({ text, number: this.lineNumber, offset, length: bytes.length, terminated });
  }

  private reportSkipped(offset: number): void {
    const length = this.pendingBytes;
    const digest = this.options.hasher?.digest();
    const peek = this.skipPeek ? this.lenient.decode(this.skipPeek) : '';
    const recordType = /"type"\s*:\s*"([^"]{1,64})"/.exec(peek)?.[1];
    const parts = [
      `Line of ${length} bytes is longer than the limit of ${this.options.maxLineBytes} bytes and was skipped`,
      recordType ? `record type "${recordType}"` : 'record type not visible',
      digest ? `SHA-256 ${digest}` : null,
    ].filter(Boolean);
    this.options.onDiagnostic({
      code: 'line-too-long',
      severity: 'error',
      file: this.options.file,
      line: this.lineNumber,
      offset,
      length,
      reason: `${parts.join('; ')}.`,
    });
  }
}
