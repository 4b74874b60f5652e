// Collects a JSON document that spans many lines and parses it whole. Arrays yield one record
// per item; any other value is one record.

import type { Diagnostic } from '../model/diagnostics';
import type { ParsedLine } from '../formats/types';
import type { Line } from '../io/lines';

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
    try {
      value = JSON.parse(this.lines.map((line) => line.text).join('\n'));
      this.lines = [];
    } catch (error) {
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
}
