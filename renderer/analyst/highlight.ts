// Highlights an analyst's chain in the drawn graph. The graph module owns its SVG and rewrites
// each element's class on every update, so the mark is a `data-analyst-chain` attribute, which
// it leaves alone, re-applied whenever the drawing changes.

import type { AuthorityGraph } from '../../shared/graph/types';

/** Node and edge ids whose evidence includes an event of the chain. */
export function chainGraphIds(graph: AuthorityGraph, events: readonly string[]): { nodes: Set<string>; edges: Set<string> } {
  const wanted = new Set(events);
  const nodes = new Set(graph.nodes.filter((node) => node.events.some((id) => wanted.has(id))).map((node) => node.id));
  const edges = new Set(graph.edges.filter((edge) => edge.events.some((id) => wanted.has(id)) || (nodes.has(edge.source) && nodes.has(edge.target))).map((edge) => edge.id));
  return { nodes, edges };
}

const ATTRIBUTE = 'data-analyst-chain';

function apply(container: Element, ids: { nodes: Set<string>; edges: Set<string> }): void {
  for (const element of container.querySelectorAll(`[${ATTRIBUTE}]`)) {
    const id = element.getAttribute('data-node-id') ?? element.getAttribute('data-edge-id');
    if (!id || !(ids.nodes.has(id) || ids.edges.has(id))) element.removeAttribute(ATTRIBUTE);
  }
  for (const element of container.querySelectorAll('[data-node-id]')) if (ids.nodes.has(element.getAttribute('data-node-id')!)) element.setAttribute(ATTRIBUTE, '');
  for (const element of container.querySelectorAll('[data-edge-id]')) if (ids.edges.has(element.getAttribute('data-edge-id')!)) element.setAttribute(ATTRIBUTE, '');
}

/**
 * Marks the chain's nodes and edges inside `container` (the graph's SVG or its parent) until the
 * returned function is called. NOTE: only the SVG renderer draws elements to mark; a graph drawn
 * on canvas shows no highlight.
 */
export function highlightChain(container: Element, ids: { nodes: Set<string>; edges: Set<string> }): () => void {
  apply(container, ids);
  const observer = new MutationObserver((mutations) => {
    if (mutations.some((mutation) => mutation.type === 'childList' || mutation.attributeName !== ATTRIBUTE)) apply(container, ids);
  });
  observer.observe(container, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-node-id', 'data-edge-id', 'class'] });
  return () => {
    observer.disconnect();
    apply(container, { nodes: new Set(), edges: new Set() });
  };
}
