// Force-directed layout with d3-force. It starts from the layered positions and pulls each node
// towards its layer's column, so the drawing still reads left to right from the principal.

import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3';
import { COLUMN_WIDTH, layeredLayout, type Layout, type LayoutInput, type Point } from './layout';

interface ForceNode extends SimulationNodeDatum {
  readonly id: string;
  readonly column: number;
}

/**
 * Number of ticks for `count` nodes. One tick costs about 28 ms at 5,000 nodes in Chromium on a
 * 2-core VM, so large graphs get fewer ticks and a layout finishes within a few seconds.
 */
export function forceTicks(count: number): number {
  return Math.max(30, Math.min(300, Math.round(300_000 / Math.max(1, count))));
}

export function forceLayout(graph: LayoutInput, ticks = forceTicks(graph.nodes.length)): Layout {
  const start = layeredLayout(graph);
  const nodes: ForceNode[] = graph.nodes.map((node) => {
    const at = start.positions.get(node.id)!;
    return { id: node.id, column: at.x, x: at.x, y: at.y };
  });
  const known = new Set(nodes.map((node) => node.id));
  const links = graph.edges.filter((edge) => known.has(edge.source) && known.has(edge.target)).map((edge) => ({ source: edge.source, target: edge.target }));
  const simulation = forceSimulation<ForceNode>(nodes)
    .force('link', forceLink<ForceNode, { source: string; target: string }>(links).id((node) => node.id).distance(COLUMN_WIDTH * 0.8).strength(0.3))
    .force('charge', forceManyBody<ForceNode>().strength(-400).theta(0.9).distanceMax(COLUMN_WIDTH * 4))
    .force('column', forceX<ForceNode>((node) => node.column).strength(0.4))
    .force('middle', forceY<ForceNode>(start.height / 2).strength(0.02))
    .force('collide', forceCollide<ForceNode>(60))
    .stop();
  simulation.tick(ticks);
  return normalise(nodes);
}

/** Moves the drawing so its top-left node sits at (0, 0), as the layered layout does. */
function normalise(nodes: readonly ForceNode[]): Layout {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of nodes) {
    minX = Math.min(minX, node.x!);
    minY = Math.min(minY, node.y!);
    maxX = Math.max(maxX, node.x!);
    maxY = Math.max(maxY, node.y!);
  }
  const positions = new Map<string, Point>();
  if (nodes.length === 0) return { positions, width: 0, height: 0 };
  for (const node of nodes) positions.set(node.id, { x: node.x! - minX, y: node.y! - minY });
  return { positions, width: maxX - minX, height: maxY - minY };
}
