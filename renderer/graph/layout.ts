// Layered left-to-right layout: each node sits in its graph layer's column, and nodes within a
// column are ordered by the mean position of their neighbours in earlier columns, which keeps
// edges short and crossings few for the tree-like shape of authority graphs.


export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Layout {
  readonly positions: ReadonlyMap<string, Point>;
  readonly width: number;
  readonly height: number;
}

/** The part of a graph a layout reads, small enough to post to the layout worker. */
export interface LayoutInput {
  readonly nodes: readonly LayoutNode[];
  readonly edges: readonly { readonly source: string; readonly target: string }[];
}

export interface LayoutNode {
  readonly id: string;
  readonly layer: number;
}

export const COLUMN_WIDTH = 250;
export const ROW_HEIGHT = 44;
/** A layer with more nodes than this wraps into several sub-columns, so the drawing stays wide rather than very tall. */
export const MAX_ROWS = 24;

export function layeredLayout(graph: LayoutInput): Layout {
  const columns = new Map<number, LayoutNode[]>();
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
  const placed: { node: LayoutNode; column: number; row: number; rows: number }[] = [];
  let column = 0;
  let tallest = 0;
  for (const layer of layers) {
    const nodes = columns.get(layer)!;
    const keyed = nodes.map((node, order) => ({ node, key: barycentre(node, incoming, rank) ?? order }));
    keyed.sort((a, b) => a.key - b.key);
    keyed.forEach(({ node }, row) => rank.set(node.id, row));
    const wraps = Math.ceil(keyed.length / MAX_ROWS);
    const rows = Math.ceil(keyed.length / wraps);
    tallest = Math.max(tallest, rows);
    keyed.forEach(({ node }, index) => placed.push({ node, column: column + Math.floor(index / rows), row: index % rows, rows: Math.min(rows, keyed.length - Math.floor(index / rows) * rows) }));
    column += wraps;
  }
  // Centre each sub-column vertically against the tallest one.
  for (const item of placed) {
    const offset = ((tallest - item.rows) * ROW_HEIGHT) / 2;
    positions.set(item.node.id, { x: item.column * COLUMN_WIDTH, y: item.row * ROW_HEIGHT + offset });
  }
  return { positions, width: column * COLUMN_WIDTH, height: Math.max(1, tallest) * ROW_HEIGHT };
}

function barycentre(node: LayoutNode, incoming: Map<string, string[]>, rank: Map<string, number>): number | null {
  const ranks = (incoming.get(node.id) ?? []).map((source) => rank.get(source)).filter((value): value is number => value !== undefined);
  if (ranks.length === 0) return null;
  return ranks.reduce((sum, value) => sum + value, 0) / ranks.length;
}
