// Collapses large fan-outs: when a node links to more than `limit` nodes of one kind, the most
// active `limit` stay and the rest hide behind one "+N more" node that expands on selection.
// Nodes reached only through hidden nodes hide with them.

import type { AuthorityGraph, GraphEdge, GraphNode, NodeKind } from '../../shared/graph/types';

/** Outgoing links of one kind from one node beyond which the rest collapse. */
export const FAN_OUT_LIMIT = 40;

export const MORE_PREFIX = 'more:';

/** A "+N more" node: `expands` names the node whose fan-out it stands for. */
export interface CollapsedNode extends GraphNode {
  readonly expands: string;
  readonly hidden: number;
}

export function isCollapsedNode(node: GraphNode): node is CollapsedNode {
  return node.id.startsWith(MORE_PREFIX) && 'expands' in node;
}

export function collapseFanOuts(graph: AuthorityGraph, expanded: ReadonlySet<string>, limit = FAN_OUT_LIMIT): AuthorityGraph {
  if (!Number.isFinite(limit)) return graph;
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const outgoing = new Map<string, Map<NodeKind, Set<GraphNode>>>();
  for (const edge of graph.edges) {
    const target = byId.get(edge.target);
    if (!target || edge.source === edge.target) continue;
    const kinds = outgoing.get(edge.source) ?? new Map<NodeKind, Set<GraphNode>>();
    const targets = kinds.get(target.kind) ?? new Set<GraphNode>();
    targets.add(target);
    kinds.set(target.kind, targets);
    outgoing.set(edge.source, kinds);
  }
  const cut = new Set<string>();
  const extra: CollapsedNode[] = [];
  const extraEdges: GraphEdge[] = [];
  for (const [source, kinds] of outgoing) {
    if (expanded.has(source)) continue;
    for (const [kind, targets] of kinds) {
      if (targets.size <= limit) continue;
      const ranked = [...targets].sort((a, b) => b.events.length - a.events.length);
      const hidden = ranked.slice(limit);
      for (const node of hidden) cut.add(`${source}\u0000${node.id}`);
      const id = `${MORE_PREFIX}${source}:${kind}`;
      extra.push({ id, kind, label: `+${hidden.length} more`, layer: hidden[0]!.layer, events: [], expands: source, hidden: hidden.length });
      extraEdges.push({ id: `collapsed:${source}->${id}`, kind: 'invoked', source, target: id, time: null, events: [] });
    }
  }
  if (extra.length === 0) return graph;
  const hidden = hiddenNodes(graph, cut);
  return {
    nodes: [...graph.nodes.filter((node) => !hidden.has(node.id)), ...extra],
    edges: [...graph.edges.filter((edge) => !hidden.has(edge.source) && !hidden.has(edge.target) && !cut.has(`${edge.source}\u0000${edge.target}`)), ...extraEdges],
  };
}

/** Nodes every incoming edge of which was cut or comes from a hidden node, repeated until nothing changes. */
function hiddenNodes(graph: AuthorityGraph, cut: ReadonlySet<string>): Set<string> {
  const incoming = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) {
    const list = incoming.get(edge.target) ?? [];
    list.push(edge);
    incoming.set(edge.target, list);
  }
  const hidden = new Set<string>();
  const ordered = [...graph.nodes].sort((a, b) => a.layer - b.layer);
  let changed = true;
  while (changed) {
    changed = false;
    for (const node of ordered) {
      if (hidden.has(node.id)) continue;
      const edges = incoming.get(node.id);
      if (!edges || edges.length === 0) continue;
      if (edges.every((edge) => hidden.has(edge.source) || cut.has(`${edge.source}\u0000${edge.target}`))) {
        hidden.add(node.id);
        changed = true;
      }
    }
  }
  return hidden;
}
