// Visual vocabulary of the authority graph: one shape per node kind, one colour per outcome and
// per access mode. The legend reads the same tables.

import type { AccessMode, Verdict } from '../../shared/model/events';
import type { EdgeKind, GraphEdge, GraphNode, NodeKind } from '../../shared/graph/types';
import { maskSecrets } from '../../shared/secrets/mask';
import { escapeForLabel } from '../../shared/text/escape';
import { COLUMN_WIDTH } from './layout';

export const VERDICT_COLOURS: Record<Verdict, string> = {
  approved: '#2e7d32',
  denied: '#c62828',
  'not-asked': '#ef8f00',
};

/** Outline of a call group with failed calls, and stroke of an edge whose every call failed. */
export const FAILED_COLOUR = '#e53935';

export const ACCESS_COLOURS: Record<AccessMode, string> = {
  read: '#1e88e5',
  write: '#f4511e',
  execute: '#8e24aa',
  network: '#00897b',
  delete: '#b71c1c',
  search: '#78909c',
};

export const NODE_FILL: Record<NodeKind, string> = {
  principal: '#263238',
  agent: '#3949ab',
  'sub-agent': '#5e35b1',
  'tool-group': '#eceff1',
  decision: '#ffffff',
  resource: '#fffde7',
  credential: '#fce4ec',
  'cloud-principal': '#e0f2f1',
};

export const EDGE_LABELS: Record<EdgeKind, string> = {
  started: 'started',
  delegated: 'delegated to',
  invoked: 'invoked',
  'allowed-by': 'allowed by',
  'denied-by': 'denied by',
  accessed: 'accessed',
  obtained: 'obtained',
  used: 'used',
  minted: 'minted',
  'acted-as': 'acted as',
  caused: 'caused',
};

export const NODE_LABELS: Record<NodeKind, string> = {
  principal: 'Principal (human)',
  agent: 'Agent',
  'sub-agent': 'Sub-agent',
  'tool-group': 'Tool calls (grouped)',
  decision: 'Decision',
  resource: 'Resource',
  credential: 'Credential',
  'cloud-principal': 'Cloud principal',
};

/** Text colour that reads on the node's fill. A decision's label sits beside its diamond, on the background, so it takes the theme's text colour instead. */
export function labelColour(kind: NodeKind): string {
  return kind === 'principal' || kind === 'agent' || kind === 'sub-agent' ? '#ffffff' : '#1a1a1a';
}

/** Returns whether a node's label is drawn beside its shape, on the drawing's background, rather than inside it. */
export function labelOutside(kind: NodeKind): boolean {
  return kind === 'decision';
}

export function strokeColour(node: GraphNode): string {
  if (node.kind === 'decision' && node.verdict) return VERDICT_COLOURS[node.verdict];
  if (node.kind === 'tool-group' && (node.denied ?? 0) > 0) return VERDICT_COLOURS.denied;
  if (node.kind === 'tool-group' && (node.failed ?? 0) > 0) return FAILED_COLOUR;
  return '#546e7a';
}

/** The full label as drawn and exported: control characters escaped, secrets masked. */
export function maskedLabel(text: string): string {
  return maskSecrets(escapeForLabel(text));
}

/** Cuts `text` to `max` characters by replacing its middle with an ellipsis, so both its start and its end stay. */
export function elideMiddle(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const tail = Math.floor((max - 1) / 2);
  const head = max - 1 - tail;
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
}

/**
 * A short label for drawing; the full text stays in the tooltip and the inspector. Secrets are
 * masked before shortening, so a cut cannot expose part of one. Resources other than files keep
 * their end, because ARNs and URLs that share a prefix differ there.
 */
export function shortLabel(node: GraphNode, max = 34): string {
  let text = maskedLabel(node.label);
  if (node.kind === 'resource' && (node.resourceKind === 'file' || node.resourceKind === 'folder')) {
    text = text.replace(/\/+$/, '').split('/').pop() || text;
  } else if (node.kind === 'resource') {
    return elideMiddle(text, max);
  }
  if (node.kind === 'tool-group' && node.tool && text.startsWith(node.tool)) {
    const target = text.slice(node.tool.length + 1);
    const short = target.includes('/') ? target.split('/').pop() ?? target : target;
    text = short ? `${node.tool} ${short}` : node.tool;
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The text drawn in or beside a node: its short label and, for groups, the call count. */
export function nodeText(node: GraphNode): string {
  if (node.kind === 'decision') return shortLabel(node, DECISION_LABEL_CHARS);
  return node.count && node.count > 1 ? `${shortLabel(node, 28)} ×${node.count}` : shortLabel(node);
}

/** Returns whether every call an edge represents failed, so that it is drawn in the failure style. */
export function edgeFailed(edge: GraphEdge): boolean {
  return (edge.failed ?? 0) > 0 && edge.failed === edge.events.length;
}

export function edgeColour(edge: GraphEdge): string {
  if (edgeFailed(edge)) return FAILED_COLOUR;
  if (edge.kind === 'accessed' && edge.access) return ACCESS_COLOURS[edge.access];
  if (edge.kind === 'denied-by') return '#c62828';
  if (edge.kind === 'delegated') return '#5e35b1';
  return '#90a4ae';
}

/** Dash pattern of an edge, as SVG's stroke-dasharray: delegations and failed calls are dashed. */
export function edgeDash(edge: GraphEdge): string | null {
  if (edge.kind === 'delegated') return '8 4';
  return edgeFailed(edge) ? '4 3' : null;
}

export function edgeWidth(edge: GraphEdge): number {
  return edge.kind === 'delegated' || edge.kind === 'started' ? 3 : 1.4;
}

export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 30;
/** Half the width of a decision's diamond, whose height is NODE_HEIGHT. */
export const DIAMOND_HALF_WIDTH = 24;
/**
 * Centre of a decision's diamond, relative to the node's position. The diamond sits at the left
 * end of the node's box, where edges into the node end, so an arrow reaches its left corner.
 */
export const DIAMOND_X = -NODE_WIDTH / 2 + DIAMOND_HALF_WIDTH;
/** SVG path of a decision's diamond, centred on the origin. */
export function diamondPath(): string {
  const h = NODE_HEIGHT / 2;
  return `M0,${-h} L${DIAMOND_HALF_WIDTH},0 L0,${h} L${-DIAMOND_HALF_WIDTH},0 Z`;
}
/** Start of a decision's label, relative to the node's position: right of the diamond. */
export const DECISION_LABEL_X = DIAMOND_X + DIAMOND_HALF_WIDTH + 6;
/** Width a decision's label may take: up to 8 pixels before the next layer's nodes. */
export const DECISION_LABEL_WIDTH = COLUMN_WIDTH - NODE_WIDTH / 2 - 8 - DECISION_LABEL_X;
/** Characters of a decision's label that fit DECISION_LABEL_WIDTH at 11 px (about 6 px each). */
const DECISION_LABEL_CHARS = 30;
/** Outline of the selected node and of a highlighted custody chain. */
export const ACCENT = '#ff6f00';
/** Outline of a search match. */
export const MATCH = '#00b8d4';
/** Opacity of what the time scrubber marks as not yet live. */
export const DIMMED_OPACITY = 0.12;
/** Opacity of the nodes and edges off a highlighted chain. styles.css repeats the value for the SVG renderer. */
export const CHAIN_CONTEXT_OPACITY = 0.35;
