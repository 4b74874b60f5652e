// Damaged gzip read through Chromium's DecompressionStream, as the app reads it: the diagnostics
// must match those of the fflate reader that the command line uses, word for word.

import { gzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { CustodyDb } from '../../../renderer/data/db';
import { listBundles, listEvidence } from '../../../renderer/data';
import { startImport } from '../../../renderer/import/client';
import { nativeGunzip } from '../../../renderer/import/sources';
import { bytesSource } from '../../../shared/io/bytes';
import { walkBundle } from '../../../shared/io/container';
import { fflateGunzip, type GunzipStream } from '../../../shared/io/gzip';
import type { Diagnostic } from '../../../shared/model/diagnostics';
import { freshDb } from '../helpers';

const encoder = new TextEncoder();

function records(count: number): Uint8Array {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(JSON.stringify({ type: 'note', i, text: `line ${i} ${'x'.repeat(i % 50)}` }));
  return encoder.encode(`${lines.join('\n')}\n`);
}

const WHOLE = gzipSync(records(400), { level: 6 });
const TRUNCATED = WHOLE.slice(0, Math.floor(WHOLE.length * 0.6));
const INVALID = (() => {
  const damaged = WHOLE.slice();
  // The first deflate block after the 10-byte header gets the reserved block type 3.
  damaged[10] = 0x07;
  return damaged;
})();

async function walkWith(gunzip: GunzipStream, bytes: Uint8Array): Promise<{ diagnostics: Diagnostic[]; size: number; cause: string | undefined }> {
  const diagnostics: Diagnostic[] = [];
  let size = 0;
  let cause: string | undefined;
  for await (const entry of walkBundle({ kind: 'file', source: bytesSource('notes.jsonl.gz', bytes, 300) }, { gunzip, onDiagnostic: (d) => diagnostics.push(d) })) {
    for await (const chunk of entry.chunks) size += chunk.length;
    cause = entry.cutShort?.()?.cause;
  }
  return { diagnostics, size, cause };
}

const opened: CustodyDb[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

describe('native gunzip', () => {
  it('reports truncation as fflate does', async () => {
    const native = await walkWith(nativeGunzip, TRUNCATED);
    const fflate = await walkWith(fflateGunzip, TRUNCATED);
    expect(native.diagnostics).toEqual(fflate.diagnostics);
    expect(native.size).toBe(fflate.size);
    expect(native.cause).toBe(fflate.cause);
    expect(native.diagnostics).toHaveLength(1);
    expect(native.diagnostics[0]!.reason).toBe(
      `Gzip stream is truncated: it ends at compressed byte ${TRUNCATED.length} before its end. The ${native.size} bytes decompressed before that were read.`,
    );
  });

  it('reports invalid data as fflate does', async () => {
    const native = await walkWith(nativeGunzip, INVALID);
    const fflate = await walkWith(fflateGunzip, INVALID);
    expect(native.diagnostics.map((d) => [d.code, d.reason.replace(/\d+/g, 'N')])).toEqual(fflate.diagnostics.map((d) => [d.code, d.reason.replace(/\d+/g, 'N')]));
    expect(native.diagnostics[0]!.reason).toMatch(/^Gzip data is invalid within its first \d+ compressed bytes, so decompression stopped\./);
    expect(native.cause).toMatch(/holds invalid data/);
  });

  it('stores one clear message per level on import', async () => {
    const db = freshDb();
    opened.push(db);
    const outcome = await startImport({ kind: 'file', file: new File([TRUNCATED], 'notes.jsonl.gz') }, { dbName: db.name }).done;
    expect(outcome.status).toBe('complete');
    const [bundle] = await listBundles(db);
    expect(bundle!.diagnostics.map((d) => [d.code, d.file, d.offset])).toEqual([['corrupt-archive', 'notes.jsonl.gz', TRUNCATED.length]]);
    const reason = bundle!.diagnostics[0]!.reason;
    expect(reason).not.toMatch(/Failed to execute|WritableStream|\.\./);
    const [file] = await listEvidence(bundle!.id, db);
    expect(file!.cutShort).toBe(true);
    const cut = file!.diagnostics.find((d) => d.code === 'corrupt-archive');
    expect(cut).toMatchObject({ offset: file!.size, severity: 'error' });
    expect(cut!.reason).toBe(
      `Reading stopped after ${file!.size} bytes of this file because its gzip stream "notes.jsonl.gz" is truncated at compressed byte ${TRUNCATED.length}. Its size and SHA-256 cover only the bytes read.`,
    );
    expect(file!.diagnostics.some((d) => d.code === 'archive-limit')).toBe(false);
  });
});
