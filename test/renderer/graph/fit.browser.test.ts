import { afterEach, describe, expect, it } from 'vitest';
import type { AuthorityGraph, GraphNode } from '../../../shared/graph/types';
import type { EventId } from '../../../shared/model/ids';
import { graphToSvg } from '../../../renderer/graph/export';
import { drawingBounds, fitTransform, MIN_READABLE_SCALE } from '../../../renderer/graph/fit';
import { layeredLayout } from '../../../renderer/graph/layout';
import { createGraphView } from '../../../renderer/graph/render';
import { DECISION_LABEL_WIDTH, DECISION_LABEL_X } from '../../../renderer/graph/style';
import { mountGraph, type MountedGraph } from './mount';
import '../../../renderer/styles.css';

const eventId = (id: string) => id as EventId;

/** Builds a chain of `layers` call groups, each with `rows` files, ending in a decision, so the drawing is wide. */
function wideGraph(layers: number, rows: number): AuthorityGraph {
  const nodes: GraphNode[] = [{ id: 'principal', kind: 'principal', label: 'user', layer: 0, events: [eventId('e0')] }];
  const edges: AuthorityGraph['edges'][number][] = [];
  for (let layer = 1; layer <= layers; layer += 1) {
    for (let row = 0; row < rows; row += 1) {
      const id = `tools:${layer}:${row}`;
      nodes.push({ id, kind: 'tool-group', label: `Read file-${layer}-${row}.ts`, layer, events: [eventId(`e${layer}`)], tool: 'Read', count: 1 });
      edges.push({ id: `edge:${id}`, kind: 'invoked', source: layer === 1 ? 'principal' : `tools:${layer - 1}:${row}`, target: id, time: null, events: [eventId(`e${layer}`)] });
    }
  }
  nodes.push({ id: 'decision', kind: 'decision', label: 'approved (approver not recorded)', layer: layers + 1, events: [eventId('d')], verdict: 'approved' });
  edges.push({ id: 'allowed', kind: 'allowed-by', source: `tools:${layers}:0`, target: 'decision', time: null, events: [eventId('d')] });
  return { nodes, edges };
}

let mounted: MountedGraph | null = null;

afterEach(() => {
  mounted?.remove();
  mounted = null;
});

describe('fit to view', () => {
  it('shows every node and label in the SVG view', () => {
    mounted = mountGraph(createGraphView, wideGraph(7, 6), 1100, 420);
    mounted.view.fit();
    const panel = mounted.container.getBoundingClientRect();
    const outside: string[] = [];
    for (const element of mounted.container.querySelectorAll('g.node')) {
      const box = element.getBoundingClientRect();
      if (box.left < panel.left || box.right > panel.right || box.top < panel.top || box.bottom > panel.bottom) outside.push(element.getAttribute('data-node-id')!);
    }
    expect(outside).toEqual([]);
    const label = mounted.container.querySelector('g.node-decision text.label')!.getBoundingClientRect();
    expect(label.right).toBeLessThanOrEqual(panel.right);
  });

  it('centres the drawing', () => {
    const graph = wideGraph(3, 2);
    const layout = layeredLayout(graph);
    const bounds = drawingBounds(graph.nodes, layout);
    const { x, y, k } = fitTransform(bounds, 1200, 600, graph.nodes.length);
    const left = x + bounds.left * k;
    const right = x + bounds.right * k;
    const top = y + bounds.top * k;
    const bottom = y + bounds.bottom * k;
    expect(Math.abs(left - (1200 - right))).toBeLessThan(1);
    expect(Math.abs(top - (600 - bottom))).toBeLessThan(1);
  });

  it('keeps labels readable in a small panel', () => {
    const graph = wideGraph(12, 3);
    const layout = layeredLayout(graph);
    const bounds = drawingBounds(graph.nodes, layout);
    const { x, k } = fitTransform(bounds, 600, 400, graph.nodes.length);
    expect(k).toBe(MIN_READABLE_SCALE);
    // The principal's left edge is in view, and the rest is reached by panning.
    expect(x + bounds.left * k).toBeGreaterThan(0);
  });
});

describe('drawing bounds', () => {
  it('include the decision label', () => {
    const graph = wideGraph(2, 1);
    const layout = layeredLayout(graph);
    const decision = layout.positions.get('decision')!;
    expect(drawingBounds(graph.nodes, layout).right).toBe(decision.x + DECISION_LABEL_X + DECISION_LABEL_WIDTH);
  });

  it('frame the SVG export', () => {
    const graph = wideGraph(2, 1);
    const layout = layeredLayout(graph);
    const parsed = new DOMParser().parseFromString(graphToSvg(graph, layout), 'image/svg+xml');
    const width = Number(parsed.documentElement.getAttribute('width'));
    const origin = parsed.querySelector('svg > g')!.getAttribute('transform')!.match(/-?[\d.]+/g)!.map(Number);
    const decision = layout.positions.get('decision')!;
    expect(width).toBeGreaterThanOrEqual(origin[0]! + decision.x + DECISION_LABEL_X + DECISION_LABEL_WIDTH);
  });
});
