// Paints the graph on a 2D canvas: the canvas renderer draws every frame with it, and the PNG
// export paints the whole drawing with it once. Edges are batched into one path per colour and
// nodes into one path per fill, because a canvas call per element costs more than the drawing.

import type { AuthorityGraph, GraphEdge, GraphNode } from '../../shared/graph/types';
import type { Layout } from './layout';
import { ACCENT, CHAIN_CONTEXT_OPACITY, DECISION_LABEL_WIDTH, DECISION_LABEL_X, DIAMOND_HALF_WIDTH, DIAMOND_X, DIMMED_OPACITY, MATCH, NODE_FILL, NODE_HEIGHT, NODE_WIDTH, edgeColour, edgeDash, edgeWidth, labelColour, labelOutside, nodeText, strokeColour } from './style';
import { inFocus, showsChain, type Emphasis } from './view';

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
  /** Dash pattern as SVG writes it, or null for a solid line. */
  readonly dash: string | null;
}

export interface Scene {
  readonly nodes: readonly SceneNode[];
  readonly edges: readonly SceneEdge[];
  readonly width: number;
  readonly height: number;
}

/** The theme colours a painting takes: the background and the text of labels drawn on it. */
export interface Palette {
  readonly background: string;
  readonly text: string;
}

/** The light theme's colours, which exported images always use. */
export const EXPORT_PALETTE: Palette = { background: '#ffffff', text: '#1a1d21' };

export interface Transform {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

/** Below this zoom the labels are too small to read, so they are not drawn. */
export const LABEL_MIN_SCALE = 0.45;
/**
 * Below this zoom a node is a few pixels wide, so edges are drawn straight and nodes without
 * outlines. Rasterizing curves and outlines, not the script, set the frame time at 5,000 nodes.
 */
const COARSE_SCALE = 0.3;
const EDGES_PER_PATH = 256;
/** Minimum on-screen width, in CSS pixels, of a highlighted chain's strokes. */
const CHAIN_MIN_PIXELS = 2;

export function buildScene(graph: AuthorityGraph, layout: Layout): Scene {
  const pos = (id: string) => layout.positions.get(id) ?? { x: 0, y: 0 };
  const nodes = graph.nodes.map((node) => {
    const at = pos(node.id);
    return { node, x: at.x, y: at.y, fill: NODE_FILL[node.kind], stroke: strokeColour(node), text: nodeText(node) };
  });
  const edges = graph.edges.map((edge) => {
    const a = pos(edge.source);
    const b = pos(edge.target);
    return { edge, x1: a.x + NODE_WIDTH / 2, y1: a.y, x2: b.x - NODE_WIDTH / 2, y2: b.y, colour: edgeColour(edge), width: edgeWidth(edge), dash: edgeDash(edge) };
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
      const cx = item.x + DIAMOND_X;
      ctx.moveTo(cx, item.y - h);
      ctx.lineTo(cx + DIAMOND_HALF_WIDTH, item.y);
      ctx.lineTo(cx, item.y + h);
      ctx.lineTo(cx - DIAMOND_HALF_WIDTH, item.y);
      ctx.closePath();
    } else ctx.rect(item.x - NODE_WIDTH / 2, item.y - NODE_HEIGHT / 2, NODE_WIDTH, NODE_HEIGHT);
  }
}

function coarseColour(item: SceneNode): string {
  const kind = item.node.kind;
  return kind === 'principal' || kind === 'agent' || kind === 'sub-agent' ? item.fill : item.stroke;
}

/** Sorts items into opacity layers, faintest first. Returns one full-strength layer when nothing is dimmed. */
function layers<T>(items: readonly T[], emphasis: Emphasis, id: (item: T) => string): [number, readonly T[]][] {
  const chain = showsChain(emphasis);
  if (emphasis.dimmed.size === 0 && !chain) return [[1, items]];
  const faint: T[] = [];
  const context: T[] = [];
  const full: T[] = [];
  for (const item of items) {
    const key = id(item);
    if (emphasis.dimmed.has(key)) faint.push(item);
    else if (chain && !inFocus(emphasis, key)) context.push(item);
    else full.push(item);
  }
  return [
    [DIMMED_OPACITY, faint],
    [CHAIN_CONTEXT_OPACITY, context],
    [1, full],
  ];
}

/** Paints `scene` under `transform` into a `width` × `height` area in CSS pixels, on the palette's background. */
export function paintScene(ctx: CanvasRenderingContext2D, scene: Scene, transform: Transform, width: number, height: number, emphasis: Emphasis, palette: Palette = EXPORT_PALETTE): void {
  ctx.save();
  ctx.fillStyle = palette.background;
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
  const nodeLayers = layers(nodes, emphasis, (item) => item.node.id);
  const edgeLayers = layers(edges, emphasis, (edge) => edge.edge.id);

  for (const [index, [alpha, layerEdges]] of edgeLayers.entries()) {
    const layerNodes = nodeLayers[index]![1];
    if (layerEdges.length === 0 && layerNodes.length === 0) continue;
    ctx.globalAlpha = alpha;
    paintEdges(ctx, layerEdges, coarse);
    paintNodes(ctx, layerNodes, coarse);
    if (transform.k >= LABEL_MIN_SCALE) paintLabels(ctx, layerNodes, palette);
  }
  ctx.globalAlpha = 1;
  outline(ctx, edges, nodes, emphasis, transform.k, coarse);
  ctx.restore();
}

function paintEdges(ctx: CanvasRenderingContext2D, edges: readonly SceneEdge[], coarse: boolean): void {
  for (const [key, list] of group(edges, (edge) => `${edge.colour}|${edge.width}|${edge.dash ?? ''}`)) {
    const [colour, lineWidth, dash] = key.split('|');
    ctx.strokeStyle = colour!;
    ctx.lineWidth = Number(lineWidth);
    ctx.setLineDash(dash ? dash.split(' ').map(Number) : []);
    // Paths of a few hundred segments rasterize faster than one path with thousands.
    for (let start = 0; start < list.length; start += EDGES_PER_PATH) {
      edgePath(ctx, list.slice(start, start + EDGES_PER_PATH), coarse);
      ctx.stroke();
    }
  }
  ctx.setLineDash([]);
}

function paintNodes(ctx: CanvasRenderingContext2D, nodes: readonly SceneNode[], coarse: boolean): void {
  if (coarse) {
    // Pale fills vanish on white without outlines, so coarse nodes take their outline colour
    // unless their fill is dark, and are drawn with fillRect, the rasterizer's fast path.
    for (const [colour, list] of group(nodes, coarseColour)) {
      ctx.fillStyle = colour;
      for (const item of list) ctx.fillRect(item.x - NODE_WIDTH / 2, item.y - NODE_HEIGHT / 2, NODE_WIDTH, NODE_HEIGHT);
    }
    return;
  }
  for (const [fill, list] of group(nodes, (item) => item.fill)) {
    ctx.fillStyle = fill;
    nodePath(ctx, list);
    ctx.fill();
  }
  ctx.lineWidth = 1.2;
  for (const [stroke, list] of group(nodes, (item) => item.stroke)) {
    ctx.strokeStyle = stroke;
    nodePath(ctx, list);
    ctx.stroke();
  }
}

function paintLabels(ctx: CanvasRenderingContext2D, nodes: readonly SceneNode[], palette: Palette): void {
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  for (const item of nodes) {
    if (labelOutside(item.node.kind)) {
      ctx.fillStyle = palette.text;
      ctx.textAlign = 'left';
      ctx.fillText(item.text, item.x + DECISION_LABEL_X, item.y, DECISION_LABEL_WIDTH);
    } else {
      ctx.fillStyle = labelColour(item.node.kind);
      ctx.textAlign = 'center';
      ctx.fillText(item.text, item.x, item.y, NODE_WIDTH - 8);
    }
  }
}

/**
 * Outlines the custody chain, the analyst's chain, search matches and the selected node on top
 * of everything else, in the colours the SVG renderer's stylesheet gives them. A chain's strokes
 * stay at least CHAIN_MIN_PIXELS wide on screen, so a chain remains visible when zoomed far out.
 */
function outline(ctx: CanvasRenderingContext2D, edges: readonly SceneEdge[], nodes: readonly SceneNode[], emphasis: Emphasis, scale: number, coarse: boolean): void {
  const chains: [ReadonlySet<string>, number][] = [
    [emphasis.chain, 3],
    [emphasis.analystChain, 4],
  ];
  for (const [ids, width] of chains) {
    if (ids.size === 0) continue;
    ctx.strokeStyle = ACCENT;
    ctx.lineWidth = Math.max(width, CHAIN_MIN_PIXELS / scale);
    edgePath(ctx, edges.filter((edge) => ids.has(edge.edge.id)), coarse);
    ctx.stroke();
    nodePath(ctx, nodes.filter((item) => ids.has(item.node.id)));
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
