// Filters and search over the authority graph. Principals and agents always stay, so what
// remains still hangs from the root; resources, decisions and credentials stay when a call group
// that passes the filters links to them.

import type { AuthorityGraph, GraphNode } from '../../shared/graph/types';
import type { ResourceKind, Verdict } from '../../shared/model/events';

export type OutcomeFilter = 'all' | 'succeeded' | 'failed' | 'denied';

export interface GraphFilters {
  /** Tool name of call groups to keep, or null for every tool. */
  readonly tool: string | null;
  readonly resourceKind: ResourceKind | null;
  readonly outcome: OutcomeFilter;
  readonly verdict: Verdict | null;
  /** Keep only call groups with an event inside this range of epoch milliseconds. */
  readonly timeRange: readonly [number, number] | null;
}

export const NO_FILTERS: GraphFilters = { tool: null, resourceKind: null, outcome: 'all', verdict: null, timeRange: null };

const STRUCTURAL = new Set(['principal', 'agent', 'sub-agent', 'cloud-principal']);

export function isFiltering(filters: GraphFilters): boolean {
  return filters.tool !== null || filters.resourceKind !== null || filters.outcome !== 'all' || filters.verdict !== null || filters.timeRange !== null;
}

function outcomeMatches(node: GraphNode, outcome: OutcomeFilter): boolean {
  const count = node.count ?? 0;
  const failed = node.failed ?? 0;
  const denied = node.denied ?? 0;
  if (outcome === 'failed') return failed > 0;
  if (outcome === 'denied') return denied > 0;
  if (outcome === 'succeeded') return count - failed - denied > 0;
  return true;
}

/** Keeps the edges whose ends both survived. */
export function keepNodes(graph: AuthorityGraph, kept: ReadonlySet<string>): AuthorityGraph {
  return { nodes: graph.nodes.filter((node) => kept.has(node.id)), edges: graph.edges.filter((edge) => kept.has(edge.source) && kept.has(edge.target)) };
}

/** Applies the filters; `eventTime` gives an event's time for the time range. */
export function filterGraph(graph: AuthorityGraph, filters: GraphFilters, eventTime: (id: string) => number | null): AuthorityGraph {
  if (!isFiltering(filters)) return graph;
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const verdicts = new Map<string, Set<Verdict>>();
  for (const edge of graph.edges) {
    if (edge.kind !== 'allowed-by' && edge.kind !== 'denied-by') continue;
    const verdict = byId.get(edge.target)?.verdict;
    if (!verdict) continue;
    const set = verdicts.get(edge.source) ?? new Set<Verdict>();
    set.add(verdict);
    verdicts.set(edge.source, set);
  }
  const inRange = (node: GraphNode) => {
    if (!filters.timeRange) return true;
    const [from, to] = filters.timeRange;
    return node.events.some((id) => {
      const time = eventTime(id);
      return time !== null && time >= from && time <= to;
    });
  };
  const kept = new Set<string>();
  for (const node of graph.nodes) {
    if (STRUCTURAL.has(node.kind)) kept.add(node.id);
    if (node.kind !== 'tool-group') continue;
    if (filters.tool !== null && node.tool !== filters.tool) continue;
    if (!outcomeMatches(node, filters.outcome)) continue;
    if (filters.verdict !== null && !verdicts.get(node.id)?.has(filters.verdict)) continue;
    if (inRange(node)) kept.add(node.id);
  }
  for (const edge of graph.edges) {
    if (!kept.has(edge.source) || byId.get(edge.source)?.kind !== 'tool-group') continue;
    const target = byId.get(edge.target);
    if (!target || target.kind === 'tool-group' || STRUCTURAL.has(target.kind)) continue;
    if (target.kind === 'resource' && filters.resourceKind !== null && target.resourceKind !== filters.resourceKind) continue;
    kept.add(target.id);
  }
  if (filters.resourceKind !== null) {
    // A resource kind filter keeps only the call groups that touched such a resource.
    const touching = new Set(graph.edges.filter((edge) => edge.kind === 'accessed' && kept.has(edge.target)).map((edge) => edge.source));
    for (const node of graph.nodes) if (node.kind === 'tool-group' && kept.has(node.id) && !touching.has(node.id)) kept.delete(node.id);
    for (const node of graph.nodes) if (node.kind === 'decision' && kept.has(node.id) && !graph.edges.some((edge) => edge.target === node.id && kept.has(edge.source))) kept.delete(node.id);
  }
  return keepNodes(graph, kept);
}

/** Ids of the nodes whose label or tool contains `query`, ignoring case. */
export function searchGraph(graph: AuthorityGraph, query: string): Set<string> {
  const needle = query.trim().toLowerCase();
  const matches = new Set<string>();
  if (!needle) return matches;
  for (const node of graph.nodes) if (node.label.toLowerCase().includes(needle) || (node.tool ?? '').toLowerCase().includes(needle)) matches.add(node.id);
  return matches;
}

/** Hides what the search did not match, keeping the agents and the call groups that reach a matched node. */
export function onlyMatches(graph: AuthorityGraph, matches: ReadonlySet<string>): AuthorityGraph {
  const kept = new Set(matches);
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  for (const node of graph.nodes) if (STRUCTURAL.has(node.kind)) kept.add(node.id);
  for (const edge of graph.edges) if (matches.has(edge.target) && byId.get(edge.source)?.kind === 'tool-group') kept.add(edge.source);
  return keepNodes(graph, kept);
}
