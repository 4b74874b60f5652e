import { afterEach, describe, expect, it } from 'vitest';
import type { AuthorityGraph, GraphEdge, GraphNode } from '../../../shared/graph/types';
import type { EventId } from '../../../shared/model/ids';
import { createCanvasGraphView } from '../../../renderer/graph/canvas';
import { layeredLayout, type Layout } from '../../../renderer/graph/layout';
import { createGraphView } from '../../../renderer/graph/render';
import { NODE_WIDTH } from '../../../renderer/graph/style';
import { NO_EMPHASIS, type GraphView } from '../../../renderer/graph/view';

const eventId = (id: string) => id as EventId;
const GRAPH: AuthorityGraph = {
  nodes: [
    { id: 'agent:main', kind: 'agent', label: 'main agent', layer: 0, events: [eventId('e1')] },
    { id: 'tools:a', kind: 'tool-group', label: 'Read a.ts', layer: 1, events: [eventId('e2')], tool: 'Read', count: 1 },
  ],
  edges: [{ id: 'edge:a', kind: 'invoked', source: 'agent:main', target: 'tools:a', time: null, events: [eventId('e2')] }],
};

let container: HTMLDivElement;
let view: GraphView | null = null;

function mount(create: typeof createGraphView) {
  container = document.createElement('div');
  Object.assign(container.style, { width: '900px', height: '400px', position: 'absolute', left: '0', top: '0' });
  document.body.append(container);
  const nodes: (GraphNode | null)[] = [];
  const edges: GraphEdge[] = [];
  view = create(container, { onSelect: (node) => nodes.push(node), onSelectEdge: (edge) => edges.push(edge) });
  const layout = layeredLayout(GRAPH);
  view.update(GRAPH, layout);
  return { nodes, edges, layout };
}

/** Middle of the edge's curve in graph coordinates: halfway between its end points. */
function edgeMiddle(layout: Layout): { x: number; y: number } {
  const a = layout.positions.get('agent:main')!;
  const b = layout.positions.get('tools:a')!;
  return { x: (a.x + NODE_WIDTH / 2 + b.x - NODE_WIDTH / 2) / 2, y: (a.y + b.y) / 2 };
}

afterEach(() => {
  view?.dispose();
  view = null;
  container.remove();
});

describe('edge selection', () => {
  it('selects an edge clicked in the SVG', () => {
    const { nodes, edges, layout } = mount(createGraphView);
    const middle = edgeMiddle(layout);
    const svg = container.querySelector('svg')!;
    const point = svg.createSVGPoint();
    point.x = middle.x;
    point.y = middle.y;
    const screen = point.matrixTransform((container.querySelector('g.viewport') as SVGGElement).getScreenCTM()!);
    const target = document.elementFromPoint(screen.x, screen.y + 4)!;
    expect(target.getAttribute('data-edge-hit')).toBe('edge:a');
    target.dispatchEvent(new MouseEvent('click', { clientX: screen.x, clientY: screen.y + 4, bubbles: true }));
    expect(edges.map((edge) => edge.id)).toEqual(['edge:a']);
    expect(nodes).toEqual([]);
  });

  it('keeps node clicks on nodes', () => {
    const { nodes, edges } = mount(createGraphView);
    (container.querySelector('g.node[data-node-id="tools:a"]') as SVGGElement).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(nodes.map((node) => node?.id)).toEqual(['tools:a']);
    expect(edges).toEqual([]);
  });

  it('marks the selected edge', () => {
    mount(createGraphView);
    view!.emphasise({ ...NO_EMPHASIS, selected: 'edge:a' });
    expect(container.querySelector('path.edge[data-edge-id="edge:a"]')!.classList.contains('selected')).toBe(true);
  });

  it('draws no hit paths without a handler', () => {
    container = document.createElement('div');
    document.body.append(container);
    view = createGraphView(container, { onSelect: () => {} });
    view.update(GRAPH, layeredLayout(GRAPH));
    expect(container.querySelectorAll('path.edge-hit')).toHaveLength(0);
    expect(container.querySelectorAll('path.edge')).toHaveLength(1);
  });

  it('selects an edge clicked on the canvas', () => {
    const { nodes, edges, layout } = mount(createCanvasGraphView);
    const canvas = container.querySelector('canvas')!;
    const box = canvas.getBoundingClientRect();
    const middle = edgeMiddle(layout);
    canvas.dispatchEvent(new MouseEvent('click', { clientX: box.left + middle.x, clientY: box.top + middle.y + 3, bubbles: true }));
    expect(edges.map((edge) => edge.id)).toEqual(['edge:a']);
    expect(nodes).toEqual([]);
    canvas.dispatchEvent(new MouseEvent('click', { clientX: box.left + middle.x, clientY: box.top + middle.y + 60, bubbles: true }));
    expect(edges).toHaveLength(1);
    expect(nodes).toEqual([null]);
  });
});
