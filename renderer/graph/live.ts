// When each part of the graph became live: a node at the time of its first event, an edge at the
// time of its first proving event. The time scrubber dims what was not yet live.

import type { AuthorityGraph } from '../../shared/graph/types';

export type EventTime = (id: string) => number | null;

/** First event time of every node; nodes without a timed event are missing from the map. */
export function firstSeen(graph: AuthorityGraph, eventTime: EventTime): Map<string, number> {
  const times = new Map<string, number>();
  for (const node of graph.nodes) {
    let first = Infinity;
    for (const id of node.events) {
      const time = eventTime(id);
      if (time !== null && time < first) first = time;
    }
    if (first !== Infinity) times.set(node.id, first);
  }
  return times;
}

/** Ids of the nodes and edges that were not yet live at `time`. */
export function notYetLive(graph: AuthorityGraph, seen: ReadonlyMap<string, number>, time: number): Set<string> {
  const later = new Set<string>();
  for (const node of graph.nodes) {
    const first = seen.get(node.id);
    if (first !== undefined && first > time) later.add(node.id);
  }
  for (const edge of graph.edges) {
    if ((edge.time !== null && edge.time > time) || later.has(edge.source) || later.has(edge.target)) later.add(edge.id);
  }
  return later;
}
