import { beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../../cli/fs-source';
import { buildAuthorityGraph } from '../../../shared/graph/build';
import type { AuthorityGraph } from '../../../shared/graph/types';
import { analyseBundle, type AnalysedBundle } from '../../../shared/ingest/memory';
import { sample, SPOTTER_FOLDER } from '../../helpers/samples';

function graphOf(bundle: AnalysedBundle, id: string): AuthorityGraph {
  const index = bundle.sessions.findIndex((session) => session.id === id);
  expect(index, `session ${id}`).toBeGreaterThanOrEqual(0);
  return buildAuthorityGraph(bundle.sessions[index]!, bundle.summaries[index]!);
}

describe('failed cloud calls in the authority graph', () => {
  let bundle: AnalysedBundle;
  beforeAll(async () => {
    bundle = await analyseBundle(await openBundle(sample('cloudtrail')));
  });

  it('counts every denied call on its edges', () => {
    const graph = graphOf(bundle, 'aws:fp:c2c7020138adc00d');
    const calls = graph.edges.filter((edge) => edge.kind === 'invoked' || edge.kind === 'accessed' || edge.kind === 'used');
    expect(calls.length).toBeGreaterThan(15);
    for (const edge of calls) expect(edge.failed, edge.id).toBe(edge.events.length);
  });

  it('leaves the credential acting as the principal unmarked', () => {
    const graph = graphOf(bundle, 'aws:fp:c2c7020138adc00d');
    const actedAs = graph.edges.filter((edge) => edge.kind === 'acted-as');
    expect(actedAs.length).toBeGreaterThan(0);
    for (const edge of actedAs) expect(edge.failed).toBeUndefined();
  });

  it('separates failed from succeeded calls', () => {
    const graph = graphOf(bundle, 'aws:fp:6c8b4a818c649a07');
    const invoked = graph.edges.filter((edge) => edge.kind === 'invoked');
    const failed = invoked.reduce((sum, edge) => sum + (edge.failed ?? 0), 0);
    expect(failed).toBe(2);
    expect(invoked.some((edge) => (edge.failed ?? 0) < edge.events.length)).toBe(true);
  });
});

describe('failed tool calls in the authority graph', () => {
  it('counts failed calls on invoked edges', async () => {
    const spotter = await analyseBundle(await openBundle(SPOTTER_FOLDER));
    const graph = buildAuthorityGraph(spotter.sessions[0]!, spotter.summaries[0]!);
    const invoked = graph.edges.filter((edge) => edge.kind === 'invoked');
    expect(invoked.reduce((sum, edge) => sum + (edge.failed ?? 0), 0)).toBe(spotter.summaries[0]!.errors);
  });
});
