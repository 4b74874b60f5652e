// Which sessions a cancelled import may have cut: the pipeline's list for Claude Code
// transcripts in one file and in a zip, and the rules on their own.

import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../../shared/io/bytes';
import { OpenSessions } from '../../../shared/ingest/open-sessions';
import { ingestBundle } from '../../../shared/ingest/pipeline';
import type { IngestSink } from '../../../shared/ingest/types';
import type { AgentEvent, SourceFormat } from '../../../shared/model/events';
import { asEvidenceKey, asSessionId, type SessionId } from '../../../shared/model/ids';

const encoder = new TextEncoder();

const sessionId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Claude Code prompts of one session, one per line. */
function transcript(session: string, count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(
      JSON.stringify({
        type: 'user',
        sessionId: session,
        uuid: `${session.slice(0, 24)}${String(i).padStart(12, '0')}`,
        parentUuid: i === 0 ? null : `${session.slice(0, 24)}${String(i - 1).padStart(12, '0')}`,
        timestamp: new Date(Date.UTC(2026, 1, 1, 9, 0, i)).toISOString(),
        message: { role: 'user', content: `prompt ${i}` },
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Runs the pipeline and cancels it once `stopAt` events were handed to the sink. */
async function cancelAfter(bytes: Uint8Array, name: string, stopAt: number): Promise<{ open: readonly SessionId[]; seen: SessionId[] }> {
  const signal = { aborted: false };
  const seen: SessionId[] = [];
  let events = 0;
  const sink: IngestSink = {
    beginEvidence: () => {},
    content: () => {},
    events: (_key, batch) => {
      for (const event of batch) if (!seen.includes(event.session)) seen.push(event.session);
      events += batch.length;
      if (events >= stopAt) signal.aborted = true;
    },
    endEvidence: () => {},
  };
  const result = await ingestBundle({ kind: 'file', source: bytesSource(name, bytes, 4096) }, sink, { importId: 'test', signal, eventBatch: 50 });
  expect(result.cancelled).toBe(true);
  return { open: result.openSessions, seen };
}

function event(session: string, source: SourceFormat = 'claude-code'): AgentEvent {
  return { session: asSessionId(session), source } as AgentEvent;
}

describe('open sessions after a cancel', () => {
  it('keeps sessions read before the last one', async () => {
    const text = [1, 2, 3, 4, 5].map((n) => transcript(sessionId(n), 200)).join('');
    const { open, seen } = await cancelAfter(encoder.encode(text), 'sessions.jsonl', 500);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.length).toBeLessThan(5);
    expect(open).toEqual([seen.at(-1)]);
  });

  it('keeps files read before the stop', async () => {
    const files: Record<string, Uint8Array> = {};
    for (const n of [1, 2, 3, 4, 5]) files[`${sessionId(n)}.jsonl`] = encoder.encode(transcript(sessionId(n), 200));
    const { open, seen } = await cancelAfter(zipSync(files), 'projects.zip', 450);
    expect(seen.length).toBeGreaterThan(2);
    expect(open).toEqual([seen.at(-1)]);
  });

  it('returns nothing when not cancelled', async () => {
    const sink: IngestSink = { beginEvidence: () => {}, content: () => {}, events: () => {}, endEvidence: () => {} };
    const result = await ingestBundle({ kind: 'file', source: bytesSource('one.jsonl', encoder.encode(transcript(sessionId(1), 5))) }, sink, { importId: 'test' });
    expect(result.openSessions).toEqual([]);
  });
});

describe('OpenSessions', () => {
  const first = asEvidenceKey('import/0');
  const second = asEvidenceKey('import/1');

  it('lists the latest session only', () => {
    const open = new OpenSessions();
    open.add(first, [event('a'), event('a'), event('b')]);
    open.add(second, [event('c'), event('c')]);
    expect(open.list()).toEqual(['c']);
  });

  it('keeps the previous file open', () => {
    // A file that gave no events yet does not close the session of the file before it.
    const open = new OpenSessions();
    open.add(first, [event('a'), event('b')]);
    expect(open.list()).toEqual(['b']);
  });

  it('lists every session of an interleaved file', () => {
    const open = new OpenSessions();
    open.add(first, [event('x')]);
    open.add(second, [event('a'), event('b'), event('a'), event('c')]);
    expect(open.list()).toEqual(['a', 'b', 'c']);
  });

  it('lists every session spread over files', () => {
    const open = new OpenSessions();
    open.add(first, [event('role-1', 'cloudtrail'), event('role-2', 'cloudtrail')]);
    open.add(second, [event('a'), event('b')]);
    expect(open.list()).toEqual(['b', 'role-1', 'role-2']);
  });
});
