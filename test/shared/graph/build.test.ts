import { beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../../../cli/fs-source';
import { agentNodeId, buildAuthorityGraph, PRINCIPAL_NODE } from '../../../shared/graph/build';
import { commandProgram } from '../../../shared/graph/grouping';
import type { AuthorityGraph } from '../../../shared/graph/types';
import { analyseBundle } from '../../../shared/ingest/memory';
import { sample, SPOTTER_FOLDER } from '../../helpers/samples';

describe('authority graph of the spotter session', () => {
  let graph: AuthorityGraph;
  beforeAll(async () => {
    const { sessions, summaries } = await analyseBundle(await openBundle(SPOTTER_FOLDER));
    graph = buildAuthorityGraph(sessions[0]!, summaries[0]!);
  });

  it('starts at the principal in bypassPermissions mode', () => {
    const started = graph.edges.filter((edge) => edge.kind === 'started');
    expect(started).toHaveLength(1);
    expect(started[0]!.source).toBe(PRINCIPAL_NODE);
    expect(started[0]!.target).toBe(agentNodeId('main' as never));
    expect(started[0]!.label).toBe('mode bypassPermissions');
  });

  it('delegates to the Explore sub-agent through its Task call', () => {
    const delegated = graph.edges.find((edge) => edge.kind === 'delegated' && edge.target === 'agent:a2898e3');
    expect(delegated?.source).toBe('agent:main');
    expect(delegated?.label).toBe('Explore transcript rendering codebase');
    expect(delegated?.events.length).toBeGreaterThan(0);
  });

  it('groups counts that add up to every call', () => {
    const groups = graph.nodes.filter((node) => node.kind === 'tool-group');
    expect(groups.reduce((sum, node) => sum + (node.count ?? 0), 0)).toBe(183);
    expect(groups.reduce((sum, node) => sum + (node.failed ?? 0), 0)).toBe(13);
  });

  it('marks every call as not asked under the mode', () => {
    const decisions = graph.nodes.filter((node) => node.kind === 'decision');
    expect(decisions.map((node) => node.verdict)).toEqual(['not-asked', 'not-asked']);
    const denied = graph.edges.filter((edge) => edge.kind === 'denied-by');
    expect(denied).toEqual([]);
  });

  it('links edited files as written resources', () => {
    const edits = graph.edges.filter((edge) => edge.kind === 'accessed' && edge.access === 'write');
    expect(edits.length).toBeGreaterThan(5);
    for (const edge of edits) expect(graph.nodes.some((node) => node.id === edge.target && node.kind === 'resource')).toBe(true);
  });

  it('gives every node and edge evidence', () => {
    for (const node of graph.nodes) expect(node.events.length, node.id).toBeGreaterThan(0);
    for (const edge of graph.edges) expect(edge.events.length, edge.id).toBeGreaterThan(0);
  });
});

describe('authority graph of short.jsonl', () => {
  it('draws both rejections as denied-by edges', async () => {
    const { sessions, summaries } = await analyseBundle(await openBundle(sample('claude-code', 'short.jsonl')));
    const graph = buildAuthorityGraph(sessions[0]!, summaries[0]!);
    const denied = graph.edges.filter((edge) => edge.kind === 'denied-by');
    expect(denied).toHaveLength(2);
    const decision = graph.nodes.find((node) => node.kind === 'decision');
    expect(decision?.verdict).toBe('denied');
    expect(graph.edges.filter((edge) => edge.kind === 'accessed')).toEqual([]);
  });
});

describe('commandProgram', () => {
  it.each([
    ['git status', 'git'],
    ['cd /repo && mix test', 'mix'],
    ['FOO=1 BAR=2 /usr/bin/env python x.py', 'env'],
    ['ls -la | head', 'ls'],
  ])('names the program of %s', (command, program) => {
    expect(commandProgram(command)).toBe(program);
  });
});
