import { beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../../../cli/fs-source';
import type { SessionSummary } from '../../../../shared/model/session';
import { analyseBundle } from '../../../../shared/ingest/memory';
import { sessionFacts } from '../../../../renderer/views/sessions/session-facts';
import { sample, SPOTTER_FOLDER } from '../../../helpers/samples';

describe('session facts of CloudTrail sessions', () => {
  let summaries: readonly SessionSummary[];
  beforeAll(async () => {
    summaries = (await analyseBundle(await openBundle(sample('cloudtrail')))).summaries;
  });

  const facts = (id: string) => sessionFacts(summaries.find((summary) => summary.id === id)!);

  it('counts denied cloud calls as failed', () => {
    expect(facts('aws:fp:c2c7020138adc00d')).toEqual(['15 cloud calls (15 failed)', '1 cloud principal']);
  });

  it('counts some failed calls', () => {
    expect(facts('aws:fp:6c8b4a818c649a07')[0]).toBe('4 cloud calls (2 failed)');
  });

  it('uses the singular for one call', () => {
    const single = summaries.find((summary) => summary.cloudCalls === 1 && summary.cloudErrors === 0);
    expect(single).toBeDefined();
    expect(sessionFacts(single!)[0]).toBe('1 cloud call (0 failed)');
  });
});

describe('session facts of an agent session', () => {
  it('names tool calls, agents and the mode', async () => {
    const { summaries } = await analyseBundle(await openBundle(SPOTTER_FOLDER));
    const summary = summaries[0]!;
    expect(sessionFacts(summary)).toEqual([`${summary.toolCalls} tool calls (${summary.denied} denied, ${summary.errors} failed)`, `${summary.agents.length} agents`, 'mode bypassPermissions']);
  });

  it('shows both kinds of calls together', () => {
    const both = { toolCalls: 1, denied: 0, errors: 1, cloudCalls: 3, cloudErrors: 2, agents: [{ id: 'main', parentId: null, role: 'main', toolCalls: 1 }], permissionModes: [] } as unknown as SessionSummary;
    expect(sessionFacts(both)).toEqual(['1 tool call (0 denied, 1 failed)', '3 cloud calls (2 failed)', '1 agent', 'mode not recorded']);
  });
});
