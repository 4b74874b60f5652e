// The inspector's raw record view after a real import into IndexedDB: bytes that are not UTF-8
// stay visible as \xNN, the hex view shows the stored bytes, and secrets stay masked in both.

import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { CustodyDb } from '../../../renderer/data/db';
import { loadSessionEvents, readRaw } from '../../../renderer/data';
import { startImport } from '../../../renderer/import/client';
import { RawRecord } from '../../../renderer/views/workspace/Inspector';
import { asSessionId } from '../../../shared/model/ids';
import type { AgentEvent } from '../../../shared/model/events';
import { decodeRaw, hexDump } from '../../../renderer/lib/raw-bytes';
import { freshDb } from '../helpers';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const SESSION = asSessionId('00000000-0000-4000-8000-00000000e0ef');
const SECRET = 'AKIAIOSFODNN7EXAMPLE';
const encoder = new TextEncoder();

function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Builds a Claude Code prompt line with `middle` between "caf" and "ve", written as raw bytes. */
function promptLine(index: number, middle: Uint8Array): Uint8Array {
  const line = JSON.stringify({
    type: 'user',
    sessionId: SESSION,
    uuid: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    parentUuid: null,
    timestamp: new Date(Date.UTC(2026, 1, 1, 9, 0, index)).toISOString(),
    message: { role: 'user', content: `caf@@ve key ${SECRET}` },
  });
  const [before, after] = line.split('@@') as [string, string];
  return concat([encoder.encode(before), middle, encoder.encode(`${after}\n`)]);
}

const opened: CustodyDb[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function importLines(lines: readonly Uint8Array[]): Promise<{ db: CustodyDb; events: AgentEvent[] }> {
  const db = freshDb();
  opened.push(db);
  const file = new File([concat(lines)], 'latin1.jsonl');
  const outcome = await startImport({ kind: 'file', file }, { dbName: db.name }).done;
  expect(outcome.status).toBe('complete');
  const events = await loadSessionEvents(SESSION, db);
  return { db, events };
}

async function render(event: AgentEvent, db: CustodyDb, reveal: boolean): Promise<HTMLElement> {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  await act(async () => root.render(<RawRecord event={event} reveal={reveal} db={db} />));
  await expect.poll(() => host.querySelector('[data-testid=raw-record]')?.textContent).not.toBe('Reading…');
  return host;
}

/** Returns the ASCII column of a hex dump, rows joined. */
function asciiColumn(dump: string): string {
  return dump
    .split('\n')
    .map((row) => row.slice(row.indexOf('|') + 1, -1))
    .join('');
}

async function click(element: Element | null): Promise<void> {
  expect(element).not.toBeNull();
  await act(async () => (element as HTMLElement).click());
}

describe('raw record view', () => {
  it('shows a Latin-1 byte as \\xEF', async () => {
    const { db, events } = await importLines([promptLine(1, new Uint8Array([0xef]))]);
    const event = events.find((item) => item.kind === 'prompt')!;
    expect(event).toBeDefined();
    const stored = await readRaw(event.raw, db);
    expect(stored.includes(0xef)).toBe(true);
    const host = await render(event, db, false);
    const text = host.querySelector('[data-testid=raw-record]')!;
    expect(text.textContent).toContain('caf\\xEFve');
    expect(text.textContent).not.toContain('\ufffd');
    expect(text.querySelector('mark.invalid-byte')?.textContent).toBe('\\xEF');
    expect(host.querySelector('[data-testid=raw-invalid-utf8]')?.textContent).toContain('1 byte(s)');
    expect(text.textContent).not.toContain(SECRET);
  });

  it('keeps \\xNN marks when indented', async () => {
    const { db, events } = await importLines([promptLine(1, new Uint8Array([0xe9, 0x80]))]);
    const event = events.find((item) => item.kind === 'prompt')!;
    const host = await render(event, db, true);
    await click(host.querySelector('label.pretty input'));
    const text = host.querySelector('[data-testid=raw-record]')!;
    expect(text.textContent).toContain('\n  "type": "user"');
    expect(text.textContent).toContain('caf\\xE9\\x80ve');
    expect(text.querySelectorAll('mark.invalid-byte')).toHaveLength(2);
  });

  it('leaves valid UTF-8 unmarked', async () => {
    const { db, events } = await importLines([promptLine(1, encoder.encode('é'))]);
    const event = events.find((item) => item.kind === 'prompt')!;
    const host = await render(event, db, true);
    expect(host.querySelector('[data-testid=raw-record]')!.textContent).toContain('café');
    expect(host.querySelector('mark.invalid-byte')).toBeNull();
    expect(host.querySelector('[data-testid=raw-invalid-utf8]')).toBeNull();
  });

  it('shows the stored bytes in hex', async () => {
    const { db, events } = await importLines([promptLine(1, encoder.encode('x')), promptLine(2, new Uint8Array([0xef]))]);
    const event = events.find((item) => item.kind === 'prompt' && item.raw.line === 2)!;
    expect(event).toBeDefined();
    const stored = await readRaw(event.raw, db);
    const host = await render(event, db, true);
    await click(host.querySelector('[data-testid=raw-hex-toggle]'));
    const dump = host.querySelector('[data-testid=raw-hex]')!.textContent!;
    const rows = dump.split('\n');
    expect(rows).toHaveLength(Math.ceil(stored.length / 16));
    // Offsets count from the start of the file, where this second record does not start.
    expect(event.raw.offset).toBeGreaterThan(0);
    expect(rows[0]!.startsWith(event.raw.offset.toString(16).padStart(8, '0'))).toBe(true);
    expect(rows[0]).toContain('7b 22 74 79 70 65 22 3a');
    expect(rows[0]).toContain('|{"type":"user","');
    const at = stored.indexOf(0xef);
    const row = rows[Math.floor(at / 16)]!;
    const column = at % 16;
    const hexColumns = row.slice(10, 10 + 49).split(' ').filter((cell) => cell !== '');
    expect(hexColumns[column]).toBe('ef');
    expect(host.querySelector('[data-testid=raw-hex-extent]')?.textContent).toContain(`All ${stored.length} bytes shown.`);
    expect(asciiColumn(dump)).toContain(SECRET);
  });

  it('masks secret bytes in hex', async () => {
    const { db, events } = await importLines([promptLine(1, new Uint8Array([0xef]))]);
    const event = events.find((item) => item.kind === 'prompt')!;
    const host = await render(event, db, false);
    await click(host.querySelector('[data-testid=raw-hex-toggle]'));
    const dump = host.querySelector('[data-testid=raw-hex]')!.textContent!;
    const ascii = asciiColumn(dump);
    expect(ascii).not.toContain('AKIA');
    expect(ascii).toContain('•'.repeat(SECRET.length));
    // "AKIA" in hex must not appear either.
    expect(dump.replace(/\s/g, '')).not.toContain('414b4941');
    expect(host.querySelector('[data-testid=raw-hex-extent]')?.textContent).toContain(`${SECRET.length} bytes of secrets`);
  });
});

describe('hex dump', () => {
  it('caps big records with a count', () => {
    const bytes = new Uint8Array(100_000).fill(0x41);
    const dump = hexDump(bytes, 0, null, 4096);
    expect(dump.shown).toBe(4096);
    expect(dump.total).toBe(100_000);
    expect(dump.text.split('\n')).toHaveLength(256);
  });

  it('decodes every invalid byte once', () => {
    // A lone continuation byte, an overlong encoding, a surrogate and a sequence cut short.
    const bytes = new Uint8Array([0x61, 0x80, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xe2, 0x82, 0x62, 0xf0, 0x9f, 0x8e, 0x89]);
    const decoded = decodeRaw(bytes);
    expect(decoded.invalidBytes).toBe(8);
    const shown = decoded.pieces.map((piece) => ('text' in piece ? piece.text : `<${piece.invalidByte.toString(16)}>`)).join('');
    expect(shown).toBe('a<80><c0><af><ed><a0><80><e2><82>b🎉');
  });
});
