import { afterEach, describe, expect, it } from 'vitest';
import type { AuthorityGraph } from '../../../shared/graph/types';
import type { EventId } from '../../../shared/model/ids';
import { graphToPng, graphToSvg } from '../../../renderer/graph/export';
import { layeredLayout, type Layout } from '../../../renderer/graph/layout';
import { buildScene, paintScene } from '../../../renderer/graph/paint';
import { createGraphView } from '../../../renderer/graph/render';
import { FAILED_COLOUR, NODE_WIDTH } from '../../../renderer/graph/style';
import { NO_EMPHASIS } from '../../../renderer/graph/view';
import { mountGraph, type MountedGraph } from './mount';
import '../../../renderer/styles.css';

const eventId = (id: string) => id as EventId;
// A cloud principal whose two calls of one operation were both denied, and a second operation that succeeded.
const GRAPH: AuthorityGraph = {
  nodes: [
    { id: 'cloud-principal:p', kind: 'cloud-principal', label: 'AssumedRole p', layer: 0, events: [] },
    { id: 'cloud:denied', kind: 'tool-group', label: 'ec2:DescribeInstanceAttribute', layer: 1, events: [eventId('e1'), eventId('e2')], tool: 'ec2:DescribeInstanceAttribute', count: 2, failed: 2, denied: 0 },
    { id: 'cloud:ok', kind: 'tool-group', label: 'sts:GetCallerIdentity', layer: 1, events: [eventId('e3')], tool: 'sts:GetCallerIdentity', count: 1, failed: 0, denied: 0 },
  ],
  edges: [
    { id: 'denied', kind: 'invoked', source: 'cloud-principal:p', target: 'cloud:denied', time: null, events: [eventId('e1'), eventId('e2')], failed: 2 },
    { id: 'ok', kind: 'invoked', source: 'cloud-principal:p', target: 'cloud:ok', time: null, events: [eventId('e3')] },
  ],
};

let mounted: MountedGraph | null = null;

afterEach(() => {
  mounted?.remove();
  mounted = null;
});

function mount(create: typeof createGraphView): Layout {
  mounted = mountGraph(create, GRAPH, 900, 400);
  return mounted.layout;
}

/** Counts red pixels along the horizontal span between the principal and a call group, at the group's height. */
function redPixelsOnEdge(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, layout: Layout, target: string, offset: { x: number; y: number }, scale: number): number {
  const from = layout.positions.get('cloud-principal:p')!;
  const to = layout.positions.get(target)!;
  let red = 0;
  for (let x = from.x + NODE_WIDTH / 2 + 4; x < to.x - NODE_WIDTH / 2 - 4; x += 1) {
    for (let dy = -2; dy <= 2; dy += 1) {
      const [r, g, b] = ctx.getImageData(Math.round((x + offset.x) * scale), Math.round((to.y + dy + offset.y) * scale), 1, 1).data;
      if (r! > 180 && g! < 120 && b! < 120) red += 1;
    }
  }
  return red;
}

describe('failed edges', () => {
  it('are red and dashed in the SVG view', () => {
    mount(createGraphView);
    const denied = mounted!.container.querySelector('path.edge[data-edge-id="denied"]')!;
    expect(denied.getAttribute('stroke')).toBe(FAILED_COLOUR);
    expect(denied.getAttribute('stroke-dasharray')).toBe('4 3');
    expect(denied.hasAttribute('data-failed')).toBe(true);
    const ok = mounted!.container.querySelector('path.edge[data-edge-id="ok"]')!;
    expect(ok.getAttribute('stroke')).not.toBe(FAILED_COLOUR);
    expect(ok.getAttribute('stroke-dasharray')).toBeNull();
  });

  it('are red when painted on a canvas', () => {
    const layout = layeredLayout(GRAPH);
    const canvas = document.createElement('canvas');
    canvas.width = 900;
    canvas.height = 400;
    const ctx = canvas.getContext('2d')!;
    const offset = { x: NODE_WIDTH / 2 + 10, y: 100 };
    paintScene(ctx, buildScene(GRAPH, layout), { ...offset, k: 1 }, 900, 400, NO_EMPHASIS);
    expect(redPixelsOnEdge(ctx, layout, 'cloud:denied', offset, 1)).toBeGreaterThan(3);
    expect(redPixelsOnEdge(ctx, layout, 'cloud:ok', offset, 1)).toBe(0);
  });

  it('are red and dashed in the SVG export', () => {
    const parsed = new DOMParser().parseFromString(graphToSvg(GRAPH, layeredLayout(GRAPH)), 'image/svg+xml');
    const paths = [...parsed.querySelectorAll('path.edge')];
    const denied = paths.filter((path) => path.getAttribute('stroke') === FAILED_COLOUR);
    expect(denied).toHaveLength(1);
    expect(denied[0]!.getAttribute('stroke-dasharray')).toBe('4 3');
  });

  it('are red in the PNG export', async () => {
    const layout = layeredLayout(GRAPH);
    const bitmap = await createImageBitmap(await graphToPng(GRAPH, layout));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    // The export frames the drawing with a margin of 20 around half a node, at scale 2.
    const offset = { x: NODE_WIDTH / 2 + 20, y: 15 + 20 };
    expect(redPixelsOnEdge(ctx, layout, 'cloud:denied', offset, 2)).toBeGreaterThan(3);
    expect(redPixelsOnEdge(ctx, layout, 'cloud:ok', offset, 2)).toBe(0);
  });
});
