// Draws an authority graph with d3 into an SVG owned by this module. React owns the container;
// callers use the GraphView methods and never touch the SVG themselves. Every label is set with
// .text() or as an attribute value, so evidence text cannot become markup, and secrets in
// labels are masked.

import * as d3 from 'd3';
import { plural } from '../lib/format';
import type { AuthorityGraph, GraphEdge, GraphNode } from '../../shared/graph/types';
import { drawingBounds, fitTransform, type Bounds } from './fit';
import type { Layout } from './layout';
import { GraphNavigator, NAVIGATION_KEYS } from './navigate';
import { DECISION_LABEL_X, DIAMOND_X, EDGE_LABELS, NODE_FILL, NODE_HEIGHT, NODE_WIDTH, diamondPath, edgeColour, edgeDash, edgeFailed, edgeWidth, labelColour, labelOutside, maskedLabel, nodeText, strokeColour } from './style';
import { NO_EMPHASIS, showsChain, type Emphasis, type GraphView, type GraphViewOptions } from './view';

function nodeShape(selection: d3.Selection<SVGGElement, GraphNode, SVGGElement, unknown>): void {
  selection.each(function draw(node) {
    const group = d3.select(this);
    const fill = NODE_FILL[node.kind];
    const stroke = strokeColour(node);
    if (node.kind === 'decision') {
      group.append('path').attr('d', diamondPath()).attr('transform', `translate(${DIAMOND_X},0)`).attr('fill', fill).attr('stroke', stroke).attr('stroke-width', 3);
      return;
    }
    const rx = node.kind === 'principal' ? NODE_HEIGHT / 2 : node.kind === 'resource' ? 2 : 6;
    group
      .append('rect')
      .attr('x', -NODE_WIDTH / 2)
      .attr('y', -NODE_HEIGHT / 2)
      .attr('width', NODE_WIDTH)
      .attr('height', NODE_HEIGHT)
      .attr('rx', rx)
      .attr('fill', fill)
      .attr('stroke', stroke)
      .attr('stroke-width', node.kind === 'tool-group' && stroke !== '#546e7a' ? 2.5 : 1.2)
      .attr('stroke-dasharray', node.kind === 'sub-agent' ? '5 3' : null);
  });
}

export function edgeTitle(edge: GraphEdge): string {
  return `${EDGE_LABELS[edge.kind]}${edge.label ? `: ${maskedLabel(edge.label)}` : ''} (${edge.events.length} event${edge.events.length === 1 ? '' : 's'})`;
}

/** Width of the invisible stroke that takes clicks on an edge, so a thin edge is easy to hit. */
const EDGE_HIT_WIDTH = 12;

export function createGraphView(container: HTMLElement, options: GraphViewOptions): GraphView {
  // The graph is one Tab stop with a roving tabindex. Only one node at a time has tabindex 0, and
  // the arrow keys move the focus and that tabindex from node to node.
  const svg = d3.select(container).append('svg').attr('class', 'graph-svg').attr('role', 'group').attr('aria-label', 'Authority graph');
  const defs = svg.append('defs');
  defs.append('marker').attr('id', 'arrow').attr('viewBox', '0 0 10 10').attr('refX', 10).attr('refY', 5).attr('markerWidth', 7).attr('markerHeight', 7).attr('orient', 'auto-start-reverse').append('path').attr('d', 'M 0 0 L 10 5 L 0 10 z').attr('fill', '#78909c');
  const viewport = svg.append('g').attr('class', 'viewport');
  const edgeLayer = viewport.append('g').attr('class', 'edges');
  // Above the edges and below the nodes, so a click on a node still selects the node.
  const edgeHitLayer = viewport.append('g').attr('class', 'edge-hits');
  const nodeLayer = viewport.append('g').attr('class', 'nodes');
  let current: Layout | null = null;
  let bounds: Bounds = { left: 0, top: 0, right: 1, bottom: 1 };
  let emphasis: Emphasis = NO_EMPHASIS;
  let navigator: GraphNavigator | null = null;
  let focused: string | null = null;

  const zoom = d3.zoom<SVGSVGElement, unknown>().scaleExtent([0.02, 4]).on('zoom', (event: d3.D3ZoomEvent<SVGSVGElement, unknown>) => {
    viewport.attr('transform', event.transform.toString());
  });
  svg.call(zoom).on('dblclick.zoom', null);
  svg.on('click', (event: MouseEvent) => {
    if (event.target === svg.node()) options.onSelect(null);
  });
  svg.on('keydown', (event: KeyboardEvent) => {
    const target = (event.target as Element).closest?.('g.node');
    const from = target?.getAttribute('data-node-id') ?? focused;
    if (NAVIGATION_KEYS.has(event.key) && navigator) {
      event.preventDefault();
      focusNode(navigator.move(from, event.key));
    } else if ((event.key === 'Enter' || event.key === ' ') && from) {
      event.preventDefault();
      const node = nodeLayer.select<SVGGElement>(`g.node[data-node-id="${CSS.escape(from)}"]`).datum() as GraphNode | undefined;
      if (node) options.onSelect(node);
    } else if (event.key === 'Escape') {
      focused = null;
      options.onSelect(null);
    }
  });

  /** Gives tabindex 0 to the focused node, or to the navigator's start when none is focused, and -1 to every other node. */
  function updateTabStop(): void {
    const stop = focused ?? navigator?.start ?? null;
    nodeLayer.selectAll<SVGGElement, GraphNode>('g.node').attr('tabindex', (node) => (node.id === stop ? 0 : -1));
  }

  function focusNode(id: string | null): void {
    focused = id;
    updateTabStop();
    if (!id) return;
    const element = nodeLayer.select<SVGGElement>(`g.node[data-node-id="${CSS.escape(id)}"]`).node();
    element?.focus();
  }

  function update(graph: AuthorityGraph, layout: Layout): void {
    current = layout;
    bounds = drawingBounds(graph.nodes, layout);
    navigator = new GraphNavigator(graph, layout);
    if (focused && !graph.nodes.some((node) => node.id === focused)) focused = null;
    const pos = (id: string) => layout.positions.get(id) ?? { x: 0, y: 0 };
    const edgePath = (edge: GraphEdge) => {
      const a = pos(edge.source);
      const b = pos(edge.target);
      const x1 = a.x + NODE_WIDTH / 2;
      const x2 = b.x - NODE_WIDTH / 2;
      const mid = (x1 + x2) / 2;
      return `M${x1},${a.y} C${mid},${a.y} ${mid},${b.y} ${x2},${b.y}`;
    };
    edgeLayer
      .selectAll<SVGPathElement, GraphEdge>('path.edge')
      .data(graph.edges, (edge) => edge.id)
      .join('path')
      .attr('class', (edge) => `edge edge-${edge.kind}`)
      .attr('data-edge-id', (edge) => edge.id)
      .attr('d', edgePath)
      .attr('fill', 'none')
      .attr('stroke', edgeColour)
      .attr('stroke-width', edgeWidth)
      .attr('stroke-dasharray', edgeDash)
      .attr('data-failed', (edge) => (edgeFailed(edge) ? '' : null))
      .attr('marker-end', 'url(#arrow)')
      .selectAll('title')
      .data((edge) => [edge])
      .join('title')
      .text(edgeTitle);
    // The hit paths carry data-edge-hit, not data-edge-id, so code that marks drawn edges by id
    // (chain highlights, the report image) leaves them alone.
    edgeHitLayer
      .selectAll<SVGPathElement, GraphEdge>('path.edge-hit')
      .data(options.onSelectEdge ? graph.edges : [], (edge) => edge.id)
      .join('path')
      .attr('class', 'edge-hit')
      .attr('data-edge-hit', (edge) => edge.id)
      .attr('d', edgePath)
      .attr('fill', 'none')
      .attr('stroke', 'transparent')
      .attr('stroke-width', EDGE_HIT_WIDTH)
      .attr('pointer-events', 'stroke')
      .on('click', (event: MouseEvent, edge) => {
        event.stopPropagation();
        options.onSelectEdge?.(edge);
      })
      .selectAll('title')
      .data((edge) => [edge])
      .join('title')
      .text(edgeTitle);

    const nodes = nodeLayer
      .selectAll<SVGGElement, GraphNode>('g.node')
      .data(graph.nodes, (node) => node.id)
      .join((enter) => {
        const group = enter.append('g').attr('tabindex', -1).attr('role', 'button');
        nodeShape(group);
        group.append('text').attr('class', 'label').attr('text-anchor', 'middle').attr('dy', '0.35em');
        group.append('title');
        return group;
      })
      .attr('class', (node) => `node node-${node.kind}`)
      .attr('data-node-id', (node) => node.id)
      .attr('data-kind', (node) => node.kind)
      .attr('aria-label', (node) => maskedLabel(node.label))
      .attr('transform', (node) => `translate(${pos(node.id).x},${pos(node.id).y})`)
      .on('click', (event: MouseEvent, node) => {
        event.stopPropagation();
        focused = node.id;
        updateTabStop();
        options.onSelect(node);
      })
      .on('focus', (_event: FocusEvent, node) => {
        focused = node.id;
        updateTabStop();
      });
    updateTabStop();
    // A label beside its shape takes the theme's text colour from the stylesheet (class outside).
    nodes
      .select('text.label')
      .classed('outside', (node) => labelOutside(node.kind))
      .attr('x', (node) => (labelOutside(node.kind) ? DECISION_LABEL_X : 0))
      .attr('text-anchor', (node) => (labelOutside(node.kind) ? 'start' : 'middle'))
      .attr('fill', (node) => (labelOutside(node.kind) ? null : labelColour(node.kind)))
      .text(nodeText);
    nodes.select('title').text((node) => `${maskedLabel(node.label)}\n${plural(node.events.length, 'event')}`);
    emphasise(emphasis);
  }

  function emphasise(next: Emphasis): void {
    emphasis = next;
    // The stylesheet dims what is off the chain while the svg has the chain-shown class.
    svg.classed('chain-shown', showsChain(next));
    nodeLayer
      .selectAll<SVGGElement, GraphNode>('g.node')
      .classed('selected', (node) => node.id === next.selected)
      .classed('matched', (node) => next.matched.has(node.id))
      .classed('in-chain', (node) => next.chain.has(node.id))
      .classed('dimmed', (node) => next.dimmed.has(node.id))
      .attr('data-analyst-chain', (node) => (next.analystChain.has(node.id) ? '' : null));
    edgeLayer
      .selectAll<SVGPathElement, GraphEdge>('path.edge')
      .classed('selected', (edge) => edge.id === next.selected)
      .classed('in-chain', (edge) => next.chain.has(edge.id))
      .classed('dimmed', (edge) => next.dimmed.has(edge.id))
      .attr('data-analyst-chain', (edge) => (next.analystChain.has(edge.id) ? '' : null));
  }

  function fit(): void {
    if (!current) return;
    const box = container.getBoundingClientRect();
    const { x, y, k } = fitTransform(bounds, box.width, box.height, current.positions.size);
    svg.call(zoom.transform, d3.zoomIdentity.translate(x, y).scale(k));
  }

  return {
    renderer: 'svg',
    update,
    emphasise,
    fit,
    dispose: () => {
      svg.on('.zoom', null);
      svg.remove();
    },
  };
}
