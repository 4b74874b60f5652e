import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openBundle } from '../../../cli/fs-source';
import { analyseBundle } from '../../../shared/ingest/memory';
import { effectiveAuthority, eventIndexAt } from '../../../shared/session/authority';
import type { LinkedSession } from '../../../shared/session/link';
import { REPO_ROOT, sample, SPOTTER_FOLDER } from '../../helpers/samples';

describe('effective authority in the spotter session', () => {
  let session: LinkedSession;
  beforeAll(async () => {
    session = (await analyseBundle(await openBundle(SPOTTER_FOLDER))).sessions[0]!;
  });

  it('has no mode before the first event', () => {
    const before = effectiveAuthority(session, -1);
    expect(before.mode).toBeNull();
    expect(before.event).toBeNull();
    expect(before.agents).toEqual([]);
  });

  it('holds bypassPermissions from the first prompt', () => {
    const prompt = session.events.findIndex((event) => event.kind === 'prompt' && event.mode);
    expect(effectiveAuthority(session, prompt).mode).toBe('bypassPermissions');
    expect(effectiveAuthority(session, prompt).modeSince).toBe(session.events[prompt]!.id);
    expect(effectiveAuthority(session, session.events.length - 1).mode).toBe('bypassPermissions');
  });

  it('shows the sub-agent only after it started', () => {
    const first = session.events.findIndex((event) => event.agent === 'a2898e3');
    expect(first).toBeGreaterThan(0);
    expect(effectiveAuthority(session, first - 1).agents.map((agent) => agent.agent)).not.toContain('a2898e3');
    const at = effectiveAuthority(session, first);
    const sub = at.agents.find((agent) => agent.agent === 'a2898e3')!;
    expect(sub.parent).toBe('main');
    expect(sub.description).toBe('Explore transcript rendering codebase');
    expect(session.byId.get(sub.delegatedBy!)?.tool?.name).toBe('Task');
    expect(at.agents[0]!.agent).toBe('main');
  });

  it('finds the event index at a time', () => {
    const middle = session.events[50]!;
    const index = eventIndexAt(session, middle.time!.ms!);
    expect(session.events[index]!.time!.ms).toBe(middle.time!.ms);
    expect(index).toBeGreaterThanOrEqual(50);
    expect(eventIndexAt(session, 0)).toBe(-1);
  });
});

describe('effective authority with credentials', () => {
  it('holds the printed key only after the assume-role result', async () => {
    const analysed = await analyseBundle(await openBundle(join(REPO_ROOT, 'test', 'fixtures', 'cross-source')));
    const session = analysed.sessions.find((item) => item.id === 'c0ffee00-1111-4222-8333-444455556666')!;
    const exposing = session.events.findIndex((event) => (event.credentials ?? []).some((ref) => ref.action === 'exposed'));
    expect(exposing).toBeGreaterThan(0);
    expect(effectiveAuthority(session, exposing - 1).credentials.filter((ref) => ref.action === 'exposed')).toEqual([]);
    const after = effectiveAuthority(session, exposing);
    const held = after.credentials.find((ref) => ref.action === 'exposed')!;
    expect(held.masked).toContain('ASIA');
    expect(held.agent).toBe('main');
    expect(after.agents[0]!.credentials.map((ref) => ref.fingerprint)).toContain(held.fingerprint);
  });

  it('records a user rejection as no standing approval', async () => {
    const session = (await analyseBundle(await openBundle(sample('claude-code', 'short.jsonl')))).sessions[0]!;
    const end = effectiveAuthority(session, session.events.length - 1);
    expect(session.events.some((event) => event.decision?.verdict === 'denied')).toBe(true);
    expect(end.approvals).toEqual([]);
  });
});
