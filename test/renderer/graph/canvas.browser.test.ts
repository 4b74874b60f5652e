import { afterEach, describe, expect, it } from 'vitest';
import type { AuthorityGraph, GraphNode } from '../../../shared/graph/types';
import type { EventId } from '../../../shared/model/ids';
import { createCanvasGraphView } from '../../../renderer/graph/canvas';
import { layeredLayout } from '../../../renderer/graph/layout';
import { createGraphView } from '../../../renderer/graph/render';
import type { GraphView } from '../../../renderer/graph/view';

const eventId = (id: string) => id as EventId;
const GRAPH: AuthorityGraph = {
  nodes: [
    { id: 'principal', kind: 'principal', label: 'user', layer: 0, events: [eventId('e1')] },
    { id: 'agent:main', kind: 'agent', label: 'main agent', layer: 1, events: [eventId('e1')] },
    { id: 'tools:a', kind: 'tool-group', label: 'Read a.ts', layer: 2, events: [eventId('e2')], tool: 'Read', count: 1 },
    { id: 'tools:b', kind: 'tool-group', label: 'Read b.ts', layer: 2, events: [eventId('e3')], tool: 'Read', count: 1 },
  ],
  edges: [
    { id: 'started', kind: 'started', source: 'principal', target: 'agent:main', time: null, events: [eventId('e1')] },
    { id: 'a', kind: 'invoked', source: 'agent:main', target: 'tools:a', time: null, events: [eventId('e2')] },
    { id: 'b', kind: 'invoked', source: 'agent:main', target: 'tools:b', time: null, events: [eventId('e3')] },
  ],
};

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

describe('svg graph view', () => {
  it('marks search matches, chain and dimmed nodes', () => {
    mount(createGraphView);
    view!.emphasise({ selected: 'tools:a', matched: new Set(['tools:b']), chain: new Set(['principal', 'started']), dimmed: new Set(['tools:b']) });
    const node = (id: string) => container.querySelector(`g.node[data-node-id="${id}"]`)!;
    expect(node('tools:a').classList.contains('selected')).toBe(true);
    expect(node('tools:b').classList.contains('matched')).toBe(true);
    expect(node('tools:b').classList.contains('dimmed')).toBe(true);
    expect(node('principal').classList.contains('in-chain')).toBe(true);
    expect(container.querySelector('path.edge[data-edge-id="started"]')!.classList.contains('in-chain')).toBe(true);
    expect(node('agent:main').getAttribute('class')).toBe('node node-agent');
  });
});
