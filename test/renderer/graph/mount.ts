// Mounts a graph renderer in a fixed-size container at the page's corner, for the browser tests.

import type { AuthorityGraph } from '../../../shared/graph/types';
import { layeredLayout, type Layout } from '../../../renderer/graph/layout';
import type { GraphView, GraphViewOptions } from '../../../renderer/graph/view';

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
