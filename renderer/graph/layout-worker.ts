// Computes graph layouts off the main thread. Each request carries an id; the reply echoes it
// with the positions as two Float64Arrays in the order of the request's nodes.

import { forceLayout } from './force';
import { layeredLayout, type LayoutInput } from './layout';

export type LayoutKind = 'layered' | 'force';

export interface LayoutRequest {
  readonly id: number;
  readonly kind: LayoutKind;
  readonly graph: LayoutInput;
}

export interface LayoutReply {
  readonly id: number;
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly width: number;
  readonly height: number;
  readonly elapsedMs: number;
}

self.onmessage = (message: MessageEvent<LayoutRequest>) => {
  const { id, kind, graph } = message.data;
  const started = performance.now();
  const layout = kind === 'force' ? forceLayout(graph) : layeredLayout(graph);
  const xs = new Float64Array(graph.nodes.length);
  const ys = new Float64Array(graph.nodes.length);
  graph.nodes.forEach((node, index) => {
    const at = layout.positions.get(node.id);
    xs[index] = at?.x ?? 0;
    ys[index] = at?.y ?? 0;
  });
  const reply: LayoutReply = { id, xs, ys, width: layout.width, height: layout.height, elapsedMs: performance.now() - started };
  (self as unknown as Worker).postMessage(reply, [xs.buffer, ys.buffer]);
};
