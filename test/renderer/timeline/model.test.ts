import { beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../../cli/fs-source';
import { analyseBundle, type AnalysedBundle } from '../../../shared/ingest/memory';
import { timelineModel, type TimelineModel } from '../../../renderer/timeline/model';
import { sample, SPOTTER_FOLDER } from '../../helpers/samples';

// The role session that tried DescribeInstanceAttribute 15 times with a stolen credential and was denied each time.
const DENIED_SESSION = 'aws:fp:c2c7020138adc00d';

function modelOf(bundle: AnalysedBundle, id: string): TimelineModel {
  const session = bundle.sessions.find((candidate) => candidate.id === id);
  expect(session, `session ${id}`).toBeDefined();
  return timelineModel(session!);
}

describe('timeline of CloudTrail sessions', () => {
  let bundle: AnalysedBundle;
  beforeAll(async () => {
    bundle = await analyseBundle(await openBundle(sample('cloudtrail')));
  });

  it('gives the cloud principal a lane', () => {
    const model = modelOf(bundle, DENIED_SESSION);
    expect(model.lanes).toHaveLength(1);
    expect(model.lanes[0]!.label).toContain('AssumedRole');
    expect(model.lanes[0]!.label).toContain('stratus-red-team');
  });

  it('marks every denied call as failed', () => {
    const model = modelOf(bundle, DENIED_SESSION);
    expect(model.bars).toHaveLength(15);
    for (const bar of model.bars) {
      expect(bar.kind).toBe('cloud-call');
      expect(bar.status).toBe('failed');
      expect(bar.lane).toBe(0);
      expect(bar.end).toBe(bar.start);
    }
  });

  it('places marks inside the time range', () => {
    const model = modelOf(bundle, DENIED_SESSION);
    for (const bar of model.bars) {
      expect(bar.start).toBeGreaterThanOrEqual(model.start);
      expect(bar.start).toBeLessThanOrEqual(model.end);
    }
  });

  it('counts a mark for every cloud call of every session', () => {
    for (const [index, session] of bundle.sessions.entries()) {
      const model = timelineModel(session);
      const summary = bundle.summaries[index]!;
      expect(model.bars.length, session.id).toBe(summary.cloudCalls);
      expect(model.bars.filter((bar) => bar.status === 'failed').length, session.id).toBe(summary.cloudErrors);
      expect(model.lanes.length, session.id).toBeGreaterThan(0);
    }
  });
});

describe('timeline of OCSF sessions', () => {
  it('draws a mark per cloud call', async () => {
    const ocsf = await analyseBundle(await openBundle(sample('ocsf')));
    const withCalls = ocsf.summaries.filter((summary) => summary.cloudCalls > 0);
    expect(withCalls.length).toBeGreaterThan(0);
    for (const summary of withCalls) {
      const model = modelOf(ocsf, summary.id);
      expect(model.bars.filter((bar) => bar.kind === 'cloud-call')).toHaveLength(summary.cloudCalls);
      expect(model.bars.filter((bar) => bar.status === 'failed')).toHaveLength(summary.cloudErrors);
    }
  });
});

describe('timeline of an agent session', () => {
  it('keeps one bar per tool call', async () => {
    const spotter = await analyseBundle(await openBundle(SPOTTER_FOLDER));
    const model = timelineModel(spotter.sessions[0]!);
    expect(model.lanes[0]!.label).toBe('main agent');
    expect(model.bars.every((bar) => bar.kind === 'tool-call')).toBe(true);
    expect(model.bars).toHaveLength(spotter.summaries[0]!.toolCalls);
  });
});
