// Finds the part of the authority graph that an analyst's chain covers. The workspace passes
// these ids to the graph view, which highlights them in both renderers, and the case report
// marks them in its image of the chain's graph.

import type { AuthorityGraph } from '../../shared/graph/types';

/** Node and edge ids whose evidence includes an event of the chain. */
export function chainGraphIds(graph: AuthorityGraph, events: readonly string[]): { nodes: Set<string>; edges: Set<string> } {
  const wanted = new Set(events);
  const nodes = new Set(graph.nodes.filter((node) => node.events.some((id) => wanted.has(id))).map((node) => node.id));
  const edges = new Set(graph.edges.filter((edge) => edge.events.some((id) => wanted.has(id)) || (nodes.has(edge.source) && nodes.has(edge.target))).map((edge) => edge.id));
  return { nodes, edges };
}
