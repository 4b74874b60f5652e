// The authority graph of one session: who started it, which agents acted, which tool calls they
// made under which decision, and what those calls touched. Every node and edge carries the ids
// of the events that prove it.

import type { AccessMode, ResourceKind, Verdict } from '../model/events';
import type { AgentId, EventId } from '../model/ids';
import type { EpochMs } from '../model/time';

export type NodeKind = 'principal' | 'agent' | 'sub-agent' | 'tool-group' | 'decision' | 'resource' | 'credential' | 'cloud-principal';

export type EdgeKind =
  | 'started'
  | 'delegated'
  | 'invoked'
  | 'allowed-by'
  | 'denied-by'
  | 'accessed'
  | 'obtained'
  | 'used'
  | 'minted'
  | 'acted-as'
  | 'caused';

export interface GraphNode {
  readonly id: string;
  readonly kind: NodeKind;
  /** Text from the evidence; render it as text, never as markup. */
  readonly label: string;
  /** Column in the left-to-right layered drawing. */
  readonly layer: number;
  readonly events: readonly EventId[];
  readonly agent?: AgentId;
  /** Tool groups: the tool, the number of calls, and how many failed or were denied. */
  readonly tool?: string;
  readonly count?: number;
  readonly failed?: number;
  readonly denied?: number;
  readonly resourceKind?: ResourceKind;
  readonly verdict?: Verdict;
}

export interface GraphEdge {
  readonly id: string;
  readonly kind: EdgeKind;
  readonly source: string;
  readonly target: string;
  readonly label?: string;
  readonly access?: AccessMode;
  /** Time of the first event proving the edge. */
  readonly time: EpochMs | null;
  readonly events: readonly EventId[];
  /**
   * How many of `events` are calls that failed: a tool result with an error, or a cloud call
   * with an error code. Set only on the edges that represent a call (`invoked`, `accessed` and a
   * cloud call's `used`), and only when the count is above zero.
   */
  readonly failed?: number;
}

export interface AuthorityGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}
