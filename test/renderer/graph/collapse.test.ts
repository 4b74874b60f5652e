import { beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../../cli/fs-source';
import { buildAuthorityGraph } from '../../../shared/graph/build';
import type { AuthorityGraph } from '../../../shared/graph/types';
import { analyseBundle } from '../../../shared/ingest/memory';
import { collapseFanOuts, isCollapsedNode } from '../../../renderer/graph/collapse';
import { filterGraph, NO_FILTERS, onlyMatches, searchGraph } from '../../../renderer/graph/filters';
import { firstSeen, notYetLive } from '../../../renderer/graph/live';
import type { LinkedSession } from '../../../shared/session/link';
import { SPOTTER_FOLDER } from '../../helpers/samples';

describe('graph view model on the spotter session', () => {
  let graph: AuthorityGraph;
  let session: LinkedSession;
  const time = (id: string) => session.byId.get(id as never)?.time?.ms ?? null;
  beforeAll(async () => {
    const { sessions, summaries } = await analyseBundle(await openBundle(SPOTTER_FOLDER));
    session = sessions[0]!;
    graph = buildAuthorityGraph(session, summaries[0]!);
  });

  it('collapses the main agent fan-out behind a count', () => {
    const collapsed = collapseFanOuts(graph, new Set(), 40);
    const more = collapsed.nodes.filter(isCollapsedNode);
    expect(more).toHaveLength(1);
    expect(more[0]!.expands).toBe('agent:main');
    expect(more[0]!.hidden).toBe(4);
    expect(more[0]!.label).toBe('+4 more');
    const invoked = collapsed.edges.filter((edge) => edge.source === 'agent:main' && edge.kind === 'invoked');
    expect(invoked).toHaveLength(41);
    for (const edge of collapsed.edges) {
      expect(collapsed.nodes.some((node) => node.id === edge.source), edge.id).toBe(true);
      expect(collapsed.nodes.some((node) => node.id === edge.target), edge.id).toBe(true);
    }
  });

  it('expands a collapsed fan-out', () => {
    expect(collapseFanOuts(graph, new Set(['agent:main']), 40).nodes).toHaveLength(graph.nodes.length);
    expect(collapseFanOuts(graph, new Set(), Infinity)).toBe(graph);
  });

  it('filters call groups by tool', () => {
    const edits = filterGraph(graph, { ...NO_FILTERS, tool: 'Edit' }, time);
    const groups = edits.nodes.filter((node) => node.kind === 'tool-group');
    expect(groups.length).toBeGreaterThan(3);
    for (const node of groups) expect(node.tool).toBe('Edit');
    expect(edits.nodes.some((node) => node.kind === 'principal')).toBe(true);
    for (const node of edits.nodes.filter((item) => item.kind === 'resource')) expect(edits.edges.some((edge) => edge.target === node.id)).toBe(true);
  });

  it('filters by failed outcome and time range', () => {
    const failed = filterGraph(graph, { ...NO_FILTERS, outcome: 'failed' }, time);
    const groups = failed.nodes.filter((node) => node.kind === 'tool-group');
    expect(groups.reduce((sum, node) => sum + (node.failed ?? 0), 0)).toBe(13);
    const start = session.events[0]!.time!.ms!;
    const early = filterGraph(graph, { ...NO_FILTERS, timeRange: [start, start + 60_000] }, time);
    expect(early.nodes.filter((node) => node.kind === 'tool-group').length).toBeLessThan(graph.nodes.filter((node) => node.kind === 'tool-group').length);
  });

  it('keeps the groups that reach a search match', () => {
    const matches = searchGraph(graph, 'session_live.ex');
    expect(matches.size).toBeGreaterThan(1);
    const only = onlyMatches(graph, matches);
    for (const node of only.nodes.filter((item) => item.kind === 'resource')) expect(node.label).toContain('session_live.ex');
    expect(only.nodes.length).toBeLessThan(graph.nodes.length);
  });

  it('dims what was not live yet', () => {
    const seen = firstSeen(graph, time);
    // The principal appears with the first prompt, after the session's start-up hooks.
    const prompt = seen.get('principal')!;
    expect(prompt).toBeGreaterThan(session.events[0]!.time!.ms! - 1);
    const later = notYetLive(graph, seen, prompt);
    expect(later.has('agent:a2898e3')).toBe(true);
    expect(later.has('principal')).toBe(false);
    expect(notYetLive(graph, seen, Number.MAX_SAFE_INTEGER).size).toBe(0);
  });
});
