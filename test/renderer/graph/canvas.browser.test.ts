import { afterEach, describe, expect, it } from 'vitest';
import type { GraphNode } from '../../../shared/graph/types';
import { createCanvasGraphView } from '../../../renderer/graph/canvas';
import { layeredLayout } from '../../../renderer/graph/layout';
import { createGraphView } from '../../../renderer/graph/render';
import { NODE_WIDTH } from '../../../renderer/graph/style';
import { NO_EMPHASIS, type Emphasis, type GraphView } from '../../../renderer/graph/view';
import { AGENT_GRAPH } from './mount';
import '../../../renderer/styles.css';

const GRAPH = AGENT_GRAPH;

let container: HTMLDivElement;
let view: GraphView | null = null;

function mount(create: typeof createCanvasGraphView) {
  container = document.createElement('div');
  Object.assign(container.style, { width: '900px', height: '400px', position: 'absolute', left: '0', top: '0' });
  document.body.append(container);
  const selected: (GraphNode | null)[] = [];
  view = create(container, { onSelect: (node) => selected.push(node) });
  const layout = layeredLayout(GRAPH);
  view.update(GRAPH, layout);
  return { selected, layout };
}

const ACCENT_RGB = [0xff, 0x6f, 0x00];

/** Draws `emphasis` on the mounted canvas view and waits for the frame that paints it. */
async function paintWith(emphasis: Emphasis): Promise<void> {
  view!.emphasise(emphasis);
  await new Promise((resolve) => requestAnimationFrame(resolve));
}

/** Reads the colour of the canvas pixel at a point given in CSS pixels. */
function pixelAt(x: number, y: number): number[] {
  const canvas = container.querySelector('canvas')!;
  const ratio = window.devicePixelRatio || 1;
  const data = canvas.getContext('2d')!.getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1).data;
  return [data[0]!, data[1]!, data[2]!];
}

/** Returns a point inside the node's fill, left of its label. */
function fillPoint(layout: ReturnType<typeof layeredLayout>, id: string): [number, number] {
  const at = layout.positions.get(id)!;
  return [at.x - NODE_WIDTH / 2 + 10, at.y + 8];
}

/** Returns a point on the node's left outline, where a 3-pixel chain stroke covers the whole pixel. */
function outlinePoint(layout: ReturnType<typeof layeredLayout>, id: string): [number, number] {
  const at = layout.positions.get(id)!;
  return [Math.round(at.x - NODE_WIDTH / 2) - 0.5, at.y];
}

afterEach(() => {
  view?.dispose();
  view = null;
  container.remove();
});

describe('canvas graph view', () => {
  it('selects the node under a click', async () => {
    const { selected, layout } = mount(createCanvasGraphView);
    const canvas = container.querySelector('canvas')!;
    const box = canvas.getBoundingClientRect();
    const at = layout.positions.get('tools:b')!;
    canvas.dispatchEvent(new MouseEvent('click', { clientX: box.left + at.x + 50, clientY: box.top + at.y + 5, bubbles: true }));
    expect(selected.map((node) => node?.id)).toEqual(['tools:b']);
    canvas.dispatchEvent(new MouseEvent('click', { clientX: box.left + at.x + 50, clientY: box.top + at.y + 25, bubbles: true }));
    expect(selected.at(-1)).toBeNull();
  });

  it('moves along edges with arrow keys', () => {
    const { selected } = mount(createCanvasGraphView);
    const canvas = container.querySelector('canvas')!;
    const press = (key: string) => canvas.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    press('ArrowRight');
    press('ArrowRight');
    press('Enter');
    expect(selected.map((node) => node?.id)).toEqual(['agent:main']);
    press('ArrowRight');
    press('ArrowDown');
    press('Enter');
    expect(selected.at(-1)?.id).toBe('tools:b');
    press('ArrowLeft');
    press('Enter');
    expect(selected.at(-1)?.id).toBe('agent:main');
    press('Escape');
    expect(selected.at(-1)).toBeNull();
  });

  it('paints the nodes', async () => {
    const { layout } = mount(createCanvasGraphView);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const canvas = container.querySelector('canvas')!;
    const ratio = window.devicePixelRatio || 1;
    const at = layout.positions.get('agent:main')!;
    const pixel = canvas.getContext('2d')!.getImageData(at.x * ratio, at.y * ratio + 8, 1, 1).data;
    // The agent fill is #3949ab.
    expect([pixel[0], pixel[1], pixel[2]]).toEqual([0x39, 0x49, 0xab]);
  });
});

describe('canvas chain highlight', () => {
  // The principal sits at x = 0, half outside the canvas, so these checks read the other nodes.
  it('outlines the custody chain and fades the rest', async () => {
    const { layout } = mount(createCanvasGraphView);
    await paintWith(NO_EMPHASIS);
    // The agent fill is #3949ab.
    expect(pixelAt(...fillPoint(layout, 'agent:main'))).toEqual([0x39, 0x49, 0xab]);
    expect(pixelAt(...outlinePoint(layout, 'tools:a'))).not.toEqual(ACCENT_RGB);

    await paintWith({ ...NO_EMPHASIS, chain: new Set(['tools:a', 'a']) });
    expect(pixelAt(...outlinePoint(layout, 'tools:a'))).toEqual(ACCENT_RGB);
    expect(pixelAt(...outlinePoint(layout, 'tools:b'))).not.toEqual(ACCENT_RGB);
    expect(pixelAt(...fillPoint(layout, 'tools:a'))).toEqual([0xec, 0xef, 0xf1]);
    // Off the chain, the agent is drawn at 0.35 opacity over white: 255 - 0.35 × (255 - 0x39) ≈ 186.
    const faded = pixelAt(...fillPoint(layout, 'agent:main'));
    expect(faded[0]).toBeGreaterThan(176);
    expect(faded[0]).toBeLessThan(196);
  });

  it('outlines the analyst chain and fades the rest', async () => {
    const { layout } = mount(createCanvasGraphView);
    await paintWith({ ...NO_EMPHASIS, analystChain: new Set(['agent:main', 'b', 'tools:b']) });
    expect(pixelAt(...outlinePoint(layout, 'agent:main'))).toEqual(ACCENT_RGB);
    expect(pixelAt(...outlinePoint(layout, 'tools:b'))).toEqual(ACCENT_RGB);
    expect(pixelAt(...outlinePoint(layout, 'tools:a'))).not.toEqual(ACCENT_RGB);
    expect(pixelAt(...fillPoint(layout, 'agent:main'))).toEqual([0x39, 0x49, 0xab]);
    // tools:a's fill #eceff1 at 0.35 opacity over white is lighter than the fill itself.
    const faded = pixelAt(...fillPoint(layout, 'tools:a'));
    expect(faded[0]).toBeGreaterThan(0xec);
    await paintWith(NO_EMPHASIS);
    expect(pixelAt(...fillPoint(layout, 'tools:a'))).toEqual([0xec, 0xef, 0xf1]);
    expect(pixelAt(...outlinePoint(layout, 'agent:main'))).not.toEqual(ACCENT_RGB);
  });

  it('keeps scrubber dimming fainter than the chain fade', async () => {
    const { layout } = mount(createCanvasGraphView);
    await paintWith({ ...NO_EMPHASIS, chain: new Set(['tools:a']), dimmed: new Set(['agent:main']) });
    // At 0.12 opacity: 255 - 0.12 × (255 - 0x39) ≈ 231.
    const dimmed = pixelAt(...fillPoint(layout, 'agent:main'));
    expect(dimmed[0]).toBeGreaterThan(222);
  });

  it('paints the chain edge in the accent colour', async () => {
    const { layout } = mount(createCanvasGraphView);
    const from = layout.positions.get('agent:main')!;
    const to = layout.positions.get('tools:b')!;
    // The edge's Bézier curve passes through the midpoint between its ends.
    const middle: [number, number] = [(from.x + NODE_WIDTH / 2 + to.x - NODE_WIDTH / 2) / 2, (from.y + to.y) / 2];
    await paintWith(NO_EMPHASIS);
    expect(pixelAt(...middle)).not.toEqual(ACCENT_RGB);
    await paintWith({ ...NO_EMPHASIS, chain: new Set(['b']) });
    expect(pixelAt(...middle)).toEqual(ACCENT_RGB);
  });
});

describe('svg graph view', () => {
  it('marks search matches, chain and dimmed nodes', () => {
    mount(createGraphView);
    view!.emphasise({ selected: 'tools:a', matched: new Set(['tools:b']), chain: new Set(['principal', 'started']), analystChain: new Set(), dimmed: new Set(['tools:b']) });
    const node = (id: string) => container.querySelector(`g.node[data-node-id="${id}"]`)!;
    expect(node('tools:a').classList.contains('selected')).toBe(true);
    expect(node('tools:b').classList.contains('matched')).toBe(true);
    expect(node('tools:b').classList.contains('dimmed')).toBe(true);
    expect(node('principal').classList.contains('in-chain')).toBe(true);
    expect(container.querySelector('path.edge[data-edge-id="started"]')!.classList.contains('in-chain')).toBe(true);
    expect(node('agent:main').getAttribute('class')).toBe('node node-agent');
  });

  it('marks the analyst chain and fades the rest', () => {
    mount(createGraphView);
    view!.emphasise({ ...NO_EMPHASIS, analystChain: new Set(['agent:main', 'a']) });
    const node = (id: string) => container.querySelector(`g.node[data-node-id="${id}"]`)!;
    expect(node('agent:main').hasAttribute('data-analyst-chain')).toBe(true);
    expect(container.querySelector('path.edge[data-edge-id="a"]')!.hasAttribute('data-analyst-chain')).toBe(true);
    expect(node('principal').hasAttribute('data-analyst-chain')).toBe(false);
    expect(getComputedStyle(node('principal')).opacity).toBe('0.35');
    expect(getComputedStyle(node('agent:main')).opacity).toBe('1');
    expect(getComputedStyle(container.querySelector('path.edge[data-edge-id="b"]')!).opacity).toBe('0.35');
    view!.emphasise(NO_EMPHASIS);
    expect(node('agent:main').hasAttribute('data-analyst-chain')).toBe(false);
    expect(getComputedStyle(node('principal')).opacity).toBe('1');
  });
});
