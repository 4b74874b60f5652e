// Collects a JSON document that spans many lines and parses it whole. Arrays yield one record
// per item; any other value is one record.

import type { Diagnostic } from '../model/diagnostics';
import type { ParsedLine } from '../formats/types';
import type { Line } from '../io/lines';
import { salvageRecords } from './salvage';

/** Largest document read whole; larger ones are reported and skipped. */
export const MAX_DOCUMENT_CHARS = 256 * 1024 * 1024;

export class DocumentCollector {
  private lines: Line[] = [];
  private chars = 0;
  private first: Line | null = null;
  private last: Line | null = null;
  private overflow = false;

  constructor(private readonly path: string) {}

  add(line: Line): void {
    this.first ??= line;
    this.last = line;
    if (this.overflow) return;
    this.chars += line.text.length + 1;
    if (this.chars > MAX_DOCUMENT_CHARS) {
      this.overflow = true;
      this.lines = [];
      return;
    }
    this.lines.push(line);
  }

  /**
   * Returns the collected lines when any line after the first is a whole JSON object on its own,
   * as in a JSONL file whose first line is damaged, and null otherwise. Call it after finish()
   * reported invalid JSON.
   */
  linesIfJsonl(): Line[] | null {
    const lines = this.lines;
    this.lines = [];
    const jsonl = lines.slice(1).some((line) => {
      try {
        const value: unknown = JSON.parse(line.text);
        return typeof value === 'object' && value !== null && !Array.isArray(value);
      } catch {
        return false;
      }
    });
    return jsonl ? lines : null;
  }

  finish(diagnose: (diagnostic: Diagnostic) => void): ParsedLine[] {
    const first = this.first;
    const last = this.last;
    if (!first || !last) return [];
    const span = { number: 1, offset: first.offset, length: last.offset + last.length - first.offset, terminated: true };
    if (this.overflow) {
      diagnose({ code: 'line-too-long', severity: 'error', file: this.path, offset: first.offset, length: span.length, reason: `JSON document is larger than ${MAX_DOCUMENT_CHARS} characters and was not parsed; its raw bytes are kept.` });
      return [];
    }
    let value: unknown;
    const text = this.lines.map((line) => line.text).join('\n');
    try {
      value = JSON.parse(text);
      this.lines = [];
    } catch (error) {
      const salvaged = this.salvage(text, span, diagnose);
      if (salvaged) return salvaged;
      diagnose({
        code: 'invalid-json',
        severity: 'error',
        file: this.path,
        line: first.number,
        offset: first.offset,
        length: span.length,
        reason: `File starts like a JSON document but is not valid JSON (${error instanceof Error ? error.message : String(error)}); its raw bytes are kept.`,
      });
      return [];
    }
    if (!Array.isArray(value)) return [{ line: { ...span, text: '' }, value }];
    return value.map((item, index) => ({ line: { ...span, text: '', number: index + 1 }, value: item, pointer: `/${index}` }));
  }

  /**
   * Reads the records of a damaged document one by one; each damaged record gets its own
   * diagnostic with its byte offset. Returns null when no record could be read.
   */
  private salvage(text: string, span: Omit<ParsedLine['line'], 'text'>, diagnose: (diagnostic: Diagnostic) => void): ParsedLine[] | null {
    const result = salvageRecords(text);
    if (!result || result.items.length === 0) return null;
    const encoder = new TextEncoder();
    const byteOffset = (chars: number) => span.offset + encoder.encode(text.slice(0, chars)).length;
    for (const error of result.errors) {
      const offset = byteOffset(error.start);
      diagnose({
        code: 'invalid-record',
        severity: 'error',
        file: this.path,
        offset,
        length: byteOffset(error.end) - offset,
        reason:
          error.start >= text.length
            ? `The document ends at byte ${offset} before its record array is closed, so records after that point are missing; the ${result.items.length} records before it were read.`
            : `Record ${error.index} of ${result.pointer || 'the document'} (byte ${offset}) is not valid JSON (${error.message}); it was skipped, its raw bytes are kept, and the other records were read.`,
      });
    }
    this.lines = [];
    return result.items.map((item) => ({ line: { ...span, text: '', number: item.index + 1 }, value: item.value, pointer: `${result.pointer}/${item.index}` }));
  }
}
