// Mounts a graph renderer in a fixed-size container at the page's corner, for the browser tests.

import type { AuthorityGraph } from '../../../shared/graph/types';
import type { EventId } from '../../../shared/model/ids';
import { layeredLayout, type Layout } from '../../../renderer/graph/layout';
import type { GraphView, GraphViewOptions } from '../../../renderer/graph/view';

const eventId = (id: string) => id as EventId;
/** A principal, its agent and two Read groups: the smallest graph with a fan-out. */
export const AGENT_GRAPH: AuthorityGraph = {
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

export interface MountedGraph {
  readonly container: HTMLDivElement;
  readonly view: GraphView;
  readonly layout: Layout;
  remove(): void;
}

/** Draws `graph` with its layered layout in a `width` × `height` container, without fitting it. */
export function mountGraph(create: (container: HTMLElement, options: GraphViewOptions) => GraphView, graph: AuthorityGraph, width: number, height: number): MountedGraph {
  const container = document.createElement('div');
  Object.assign(container.style, { width: `${width}px`, height: `${height}px`, position: 'absolute', left: '0', top: '0' });
  document.body.append(container);
  const view = create(container, { onSelect: () => {} });
  const layout = layeredLayout(graph);
  view.update(graph, layout);
  return {
    container,
    view,
    layout,
    remove() {
      view.dispose();
      container.remove();
    },
  };
}
