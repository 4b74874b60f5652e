// The contract both graph renderers (SVG and canvas) keep, so the panel can switch between them
// without the rest of the workspace noticing.

import type { AuthorityGraph, GraphEdge, GraphNode } from '../../shared/graph/types';
import type { Layout } from './layout';

export interface Emphasis {
  readonly selected: string | null;
  /** Node ids that the search matched. */
  readonly matched: ReadonlySet<string>;
  /** Node and edge ids on the selected node's custody chain. */
  readonly chain: ReadonlySet<string>;
  /** Node and edge ids of the chain an analyst chose to highlight in the chain tools. */
  readonly analystChain: ReadonlySet<string>;
  /** Node and edge ids not yet live at the scrubber's time. */
  readonly dimmed: ReadonlySet<string>;
}

export const NO_EMPHASIS: Emphasis = { selected: null, matched: new Set(), chain: new Set(), analystChain: new Set(), dimmed: new Set() };

/** Returns whether a custody chain or an analyst's chain is highlighted, which dims the rest of the graph. */
export function showsChain(emphasis: Emphasis): boolean {
  return emphasis.chain.size > 0 || emphasis.analystChain.size > 0;
}

/** Returns whether a node or edge stays at full strength while a chain is highlighted. */
export function inFocus(emphasis: Emphasis, id: string): boolean {
  return emphasis.chain.has(id) || emphasis.analystChain.has(id) || emphasis.matched.has(id) || emphasis.selected === id;
}

export interface GraphViewOptions {
  readonly onSelect: (node: GraphNode | null) => void;
  /** Called when a click lands on an edge rather than a node; edges are not selectable without it. */
  readonly onSelectEdge?: (edge: GraphEdge) => void;
}

export interface GraphView {
  readonly renderer: 'svg' | 'canvas';
  update(graph: AuthorityGraph, layout: Layout): void;
  emphasise(emphasis: Emphasis): void;
  /** Centres and scales the drawing to fit the container. */
  fit(): void;
  dispose(): void;
}

/** Visible nodes beyond which the panel draws on canvas: SVG at 5,000 nodes took 86 ms a frame, canvas 20 ms. */
export const CANVAS_THRESHOLD = 1000;
