// Layered left-to-right layout: each node sits in its graph layer's column, and nodes within a
// column are ordered by the mean position of their neighbours in earlier columns, which keeps
// edges short and crossings few for the tree-like shape of authority graphs.

import type { AuthorityGraph, GraphNode } from '../../shared/graph/types';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Layout {
  readonly positions: ReadonlyMap<string, Point>;
  readonly width: number;
  readonly height: number;
}

export const COLUMN_WIDTH = 300;
export const ROW_HEIGHT = 44;

export function layeredLayout(graph: AuthorityGraph): Layout {
  const columns = new Map<number, GraphNode[]>();
  for (const node of graph.nodes) {
    const column = columns.get(node.layer) ?? [];
    column.push(node);
    columns.set(node.layer, column);
  }
  const incoming = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const list = incoming.get(edge.target) ?? [];
    list.push(edge.source);
    incoming.set(edge.target, list);
  }
  const rank = new Map<string, number>();
  const positions = new Map<string, Point>();
  const layers = [...columns.keys()].sort((a, b) => a - b);
  let tallest = 0;
  for (const [index, layer] of layers.entries()) {
    const column = columns.get(layer)!;
    const keyed = column.map((node, order) => ({ node, key: barycentre(node, incoming, rank) ?? order }));
    keyed.sort((a, b) => a.key - b.key);
    keyed.forEach(({ node }, row) => rank.set(node.id, row));
    tallest = Math.max(tallest, keyed.length);
    keyed.forEach(({ node }, row) => positions.set(node.id, { x: index * COLUMN_WIDTH, y: row * ROW_HEIGHT }));
  }
  // Centre each column vertically against the tallest one.
  for (const layer of layers) {
    const column = columns.get(layer)!;
    const offset = ((tallest - column.length) * ROW_HEIGHT) / 2;
    for (const node of column) {
      const point = positions.get(node.id)!;
      positions.set(node.id, { x: point.x, y: point.y + offset });
    }
  }
  return { positions, width: layers.length * COLUMN_WIDTH, height: Math.max(1, tallest) * ROW_HEIGHT };
}

function barycentre(node: GraphNode, incoming: Map<string, string[]>, rank: Map<string, number>): number | null {
  const ranks = (incoming.get(node.id) ?? []).map((source) => rank.get(source)).filter((value): value is number => value !== undefined);
  if (ranks.length === 0) return null;
  return ranks.reduce((sum, value) => sum + value, 0) / ranks.length;
}
