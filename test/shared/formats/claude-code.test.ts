import { describe, expect, it } from 'vitest';
import { analyseBundle } from '../../../shared/ingest/memory';
import { openBundle } from '../../../cli/fs-source';
import { sample, SPOTTER_FOLDER, SPOTTER_SESSION } from '../../helpers/samples';

describe('Claude Code reader on the spotter project', () => {
  for (const [label, path] of [
    ['folder', SPOTTER_FOLDER],
    ['zip', sample('bundles', 'claude-projects.zip')],
  ] as const) {
    it(`counts tool calls from the ${label}`, async () => {
      const { summaries, result } = await analyseBundle(await openBundle(path));
      expect(summaries).toHaveLength(1);
      const session = summaries[0]!;
      expect(session.id).toBe(SPOTTER_SESSION);
      expect(session.source).toBe('claude-code');
      expect(session.toolCalls).toBe(183);
      expect(session.toolCallsByName).toEqual({ Bash: 72, Read: 47, Edit: 32, Grep: 12, Glob: 10, Write: 7, Task: 1, TaskOutput: 1, AskUserQuestion: 1 });
      const main = session.agents.find((agent) => agent.id === 'main');
      const sub = session.agents.find((agent) => agent.id === 'a2898e3');
      expect(main?.toolCalls).toBe(150);
      expect(sub?.toolCalls).toBe(33);
      expect(sub?.parentId).toBe('main');
      expect(session.errors).toBe(13);
      expect(session.denied).toBe(0);
      expect(session.permissionModes).toEqual(['bypassPermissions']);
      expect(result.evidence.flatMap((file) => file.diagnostics)).toEqual([]);
      expect(result.diagnostics).toEqual([]);
    });
  }

  it('names the Task call that spawned the sub-agent', async () => {
    const { summaries } = await analyseBundle(await openBundle(SPOTTER_FOLDER));
    const sub = summaries[0]!.agents.find((agent) => agent.id === 'a2898e3')!;
    expect(sub.spawnedBy).toBe('toolu_017pLRuPHYTX5t99EnLyV53m');
    expect(sub.subagentType).toBe('Explore');
  });

  it('keeps the compaction boundary and its logical parent', async () => {
    const { sessions } = await analyseBundle(await openBundle(SPOTTER_FOLDER));
    const compactions = sessions[0]!.events.filter((event) => event.recordType === 'system/compact_boundary');
    expect(compactions).toHaveLength(1);
    expect(compactions[0]!.logicalParentUuid).toBe('459e838f-d7ea-4f7d-94ad-2cb4d227dc77');
  });
});

describe('Claude Code reader on short.jsonl', () => {
  for (const path of [sample('claude-code', 'short.jsonl'), sample('bundles', 'short.jsonl.gz')]) {
    it(`finds both user rejections in ${path.split('/').pop()}`, async () => {
      const { summaries, sessions } = await analyseBundle(await openBundle(path));
      expect(summaries[0]!.toolCalls).toBe(2);
      expect(summaries[0]!.denied).toBe(2);
      expect(summaries[0]!.errors).toBe(0);
      const decisions = sessions[0]!.calls.map((call) => call.decision);
      expect(decisions.every((decision) => decision.verdict === 'denied' && decision.by === 'user-reject')).toBe(true);
    });
  }
});

describe('Claude Code reader on concatenated sessions', () => {
  it('keeps every event of each session', async () => {
    const { readFileSync } = await import('node:fs');
    const { bytesSource } = await import('../../../shared/io/bytes');
    const source = readFileSync(`${SPOTTER_FOLDER}/${SPOTTER_SESSION}.jsonl`, 'utf8');
    const copies = [0, 1, 2].map((copy) => source.replaceAll(SPOTTER_SESSION, `${SPOTTER_SESSION.slice(0, -4)}000${copy}`)).join('');
    const { summaries } = await analyseBundle({ kind: 'file', source: bytesSource('three.jsonl', new TextEncoder().encode(copies)) });
    // The main transcript alone holds all 183 calls: the sub-agent's are mirrored into it.
    expect(summaries.map((summary) => summary.toolCalls)).toEqual([183, 183, 183]);
    const events = summaries.map((summary) => summary.events);
    expect(new Set(events).size).toBe(1);
  });
});
