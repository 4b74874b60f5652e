import { afterEach, describe, expect, it } from 'vitest';
import type { AuthorityGraph } from '../../../shared/graph/types';
import { createGraphView } from '../../../renderer/graph/render';
import { AGENT_GRAPH, mountGraph, type MountedGraph } from './mount';
import '../../../renderer/styles.css';

const GRAPH = AGENT_GRAPH;

let mounted: MountedGraph | null = null;

afterEach(() => {
  mounted?.remove();
  mounted = null;
});

/** Ids of the elements in the graph that Tab can reach. */
function tabStops(): string[] {
  return Array.from(mounted!.container.querySelectorAll('[tabindex="0"]')).map((element) => element.getAttribute('data-node-id') ?? element.tagName);
}

function press(key: string): void {
  (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
}

describe('graph tab stop', () => {
  it('starts at the principal alone', () => {
    mounted = mountGraph(createGraphView, GRAPH, 900, 300);
    expect(tabStops()).toEqual(['principal']);
    expect(mounted.container.querySelector('svg')!.hasAttribute('tabindex')).toBe(false);
  });

  it('moves with the arrow keys', () => {
    mounted = mountGraph(createGraphView, GRAPH, 900, 300);
    mounted.container.querySelector<SVGGElement>('g.node[data-node-id="principal"]')!.focus();
    press('ArrowRight');
    expect(document.activeElement?.getAttribute('data-node-id')).toBe('agent:main');
    expect(tabStops()).toEqual(['agent:main']);
    press('ArrowRight');
    press('ArrowDown');
    expect(document.activeElement?.getAttribute('data-node-id')).toBe('tools:b');
    expect(tabStops()).toEqual(['tools:b']);
  });

  it('follows a clicked node', () => {
    mounted = mountGraph(createGraphView, GRAPH, 900, 300);
    mounted.container.querySelector('g.node[data-node-id="tools:a"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(tabStops()).toEqual(['tools:a']);
  });

  it('survives a redraw without its node', () => {
    mounted = mountGraph(createGraphView, GRAPH, 900, 300);
    mounted.container.querySelector('g.node[data-node-id="tools:b"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    const without: AuthorityGraph = { nodes: GRAPH.nodes.filter((node) => node.id !== 'tools:b'), edges: GRAPH.edges.filter((edge) => edge.target !== 'tools:b') };
    mounted.view.update(without, mounted.layout);
    expect(tabStops()).toEqual(['principal']);
  });

  it('names the event count in its title', () => {
    mounted = mountGraph(createGraphView, GRAPH, 900, 300);
    expect(mounted.container.querySelector('g.node[data-node-id="principal"] title')!.textContent).toBe('user\n1 event');
  });
});
