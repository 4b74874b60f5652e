import { describe, expect, it } from 'vitest';
import type { AuthorityGraph, GraphEdge, GraphNode } from '../../../shared/graph/types';
import { layeredLayout } from '../../../renderer/graph/layout';
import { GraphNavigator } from '../../../renderer/graph/navigate';

function node(id: string, layer: number): GraphNode {
  return { id, kind: layer === 0 ? 'principal' : 'tool-group', label: id, layer, events: [] };
}

function edge(source: string, target: string): GraphEdge {
  return { id: `${source}->${target}`, kind: 'invoked', source, target, time: null, events: [] } as unknown as GraphEdge;
}

const GRAPH: AuthorityGraph = {
  nodes: [node('user', 0), node('a', 1), node('b', 1), node('c', 1)],
  edges: [edge('user', 'a'), edge('user', 'b'), edge('user', 'c')],
};

describe('GraphNavigator', () => {
  const navigator = new GraphNavigator(GRAPH, layeredLayout(GRAPH));

  it('starts at the principal', () => {
    expect(navigator.start).toBe('user');
  });

  it('moves down a column with arrows', () => {
    expect(navigator.move('a', 'ArrowDown')).toBe('b');
  });

  it('jumps to the column ends with Home and End', () => {
    expect(navigator.move('b', 'Home')).toBe('a');
    expect(navigator.move('a', 'End')).toBe('c');
  });

  it('stays on a lone node for Home', () => {
    expect(navigator.move('user', 'Home')).toBe('user');
  });
});
