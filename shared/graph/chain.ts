// Custody chain: for a node of the authority graph, the paths of grants from the root (the human
// principal, or a cloud principal when the session has no agent) to that node, each grant with
// the events that prove it. A grant is one step that made the next possible: the session start
// under a permission mode, a delegation through a Task call, a decision on a tool call, a
// standing approval, a credential obtained earlier or minted from another one.

import type { AgentEvent } from '../model/events';
import type { EventId } from '../model/ids';
import type { LinkedCall, LinkedSession } from '../session/link';
import { STANDING_DECISIONS } from '../session/authority';
import type { AuthorityGraph, EdgeKind, GraphEdge, GraphNode } from './types';

export type GrantKind =
  | 'principal'
  | 'permission-mode'
  | 'agent'
  | 'delegation'
  | 'decision'
  | 'standing-approval'
  | 'tool-call'
  | 'access'
  | 'credential-obtained'
  | 'credential-used'
  | 'minted'
  | 'acted-as'
  | 'caused'
  | 'cloud-call';

export interface Grant {
  readonly kind: GrantKind;
  /** The node the grant reaches, when it reaches one. */
  readonly node?: string;
  /** The graph edge the grant follows, when it follows one. */
  readonly edge?: string;
  /** Text from the evidence; render it as text, never as markup. */
  readonly label: string;
  /** Longer evidence text: a delegation's prompt, a decision's reason. */
  readonly detail?: string;
  readonly events: readonly EventId[];
}

export interface ChainPath {
  /** Grants from the root to the target, in order. */
  readonly grants: readonly Grant[];
}

export interface CustodyChain {
  readonly target: string;
  readonly paths: readonly ChainPath[];
  /** Every node and edge on any path, for highlighting. */
  readonly nodes: ReadonlySet<string>;
  readonly edges: ReadonlySet<string>;
  /** True when more paths reach the target than `MAX_CHAIN_PATHS`. */
  readonly truncated: boolean;
}

/** Paths listed per target; a file read by hundreds of call groups lists the first ones only. */
export const MAX_CHAIN_PATHS = 40;

/** Edges followed backwards from their target to their source: the source granted the target. */
const GRANTING_EDGES: ReadonlySet<EdgeKind> = new Set(['started', 'delegated', 'invoked', 'accessed', 'caused', 'obtained', 'minted', 'acted-as']);

interface Step {
  readonly from: string;
  readonly edge: GraphEdge;
}

/** Links each node to the nodes that granted it, and finds each node's shortest path to a root. */
export class ChainIndex {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  private readonly granters = new Map<string, Step[]>();
  private readonly decisions = new Map<string, GraphEdge[]>();
  private readonly best = new Map<string, Step | null>();

  constructor(readonly graph: AuthorityGraph) {
    this.nodes = new Map(graph.nodes.map((node) => [node.id, node]));
    for (const edge of graph.edges) {
      if (GRANTING_EDGES.has(edge.kind)) this.push(this.granters, edge.target, { from: edge.source, edge });
      // A call group that used a credential was granted by it.
      else if (edge.kind === 'used') this.push(this.granters, edge.source, { from: edge.target, edge });
      else if (edge.kind === 'allowed-by' || edge.kind === 'denied-by') {
        this.push(this.decisions, edge.source, edge);
        // A decision node is reached through the calls it decided on.
        this.push(this.granters, edge.target, { from: edge.source, edge });
      }
    }
    this.searchFromRoots();
  }

  private push<T>(map: Map<string, T[]>, key: string, value: T): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  }

  /** Breadth-first search from the roots along granting edges, so each node keeps its shortest path. */
  private searchFromRoots(): void {
    const granted = new Map<string, Step[]>();
    for (const [target, steps] of this.granters) for (const step of steps) this.push(granted, step.from, { from: target, edge: step.edge });
    // The principal's wave runs first, so a node reachable from the human keeps that path even
    // when a root closer to it exists (a long-lived key that minted the one an agent obtained).
    const roots = this.graph.nodes.filter((node) => !this.granters.has(node.id));
    const principals = roots.filter((node) => node.kind === 'principal');
    const others = roots.filter((node) => node.kind !== 'principal');
    this.spread(granted, principals.map((node) => node.id));
    this.spread(granted, others.map((node) => node.id).filter((id) => !this.best.has(id)));
    // Nodes on a cycle with no root (broken evidence) start their own wave.
    for (const node of this.graph.nodes) if (!this.best.has(node.id)) this.spread(granted, [node.id]);
  }

  private spread(granted: ReadonlyMap<string, Step[]>, starts: readonly string[]): void {
    const queue: string[] = [];
    for (const id of starts) {
      this.best.set(id, null);
      queue.push(id);
    }
    for (let head = 0; head < queue.length; head += 1) {
      const id = queue[head]!;
      for (const next of granted.get(id) ?? []) {
        if (this.best.has(next.from)) continue;
        this.best.set(next.from, { from: id, edge: next.edge });
        queue.push(next.from);
      }
    }
  }

  grantersOf(id: string): readonly Step[] {
    return this.granters.get(id) ?? [];
  }

  decisionsOf(id: string): readonly GraphEdge[] {
    return this.decisions.get(id) ?? [];
  }

  /** The shortest chain of steps from a root to `id`, root first; empty when `id` is a root or unreachable. */
  pathTo(id: string): Step[] {
    const steps: Step[] = [];
    const seen = new Set<string>([id]);
    let current = this.best.get(id);
    let node = id;
    while (current) {
      steps.push({ from: current.from, edge: current.edge });
      if (seen.has(current.from)) break;
      seen.add(current.from);
      node = current.from;
      current = this.best.get(node);
    }
    return steps.reverse();
  }
}

/** Returns the custody chain of `target`: one path per node that granted it directly, each continued by its shortest path to a root. */
export function custodyChain(graph: AuthorityGraph, session: LinkedSession, target: string, index: ChainIndex = new ChainIndex(graph)): CustodyChain {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  const node = index.nodes.get(target);
  if (!node) return { target, paths: [], nodes, edges, truncated: false };
  const direct = index.grantersOf(target);
  const routes: Step[][] = direct.length === 0 ? [[]] : direct.slice(0, MAX_CHAIN_PATHS).map((step) => [...index.pathTo(step.from), step]);
  const paths = routes.map((route) => {
    const grants: Grant[] = [];
    const first = route[0]?.from ?? target;
    grants.push(...nodeGrants(index, session, index.nodes.get(first)!, undefined));
    nodes.add(first);
    for (const step of route) {
      const reached = step.edge.kind === 'used' ? step.edge.source : step.edge.target;
      const reachedNode = index.nodes.get(reached);
      if (!reachedNode) continue;
      nodes.add(reached);
      edges.add(step.edge.id);
      for (const decision of index.decisionsOf(reached)) {
        edges.add(decision.id);
        nodes.add(decision.target);
      }
      grants.push(...nodeGrants(index, session, reachedNode, step.edge));
    }
    return { grants };
  });
  return { target, paths, nodes, edges, truncated: direct.length > MAX_CHAIN_PATHS };
}

function calledIn(session: LinkedSession, node: GraphNode): LinkedCall[] {
  const calls: LinkedCall[] = [];
  for (const id of node.events) {
    const callId = session.byId.get(id)?.tool?.callId;
    const linked = callId ? session.callsById.get(callId) : undefined;
    if (linked && linked.call.id === id) calls.push(linked);
  }
  return calls;
}

function stringAttr(event: AgentEvent | undefined, key: string): string | undefined {
  const value = event?.attrs?.[key];
  return typeof value === 'string' && value ? value : undefined;
}

/** The grants that an edge into `node`, and `node` itself, stand for. */
function nodeGrants(index: ChainIndex, session: LinkedSession, node: GraphNode, edge: GraphEdge | undefined): Grant[] {
  const at = { node: node.id, ...(edge ? { edge: edge.id } : {}) };
  const edgeEvents = edge?.events ?? [];
  switch (node.kind) {
    case 'principal':
      return [{ kind: 'principal', node: node.id, label: node.label, events: node.events }];
    case 'agent':
    case 'sub-agent':
      return [...agentEntry(session, node, edge), { kind: 'agent', ...at, label: node.label, events: node.events }];
    case 'tool-group':
      if (edge?.kind === 'caused') return [{ kind: 'caused', ...at, label: `${node.label} (${edge.label ?? 'correlated'})`, events: edgeEvents }, { kind: 'cloud-call', node: node.id, label: node.label, events: node.events }];
      if (edge?.kind === 'used' || index.nodes.get(edge?.source ?? '')?.kind === 'cloud-principal') return [...(edge?.kind === 'used' ? [{ kind: 'credential-used' as const, ...at, label: 'signed with this credential', events: edgeEvents }] : []), { kind: 'cloud-call', node: node.id, label: `${node.label} ×${node.count ?? 1}`, events: node.events }];
      return [...callGrants(index, session, node), { kind: 'tool-call', ...at, label: node.count && node.count > 1 ? `${node.label} ×${node.count}` : node.label, events: node.events }];
    case 'resource':
      return [{ kind: 'access', ...at, label: `${edge?.access ?? 'accessed'} ${node.label}`, events: edgeEvents.length > 0 ? edgeEvents : node.events }];
    case 'credential':
      if (edge?.kind === 'minted') return [{ kind: 'minted', ...at, label: `minted ${node.label}${edge.label ? ` by ${edge.label}` : ''}`, events: edgeEvents }];
      return [{ kind: 'credential-obtained', ...at, label: `obtained ${node.label}`, events: edgeEvents.length > 0 ? edgeEvents : node.events }];
    case 'cloud-principal':
      return [{ kind: edge?.kind === 'acted-as' ? 'acted-as' : 'agent', ...at, label: edge?.kind === 'acted-as' ? `acted as ${node.label}` : node.label, events: edgeEvents.length > 0 ? edgeEvents : node.events }];
    case 'decision':
      return [{ kind: 'decision', ...at, label: node.label, events: node.events }];
  }
}

/** The start of a session under its permission mode, or a delegation through the spawning call. */
function agentEntry(session: LinkedSession, node: GraphNode, edge: GraphEdge | undefined): Grant[] {
  if (!edge) return [];
  if (edge.kind === 'started') {
    return [{ kind: 'permission-mode', edge: edge.id, label: edge.label ?? 'permission mode not recorded', events: edge.events }];
  }
  if (edge.kind !== 'delegated') return [];
  const agent = node.agent ? session.agents.get(node.agent) : undefined;
  const spawn = agent?.spawnCall;
  const description = stringAttr(spawn, 'description') ?? edge.label;
  const task = agent?.delegations.map((event) => event.delegation?.task).find((value) => value);
  const tool = spawn?.tool?.name ?? 'delegation';
  return [{ kind: 'delegation', edge: edge.id, label: description ? `${tool}: ${description}` : tool, ...(task ? { detail: task } : {}), events: edge.events }];
}

/** The decisions, modes and standing approvals under which a group's calls ran. */
function callGrants(index: ChainIndex, session: LinkedSession, node: GraphNode): Grant[] {
  const grants: Grant[] = [];
  const calls = calledIn(session, node);
  const modes = new Map<string, EventId[]>();
  for (const linked of calls) {
    if (!linked.mode) continue;
    const list = modes.get(linked.mode) ?? [];
    list.push(linked.call.id);
    modes.set(linked.mode, list);
  }
  for (const [mode, events] of modes) grants.push({ kind: 'permission-mode', node: node.id, label: `mode ${mode} in force`, events });
  for (const approval of standingApprovals(session, node, calls)) grants.push(approval);
  for (const edge of index.decisionsOf(node.id)) {
    const decision = index.nodes.get(edge.target);
    const reasons = [...new Set(calls.filter((linked) => decisionNodeMatches(linked, decision)).map((linked) => linked.decision.reason).filter((reason): reason is string => !!reason))];
    grants.push({ kind: 'decision', node: edge.target, edge: edge.id, label: decision?.label ?? edge.label ?? edge.kind, ...(reasons.length > 0 ? { detail: reasons.slice(0, 3).join('\n') } : {}), events: edge.events });
  }
  return grants;
}

function decisionNodeMatches(linked: LinkedCall, decision: GraphNode | undefined): boolean {
  return !!decision && linked.decision.verdict === decision.verdict;
}

/** Approvals for the group's tool recorded before its first call, which allow later calls without asking. */
function standingApprovals(session: LinkedSession, node: GraphNode, calls: readonly LinkedCall[]): Grant[] {
  if (!node.tool || calls.length === 0) return [];
  const lastCall = calls.reduce((latest, linked) => Math.max(latest, linked.call.time?.ms ?? Number.MAX_SAFE_INTEGER), 0);
  const grants: Grant[] = [];
  for (const event of session.events) {
    if ((event.time?.ms ?? Number.MAX_SAFE_INTEGER) > lastCall) break;
    const decision = event.decision;
    if (!decision || decision.verdict !== 'approved' || !STANDING_DECISIONS.has(decision.by)) continue;
    const decided = decision.callId ? session.callsById.get(decision.callId) : undefined;
    const tool = event.tool?.name ?? decided?.call.tool?.name;
    if (tool && tool !== node.tool) continue;
    grants.push({ kind: 'standing-approval', node: node.id, label: `${decision.by} approval${tool ? ` for ${tool}` : ''}`, ...(decision.reason ? { detail: decision.reason } : {}), events: [event.id] });
  }
  return grants;
}
