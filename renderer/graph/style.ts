// Visual vocabulary of the authority graph: one shape per node kind, one colour per outcome and
// per access mode. The legend reads the same tables.

import type { AccessMode, Verdict } from '../../shared/model/events';
import type { EdgeKind, GraphNode, NodeKind } from '../../shared/graph/types';
import { escapeForLabel } from '../../shared/text/escape';

export const VERDICT_COLOURS: Record<Verdict, string> = {
  approved: '#2e7d32',
  denied: '#c62828',
  'not-asked': '#ef8f00',
};

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

/** Text colour that reads on the node's fill. */
export function labelColour(kind: NodeKind): string {
  return kind === 'principal' || kind === 'agent' || kind === 'sub-agent' ? '#ffffff' : '#1a1a1a';
}

export function strokeColour(node: GraphNode): string {
  if (node.kind === 'decision' && node.verdict) return VERDICT_COLOURS[node.verdict];
  if (node.kind === 'tool-group' && (node.denied ?? 0) > 0) return VERDICT_COLOURS.denied;
  if (node.kind === 'tool-group' && (node.failed ?? 0) > 0) return '#e53935';
  return '#546e7a';
}

/** A short label for drawing; the full text stays in the tooltip and the inspector. */
export function shortLabel(node: GraphNode, max = 34): string {
  let text = node.label;
  if (node.kind === 'resource' && (node.resourceKind === 'file' || node.resourceKind === 'folder')) {
    text = text.replace(/\/+$/, '').split('/').pop() || text;
  }
  if (node.kind === 'tool-group' && node.tool) {
    const target = text.slice(node.tool.length + 1);
    const short = target.includes('/') ? target.split('/').pop() ?? target : target;
    text = short ? `${node.tool} ${short}` : node.tool;
  }
  const visible = escapeForLabel(text);
  return visible.length > max ? `${visible.slice(0, max - 1)}…` : visible;
}
