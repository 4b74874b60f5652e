// The baseline the import is compared with: read the same bundle in a module worker, walk its
// container, split lines on 0x0A bytes, decode and JSON.parse each line, and keep nothing.

import { concatBytes } from '../../shared/io/bytes';
import { walkBundle } from '../../shared/io/container';
import { fileSource } from '../../renderer/import/sources';

export interface ParseResult {
  readonly bytesRead: number;
  readonly evidenceBytes: number;
  readonly lines: number;
  readonly invalid: number;
  readonly elapsedMs: number;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<File>) => {
  const file = event.data;
  const started = performance.now();
  const decoder = new TextDecoder();
  let evidenceBytes = 0;
  let lines = 0;
  let invalid = 0;
  const parse = (bytes: Uint8Array) => {
    if (bytes.length === 0) return;
    lines += 1;
    try {
      JSON.parse(decoder.decode(bytes));
    } catch {
      invalid += 1;
    }
  };
  const entries = walkBundle({ kind: 'file', source: fileSource(file.name, file) }, { onDiagnostic: () => undefined });
  for await (const entry of entries) {
    let carry: Uint8Array[] = [];
    for await (const chunk of entry.chunks) {
      evidenceBytes += chunk.length;
      let from = 0;
      for (;;) {
        const newline = chunk.indexOf(0x0a, from);
        if (newline === -1) {
          if (from < chunk.length) carry.push(chunk.slice(from));
          break;
        }
        const piece = chunk.subarray(from, newline);
        parse(carry.length > 0 ? concatBytes([...carry, piece]) : piece);
        carry = [];
        from = newline + 1;
      }
    }
    if (carry.length > 0) parse(concatBytes(carry));
  }
  const result: ParseResult = { bytesRead: file.size, evidenceBytes, lines, invalid, elapsedMs: performance.now() - started };
  scope.postMessage(result);
};
