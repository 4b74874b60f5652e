// Runs layouts in a Worker. A new request cancels the one in flight: the worker is terminated,
// because a force layout of thousands of nodes runs for seconds and cannot be interrupted
// from outside, and a fresh worker takes the new request.

import type { Layout, LayoutInput, Point } from './layout';
import type { LayoutKind, LayoutReply, LayoutRequest } from './layout-worker';

export type { LayoutKind };

export class LayoutCancelled extends Error {
  constructor() {
    super('Layout cancelled by a newer request.');
    this.name = 'LayoutCancelled';
  }
}

export interface LayoutClient {
  /** Lays out `graph`; the promise rejects with LayoutCancelled if another run or cancel() comes first. */
  run(graph: LayoutInput, kind: LayoutKind): Promise<Layout>;
  cancel(): void;
  dispose(): void;
}

function startWorker(): Worker {
  return new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module', name: 'custody-layout' });
}

export function createLayoutClient(): LayoutClient {
  let worker: Worker | null = null;
  let nextId = 1;
  let pending: { id: number; reject: (error: Error) => void } | null = null;

  function cancel(): void {
    if (!pending) return;
    pending.reject(new LayoutCancelled());
    pending = null;
    worker?.terminate();
    worker = null;
  }

  function run(graph: LayoutInput, kind: LayoutKind): Promise<Layout> {
    cancel();
    worker ??= startWorker();
    const id = nextId++;
    const active = worker;
    // Only ids and layers cross to the worker; labels and evidence stay here.
    const input: LayoutInput = {
      nodes: graph.nodes.map((node) => ({ id: node.id, layer: node.layer })),
      edges: graph.edges.map((edge) => ({ source: edge.source, target: edge.target })),
    };
    return new Promise<Layout>((resolve, reject) => {
      pending = { id, reject };
      active.onmessage = (message: MessageEvent<LayoutReply>) => {
        if (message.data.id !== id || pending?.id !== id) return;
        pending = null;
        const positions = new Map<string, Point>();
        input.nodes.forEach((node, index) => positions.set(node.id, { x: message.data.xs[index]!, y: message.data.ys[index]! }));
        resolve({ positions, width: message.data.width, height: message.data.height });
      };
      active.onerror = (event) => {
        if (pending?.id !== id) return;
        pending = null;
        reject(new Error(`Graph layout failed in the worker: ${event.message}`));
      };
      const request: LayoutRequest = { id, kind, graph: input };
      active.postMessage(request);
    });
  }

  return {
    run,
    cancel,
    dispose: () => {
      cancel();
      worker?.terminate();
      worker = null;
    },
  };
}
