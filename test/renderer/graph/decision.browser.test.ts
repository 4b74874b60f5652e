import { afterEach, describe, expect, it } from 'vitest';
import type { AuthorityGraph } from '../../../shared/graph/types';
import type { EventId } from '../../../shared/model/ids';
import { createCanvasGraphView } from '../../../renderer/graph/canvas';
import { graphToPng, graphToSvg } from '../../../renderer/graph/export';
import { layeredLayout, type Layout } from '../../../renderer/graph/layout';
import { createGraphView } from '../../../renderer/graph/render';
import { DIAMOND_HALF_WIDTH, DIAMOND_X, NODE_HEIGHT, NODE_WIDTH } from '../../../renderer/graph/style';
import { mountGraph, type MountedGraph } from './mount';
import '../../../renderer/styles.css';
import '../../../renderer/app/shell.css';

const eventId = (id: string) => id as EventId;
// Two calls that a user rejected, as in the short Claude Code sample.
const GRAPH: AuthorityGraph = {
  nodes: [
    { id: 'agent:main', kind: 'agent', label: 'main agent', layer: 0, events: [eventId('e1')] },
    { id: 'tools:a', kind: 'tool-group', label: 'Bash mix', layer: 1, events: [eventId('e2')], tool: 'Bash', count: 1, failed: 0, denied: 1 },
    { id: 'decision:main:denied:user-reject', kind: 'decision', label: 'denied by user-reject', layer: 2, events: [eventId('e3')], verdict: 'denied' },
  ],
  edges: [
    { id: 'invoked', kind: 'invoked', source: 'agent:main', target: 'tools:a', time: null, events: [eventId('e2')] },
    { id: 'denied', kind: 'denied-by', source: 'tools:a', target: 'decision:main:denied:user-reject', label: 'denied', time: null, events: [eventId('e3')] },
  ],
};
const DECISION = 'decision:main:denied:user-reject';
/** The --text colours of the two themes, as getComputedStyle returns them. */
const TEXT = { light: 'rgb(26, 29, 33)', dark: 'rgb(230, 233, 236)' };

let mounted: MountedGraph | null = null;

afterEach(() => {
  mounted?.remove();
  mounted = null;
  delete document.documentElement.dataset.theme;
});

function mount(create: typeof createGraphView): Layout {
  mounted = mountGraph(create, GRAPH, 900, 300);
  return mounted.layout;
}

describe('decision node in the SVG view', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`takes the ${theme} theme's text colour`, () => {
      document.documentElement.dataset.theme = theme;
      mount(createGraphView);
      const label = mounted!.container.querySelector(`g.node[data-node-id="${DECISION}"] text.label`)!;
      expect(getComputedStyle(label).fill).toBe(TEXT[theme]);
    });
  }

  it('meets its edge at the diamond', () => {
    mount(createGraphView);
    const edge = mounted!.container.querySelector<SVGPathElement>('path.edge[data-edge-id="denied"]')!;
    const end = edge.getPointAtLength(edge.getTotalLength());
    const diamond = mounted!.container.querySelector<SVGPathElement>(`g.node[data-node-id="${DECISION}"] path`)!.getBBox();
    // The diamond's box is in its own coordinates, so the node's position and the diamond's offset are added.
    const node = mounted!.container.querySelector(`g.node[data-node-id="${DECISION}"]`)!.getAttribute('transform')!;
    const [x, y] = node.match(/-?[\d.]+/g)!.map(Number);
    expect(Math.abs(x! + DIAMOND_X + diamond.x - end.x)).toBeLessThan(1);
    expect(Math.abs(y! - end.y)).toBeLessThan(1);
  });

  it('draws its label beside the diamond', () => {
    mount(createGraphView);
    const group = mounted!.container.querySelector(`g.node[data-node-id="${DECISION}"]`)!;
    const diamond = group.querySelector('path')!.getBoundingClientRect();
    const label = group.querySelector('text.label')!.getBoundingClientRect();
    expect(label.left).toBeGreaterThanOrEqual(diamond.right);
    expect(label.width).toBeGreaterThan(50);
  });
});

describe('decision node on canvas', () => {
  /** Counts pixels of the decision's label area that are close to `rgb`. */
  function labelPixels(layout: Layout, rgb: readonly number[]): number {
    const canvas = mounted!.container.querySelector('canvas')!;
    const ratio = window.devicePixelRatio || 1;
    const at = layout.positions.get(DECISION)!;
    // The view keeps its first transform (no fit), so graph coordinates are canvas pixels.
    const left = at.x + DIAMOND_X + DIAMOND_HALF_WIDTH + 6;
    const data = canvas.getContext('2d')!.getImageData(left * ratio, (at.y - 6) * ratio, 100 * ratio, 12 * ratio).data;
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - rgb[0]!) < 30 && Math.abs(data[i + 1]! - rgb[1]!) < 30 && Math.abs(data[i + 2]! - rgb[2]!) < 30) count += 1;
    return count;
  }

  it('draws a light label on the dark panel', async () => {
    document.documentElement.dataset.theme = 'dark';
    const layout = mount(createCanvasGraphView);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const canvas = mounted!.container.querySelector('canvas')!;
    const corner = canvas.getContext('2d')!.getImageData(880 * (window.devicePixelRatio || 1), 280 * (window.devicePixelRatio || 1), 1, 1).data;
    // The dark theme's --panel is #1d2126.
    expect([corner[0], corner[1], corner[2]]).toEqual([0x1d, 0x21, 0x26]);
    expect(labelPixels(layout, [230, 233, 236])).toBeGreaterThan(20);
  });

  it('draws a dark label on the light panel', async () => {
    document.documentElement.dataset.theme = 'light';
    const layout = mount(createCanvasGraphView);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(labelPixels(layout, [26, 29, 33])).toBeGreaterThan(20);
  });
});

describe('decision node in exports', () => {
  it('places diamond and label in the SVG', () => {
    const parsed = new DOMParser().parseFromString(graphToSvg(GRAPH, layeredLayout(GRAPH)), 'image/svg+xml');
    const group = parsed.querySelector('g.node-decision')!;
    expect(group.querySelector('path')!.getAttribute('transform')).toBe(`translate(${DIAMOND_X},0)`);
    const text = group.querySelector('text')!;
    expect(Number(text.getAttribute('x'))).toBeGreaterThanOrEqual(DIAMOND_X + DIAMOND_HALF_WIDTH);
    expect(text.getAttribute('text-anchor')).toBe('start');
    expect(text.getAttribute('fill')).toBe('#1a1d21');
  });

  it('draws the diamond where the edge ends in the PNG', async () => {
    const layout = layeredLayout(GRAPH);
    const bitmap = await createImageBitmap(await graphToPng(GRAPH, layout));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const at = layout.positions.get(DECISION)!;
    // The export frames the drawing with a margin of 20 around half a node, at scale 2.
    const x = (at.x - NODE_WIDTH / 2 + DIAMOND_HALF_WIDTH + 20 + NODE_WIDTH / 2) * 2;
    const y = (at.y + NODE_HEIGHT / 2 + 20) * 2;
    // The diamond's centre is white fill framed by its red outline at the left corner.
    const centre = ctx.getImageData(x, y, 1, 1).data;
    expect([centre[0], centre[1], centre[2]]).toEqual([255, 255, 255]);
    let red = 0;
    for (let dx = -DIAMOND_HALF_WIDTH * 2 - 2; dx < -DIAMOND_HALF_WIDTH * 2 + 6; dx += 1) {
      const [r, g, b] = ctx.getImageData(x + dx, y, 1, 1).data;
      if (r! > 150 && g! < 100 && b! < 100) red += 1;
    }
    expect(red).toBeGreaterThan(0);
  });
});
