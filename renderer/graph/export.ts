// Exports the current view of the graph as a standalone SVG file or a PNG image. Both are built
// from the view's graph and layout, not copied from the screen, so they hold the whole drawing.
// Labels pass through maskSecrets, and the SVG escapes every text as XML.

import type { AuthorityGraph, GraphEdge, GraphNode } from '../../shared/graph/types';
import { drawingBounds } from './fit';
import type { Layout } from './layout';
import { buildScene, EXPORT_PALETTE, paintScene } from './paint';
import { edgeTitle } from './render';
import { DECISION_LABEL_X, DIAMOND_X, NODE_FILL, NODE_HEIGHT, NODE_WIDTH, diamondPath, edgeColour, edgeDash, edgeWidth, labelColour, labelOutside, maskedLabel, nodeText, strokeColour } from './style';
import { NO_EMPHASIS, type Emphasis } from './view';

const MARGIN = 20;
/** Chromium refuses canvases beyond 16,384 pixels a side or about 268 million pixels in all. */
const MAX_PNG_SIDE = 16_000;
const MAX_PNG_PIXELS = 100_000_000;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Returns the image size and the offset of the layout's origin in it: the drawing's bounding box and a margin around it. */
function frame(graph: AuthorityGraph, layout: Layout) {
  const bounds = drawingBounds(graph.nodes, layout);
  return { dx: MARGIN - bounds.left, dy: MARGIN - bounds.top, width: bounds.right - bounds.left + 2 * MARGIN, height: bounds.bottom - bounds.top + 2 * MARGIN };
}

function edgeMarkup(edge: GraphEdge, layout: Layout, dimmed: boolean): string {
  const a = layout.positions.get(edge.source) ?? { x: 0, y: 0 };
  const b = layout.positions.get(edge.target) ?? { x: 0, y: 0 };
  const x1 = a.x + NODE_WIDTH / 2;
  const x2 = b.x - NODE_WIDTH / 2;
  const mid = (x1 + x2) / 2;
  const pattern = edgeDash(edge);
  const dash = pattern ? ` stroke-dasharray="${pattern}"` : '';
  const width = edgeWidth(edge);
  const opacity = dimmed ? ' opacity="0.12"' : '';
  return `<path class="edge edge-${edge.kind}" d="M${x1},${a.y} C${mid},${a.y} ${mid},${b.y} ${x2},${b.y}" fill="none" stroke="${edgeColour(edge)}" stroke-width="${width}"${dash}${opacity}><title>${escapeXml(edgeTitle(edge))}</title></path>`;
}

function nodeMarkup(node: GraphNode, layout: Layout, dimmed: boolean): string {
  const at = layout.positions.get(node.id) ?? { x: 0, y: 0 };
  const fill = NODE_FILL[node.kind];
  const stroke = strokeColour(node);
  const h = NODE_HEIGHT / 2;
  const shape =
    node.kind === 'decision'
      ? `<path d="${diamondPath()}" transform="translate(${DIAMOND_X},0)" fill="${fill}" stroke="${stroke}" stroke-width="3"/>`
      : `<rect x="${-NODE_WIDTH / 2}" y="${-h}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="${node.kind === 'principal' ? h : 6}" fill="${fill}" stroke="${stroke}" stroke-width="1.2"/>`;
  const opacity = dimmed ? ' opacity="0.12"' : '';
  const label = escapeXml(maskedLabel(node.label));
  // Exports always have the light background, so a label beside its shape takes the light theme's text colour.
  const text = labelOutside(node.kind)
    ? `<text x="${DECISION_LABEL_X}" text-anchor="start" dy="0.35em" font-size="11" fill="${EXPORT_PALETTE.text}">`
    : `<text text-anchor="middle" dy="0.35em" font-size="11" fill="${labelColour(node.kind)}">`;
  return `<g class="node node-${node.kind}" transform="translate(${at.x},${at.y})"${opacity}><title>${label}</title>${shape}${text}${escapeXml(nodeText(node))}</text></g>`;
}

export function graphToSvg(graph: AuthorityGraph, layout: Layout, emphasis: Emphasis = NO_EMPHASIS): string {
  const { dx, dy, width, height } = frame(graph, layout);
  const parts = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">`,
    `<title>Authority graph</title>`,
    `<rect width="100%" height="100%" fill="${EXPORT_PALETTE.background}"/>`,
    `<g transform="translate(${dx},${dy})">`,
  ];
  for (const edge of graph.edges) parts.push(edgeMarkup(edge, layout, emphasis.dimmed.has(edge.id)));
  for (const node of graph.nodes) parts.push(nodeMarkup(node, layout, emphasis.dimmed.has(node.id)));
  parts.push('</g></svg>');
  return parts.join('\n');
}

export async function graphToPng(graph: AuthorityGraph, layout: Layout, emphasis: Emphasis = NO_EMPHASIS): Promise<Blob> {
  const { dx, dy, width, height } = frame(graph, layout);
  const scale = Math.min(2, MAX_PNG_SIDE / width, MAX_PNG_SIDE / height, Math.sqrt(MAX_PNG_PIXELS / (width * height)));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.floor(width * scale));
  canvas.height = Math.max(1, Math.floor(height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('PNG export failed: the browser gave no 2D canvas context.');
  ctx.scale(scale, scale);
  paintScene(ctx, buildScene(graph, layout), { x: dx, y: dy, k: 1 }, width, height, { ...emphasis, selected: null, chain: new Set(), analystChain: new Set(), matched: new Set() }, EXPORT_PALETTE);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG export failed: the canvas could not be encoded.'))), 'image/png'));
}

/** Saves a blob through a temporary link, which the browser and Electron both treat as a download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
