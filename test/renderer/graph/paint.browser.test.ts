import { describe, expect, it } from 'vitest';
import type { AuthorityGraph } from '../../../shared/graph/types';
import type { EventId } from '../../../shared/model/ids';
import { layeredLayout } from '../../../renderer/graph/layout';
import { buildScene, paintScene } from '../../../renderer/graph/paint';
import { NO_EMPHASIS, type Emphasis } from '../../../renderer/graph/view';

const eventId = (id: string) => id as EventId;

/** Builds a principal, an agent and 40 tool groups, so the drawing is wide enough to zoom far out. */
function fanOut(): AuthorityGraph {
  const tools = Array.from({ length: 40 }, (_, index) => index);
  return {
    nodes: [
      { id: 'principal', kind: 'principal', label: 'user', layer: 0, events: [eventId('e1')] },
      { id: 'agent', kind: 'agent', label: 'main agent', layer: 1, events: [eventId('e1')] },
      ...tools.map((index) => ({ id: `tools:${index}`, kind: 'tool-group' as const, label: `Read f${index}.ts`, layer: 2, events: [eventId(`c${index}`)], tool: 'Read', count: 1 })),
    ],
    edges: [
      { id: 'started', kind: 'started', source: 'principal', target: 'agent', time: null, events: [eventId('e1')] },
      ...tools.map((index) => ({ id: `edge:${index}`, kind: 'invoked' as const, source: 'agent', target: `tools:${index}`, time: null, events: [eventId(`c${index}`)] })),
    ],
  };
}

/** Paints the graph at 0.05 zoom into a 200 × 100 canvas and counts pixels of the accent colour #ff6f00. */
function accentPixels(emphasis: Emphasis): number {
  const graph = fanOut();
  const canvas = document.createElement('canvas');
  canvas.width = 200;
  canvas.height = 100;
  const ctx = canvas.getContext('2d')!;
  paintScene(ctx, buildScene(graph, layeredLayout(graph)), { x: 20, y: 5, k: 0.05 }, 200, 100, emphasis);
  const data = ctx.getImageData(0, 0, 200, 100).data;
  let count = 0;
  for (let at = 0; at < data.length; at += 4) if (data[at] === 0xff && data[at + 1] === 0x6f && data[at + 2] === 0x00) count += 1;
  return count;
}

describe('paintScene', () => {
  it('keeps a chain visible far zoomed out', () => {
    expect(accentPixels(NO_EMPHASIS)).toBe(0);
    expect(accentPixels({ ...NO_EMPHASIS, chain: new Set(['principal', 'started', 'agent']) })).toBeGreaterThan(20);
    expect(accentPixels({ ...NO_EMPHASIS, analystChain: new Set(['agent', 'edge:3', 'tools:3']) })).toBeGreaterThan(20);
  });
});
