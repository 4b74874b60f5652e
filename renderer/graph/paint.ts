// Paints the graph on a 2D canvas: the canvas renderer draws every frame with it, and the PNG
// export paints the whole drawing with it once. Edges are batched into one path per colour and
// nodes into one path per fill, because a canvas call per element costs more than the drawing.

import type { AuthorityGraph, GraphEdge, GraphNode } from '../../shared/graph/types';
import type { Layout } from './layout';
import { ACCENT, DIMMED_OPACITY, MATCH, NODE_FILL, NODE_HEIGHT, NODE_WIDTH, edgeColour, labelColour, nodeText, strokeColour } from './style';
import type { Emphasis } from './view';

export interface SceneNode {
  readonly node: GraphNode;
  readonly x: number;
  readonly y: number;
  readonly fill: string;
  readonly stroke: string;
  readonly text: string;
}

export interface SceneEdge {
  readonly edge: GraphEdge;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly colour: string;
  readonly width: number;
}

export interface Scene {
  readonly nodes: readonly SceneNode[];
  readonly edges: readonly SceneEdge[];
  readonly width: number;
  readonly height: number;
}

export interface Transform {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

/** Below this zoom the labels are too small to read, so they are not drawn. */
const LABEL_MIN_SCALE = 0.45;
/**
 * Below this zoom a node is a few pixels wide, so edges are drawn straight and nodes without
 * outlines. Rasterizing curves and outlines, not the script, set the frame time at 5,000 nodes.
 */
const COARSE_SCALE = 0.3;
const EDGES_PER_PATH = 256;

export function buildScene(graph: AuthorityGraph, layout: Layout): Scene {
  const pos = (id: string) => layout.positions.get(id) ?? { x: 0, y: 0 };
  const nodes = graph.nodes.map((node) => {
    const at = pos(node.id);
    return { node, x: at.x, y: at.y, fill: NODE_FILL[node.kind], stroke: strokeColour(node), text: nodeText(node) };
  });
  const edges = graph.edges.map((edge) => {
    const a = pos(edge.source);
    const b = pos(edge.target);
    return { edge, x1: a.x + NODE_WIDTH / 2, y1: a.y, x2: b.x - NODE_WIDTH / 2, y2: b.y, colour: edgeColour(edge), width: edge.kind === 'delegated' || edge.kind === 'started' ? 3 : 1.4 };
  });
  return { nodes, edges, width: layout.width, height: layout.height };
}

function group<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const list = groups.get(name);
    if (list) list.push(item);
    else groups.set(name, [item]);
  }
  return groups;
}

function edgePath(ctx: CanvasRenderingContext2D, edges: readonly SceneEdge[], coarse = false): void {
  ctx.beginPath();
  if (coarse) {
    for (const edge of edges) {
      ctx.moveTo(edge.x1, edge.y1);
      ctx.lineTo(edge.x2, edge.y2);
    }
    return;
  }
  for (const edge of edges) {
    const mid = (edge.x1 + edge.x2) / 2;
    ctx.moveTo(edge.x1, edge.y1);
    ctx.bezierCurveTo(mid, edge.y1, mid, edge.y2, edge.x2, edge.y2);
  }
}

function nodePath(ctx: CanvasRenderingContext2D, nodes: readonly SceneNode[]): void {
  ctx.beginPath();
  for (const item of nodes) {
    if (item.node.kind === 'decision') {
      const h = NODE_HEIGHT / 2;
      const cx = item.x + NODE_WIDTH / 2 - 40;
      ctx.moveTo(cx, item.y - h);
      ctx.lineTo(cx + h * 1.6, item.y);
      ctx.lineTo(cx, item.y + h);
      ctx.lineTo(cx - h * 1.6, item.y);
      ctx.closePath();
    } else ctx.rect(item.x - NODE_WIDTH / 2, item.y - NODE_HEIGHT / 2, NODE_WIDTH, NODE_HEIGHT);
  }
}

function coarseColour(item: SceneNode): string {
  const kind = item.node.kind;
  return kind === 'principal' || kind === 'agent' || kind === 'sub-agent' ? item.fill : item.stroke;
}

/** Paints `scene` under `transform` into a `width` × `height` area in CSS pixels. */
export function paintScene(ctx: CanvasRenderingContext2D, scene: Scene, transform: Transform, width: number, height: number, emphasis: Emphasis): void {
  ctx.save();
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.translate(transform.x, transform.y);
  ctx.scale(transform.k, transform.k);
  // Only what falls inside the visible area is painted.
  const left = -transform.x / transform.k - NODE_WIDTH;
  const top = -transform.y / transform.k - NODE_HEIGHT;
  const right = (width - transform.x) / transform.k + NODE_WIDTH;
  const bottom = (height - transform.y) / transform.k + NODE_HEIGHT;
  const nodes = scene.nodes.filter((item) => item.x >= left && item.x <= right && item.y >= top && item.y <= bottom);
  const edges = scene.edges.filter((edge) => Math.max(edge.x1, edge.x2) >= left && Math.min(edge.x1, edge.x2) <= right && Math.max(edge.y1, edge.y2) >= top && Math.min(edge.y1, edge.y2) <= bottom);
  const coarse = transform.k < COARSE_SCALE;

  for (const dimmed of emphasis.dimmed.size > 0 ? [true, false] : [false]) {
    ctx.globalAlpha = dimmed ? DIMMED_OPACITY : 1;
    const layerEdges = edges.filter((edge) => emphasis.dimmed.has(edge.edge.id) === dimmed);
    for (const [key, list] of group(layerEdges, (edge) => `${edge.colour}|${edge.width}|${edge.edge.kind === 'delegated'}`)) {
      const [colour, lineWidth, dashed] = key.split('|');
      ctx.strokeStyle = colour!;
      ctx.lineWidth = Number(lineWidth);
      ctx.setLineDash(dashed === 'true' ? [8, 4] : []);
      // Paths of a few hundred segments rasterize faster than one path with thousands.
      for (let start = 0; start < list.length; start += EDGES_PER_PATH) {
        edgePath(ctx, list.slice(start, start + EDGES_PER_PATH), coarse);
        ctx.stroke();
      }
    }
    ctx.setLineDash([]);

    const layerNodes = nodes.filter((item) => emphasis.dimmed.has(item.node.id) === dimmed);
    if (coarse) {
      // Pale fills vanish on white without outlines, so coarse nodes take their outline colour
      // unless their fill is dark, and are drawn with fillRect, the rasterizer's fast path.
      for (const [colour, list] of group(layerNodes, coarseColour)) {
        ctx.fillStyle = colour;
        for (const item of list) ctx.fillRect(item.x - NODE_WIDTH / 2, item.y - NODE_HEIGHT / 2, NODE_WIDTH, NODE_HEIGHT);
      }
    } else {
      for (const [fill, list] of group(layerNodes, (item) => item.fill)) {
        ctx.fillStyle = fill;
        nodePath(ctx, list);
        ctx.fill();
      }
      ctx.lineWidth = 1.2;
      for (const [stroke, list] of group(layerNodes, (item) => item.stroke)) {
        ctx.strokeStyle = stroke;
        nodePath(ctx, list);
        ctx.stroke();
      }
    }

    if (transform.k >= LABEL_MIN_SCALE) {
      ctx.font = '11px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      for (const item of layerNodes) {
        ctx.fillStyle = labelColour(item.node.kind);
        ctx.fillText(item.text, item.x, item.y, NODE_WIDTH - 8);
      }
    }
  }
  ctx.globalAlpha = 1;
  outline(ctx, edges, nodes, emphasis);
  ctx.restore();
}

/** Outlines search matches, the custody chain and the selected node on top of everything else. */
function outline(ctx: CanvasRenderingContext2D, edges: readonly SceneEdge[], nodes: readonly SceneNode[], emphasis: Emphasis): void {
  if (emphasis.chain.size > 0) {
    ctx.strokeStyle = ACCENT;
    ctx.lineWidth = 3;
    edgePath(ctx, edges.filter((edge) => emphasis.chain.has(edge.edge.id)));
    ctx.stroke();
    nodePath(ctx, nodes.filter((item) => emphasis.chain.has(item.node.id)));
    ctx.stroke();
  }
  if (emphasis.matched.size > 0) {
    ctx.strokeStyle = MATCH;
    ctx.lineWidth = 4;
    nodePath(ctx, nodes.filter((item) => emphasis.matched.has(item.node.id)));
    ctx.stroke();
  }
  const selected = nodes.filter((item) => item.node.id === emphasis.selected);
  if (selected.length > 0) {
    ctx.strokeStyle = ACCENT;
    ctx.lineWidth = 5;
    nodePath(ctx, selected);
    ctx.stroke();
  }
}
