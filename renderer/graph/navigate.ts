// Keyboard navigation over the drawn graph: arrow keys move the focus along edges (right to a
// target, left to a source) and between the nodes of a column (up and down); Home and End go to
// the first and last node of the column.

import type { AuthorityGraph } from '../../shared/graph/types';
import type { Layout, Point } from './layout';

export class GraphNavigator {
  private readonly targets = new Map<string, string[]>();
  private readonly sources = new Map<string, string[]>();
  private readonly columns = new Map<number, string[]>();
  private readonly first: string | null;

  constructor(graph: AuthorityGraph, private readonly layout: Layout) {
    for (const edge of graph.edges) {
      push(this.targets, edge.source, edge.target);
      push(this.sources, edge.target, edge.source);
    }
    for (const node of graph.nodes) {
      const at = layout.positions.get(node.id);
      if (at) push(this.columns, Math.round(at.x), node.id);
    }
    for (const column of this.columns.values()) column.sort((a, b) => this.at(a).y - this.at(b).y);
    this.first = graph.nodes.find((node) => node.kind === 'principal')?.id ?? graph.nodes[0]?.id ?? null;
  }

  /** The node keyboard focus starts at: the principal, else the first node. */
  get start(): string | null {
    return this.first;
  }

  private at(id: string): Point {
    return this.layout.positions.get(id) ?? { x: 0, y: 0 };
  }

  /** The node the key moves to from `from`, or `from` itself when there is nowhere to go. */
  move(from: string | null, key: string): string | null {
    if (from === null || !this.layout.positions.has(from)) return this.first;
    const here = this.at(from);
    const nearest = (ids: readonly string[]) => ids.reduce<string | null>((best, id) => (best === null || Math.abs(this.at(id).y - here.y) < Math.abs(this.at(best).y - here.y) ? id : best), null);
    if (key === 'ArrowRight') return nearest(this.targets.get(from) ?? []) ?? from;
    if (key === 'ArrowLeft') return nearest(this.sources.get(from) ?? []) ?? from;
    const column = this.columns.get(Math.round(here.x)) ?? [];
    if (key === 'ArrowUp' || key === 'ArrowDown') {
      const index = column.indexOf(from);
      const next = column[index + (key === 'ArrowUp' ? -1 : 1)];
      return next ?? from;
    }
    if (key === 'Home') return column[0] ?? from;
    if (key === 'End') return column.at(-1) ?? from;
    return from;
  }
}

function push<K>(map: Map<K, string[]>, key: K, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export const NAVIGATION_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End']);
