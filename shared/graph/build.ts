// Builds the authority graph of one linked session.

import type { AgentEvent, Decision } from '../model/events';
import { MAIN_AGENT, type AgentId, type EventId } from '../model/ids';
import type { SessionSummary } from '../model/session';
import type { EpochMs } from '../model/time';
import type { LinkedAgent, LinkedCall, LinkedSession } from '../session/link';
import type { CaseLinks } from '../case/analyse';
import { addCloudActivity, addCredentials } from './cloud';
import { graphResources, groupTarget } from './grouping';
import type { AuthorityGraph, EdgeKind, GraphEdge, GraphNode } from './types';

export const PRINCIPAL_NODE = 'principal';

export function agentNodeId(agent: AgentId): string {
  return `agent:${agent}`;
}

export function toolGroupId(agent: AgentId, call: AgentEvent): string {
  return `tools:${agent}:${call.tool?.name ?? 'unknown'}:${groupTarget(call)}`;
}

/** Collects nodes and edges, merging repeats and their evidence. */
export class GraphBuilder {
  private readonly nodes = new Map<string, GraphNode & { events: EventId[] }>();
  private readonly edges = new Map<string, GraphEdge & { events: EventId[] }>();

  node(node: GraphNode, events: readonly EventId[] = []): void {
    const existing = this.nodes.get(node.id);
    if (existing) existing.events.push(...events);
    else this.nodes.set(node.id, { ...node, events: [...node.events, ...events] });
  }

  update(id: string, change: (node: GraphNode) => GraphNode): void {
    const existing = this.nodes.get(id);
    if (existing) this.nodes.set(id, { ...change(existing), events: existing.events });
  }

  /** Adds an edge or adds `event` to the existing one; `failed` marks the event as a call that failed. */
  edge(kind: EdgeKind, source: string, target: string, event: AgentEvent | undefined, extra: Pick<GraphEdge, 'label' | 'access'> = {}, failed = false): void {
    const id = `${kind}:${source}->${target}${extra.access ? `:${extra.access}` : ''}`;
    const existing = this.edges.get(id);
    const time = (event?.time?.ms ?? null) as EpochMs | null;
    if (existing) {
      if (event) existing.events.push(event.id);
      if (event && failed) this.edges.set(id, { ...existing, failed: (existing.failed ?? 0) + 1 });
      return;
    }
    this.edges.set(id, { ...extra, id, kind, source, target, time, events: event ? [event.id] : [], ...(event && failed ? { failed: 1 } : {}) });
  }

  build(): AuthorityGraph {
    return { nodes: [...this.nodes.values()], edges: [...this.edges.values()] };
  }
}

function agentDepth(agent: LinkedAgent, agents: ReadonlyMap<AgentId, LinkedAgent>): number {
  let depth = 1;
  let current: LinkedAgent | undefined = agent;
  const seen = new Set<AgentId>();
  while (current?.parentId && !seen.has(current.id)) {
    seen.add(current.id);
    depth += 1;
    current = agents.get(current.parentId);
  }
  return depth;
}

function agentLabel(agent: LinkedAgent, summary: SessionSummary): string {
  if (agent.role === 'main') return summary.models[0] ? `main agent (${summary.models[0]})` : 'main agent';
  if (agent.role === 'compaction') return `compaction ${agent.id}`;
  const type = agent.spawnCall?.attrs?.subagentType;
  return typeof type === 'string' && type ? `sub-agent ${agent.id} (${type})` : `sub-agent ${agent.id}`;
}

function decisionNode(agent: AgentId, decision: Decision, layer: number): GraphNode {
  const label =
    decision.verdict === 'not-asked'
      ? `not asked: ${decision.reason ?? decision.by}`
      : decision.verdict === 'denied'
        ? `denied by ${decision.by}`
        : `approved (${decision.by === 'unknown' ? 'approver not recorded' : decision.by})`;
  return { id: `decision:${agent}:${decision.verdict}:${decision.by}`, kind: 'decision', label, layer, events: [], agent, verdict: decision.verdict };
}

/** What the graph of one session may draw from the rest of the case. */
export interface CaseContext {
  readonly links: CaseLinks;
  /** Events of the related sessions (those sharing a credential), by id. */
  readonly events: ReadonlyMap<EventId, AgentEvent>;
}

export function buildAuthorityGraph(session: LinkedSession, summary: SessionSummary, context?: CaseContext): AuthorityGraph {
  const graph = new GraphBuilder();
  const agents = [...session.agents.values()].filter((agent) => agent.role !== 'cloud-principal' && agent.role !== 'record');
  const depths = new Map<AgentId, number>();
  for (const agent of agents) depths.set(agent.id, agentDepth(agent, session.agents));
  const maxDepth = Math.max(1, ...depths.values());
  if (agents.length > 0) {
    const firstPrompt = session.events.find((event) => event.kind === 'prompt');
    graph.node({ id: PRINCIPAL_NODE, kind: 'principal', label: summary.principal ?? 'user (identity not recorded in this source)', layer: 0, events: [] }, firstPrompt ? [firstPrompt.id] : []);
  }
  for (const agent of agents) addAgent(graph, agent, summary, session, depths.get(agent.id)!, maxDepth);
  const toolLayer = maxDepth + 1;
  addCloudActivity(graph, session, agents.length > 0 ? toolLayer + 3 : 1);
  addCredentials(graph, session, toolLayer, context);
  return graph.build();
}

function addAgent(graph: GraphBuilder, agent: LinkedAgent, summary: SessionSummary, session: LinkedSession, depth: number, maxDepth: number): void {
  const id = agentNodeId(agent.id);
  const firstEvent = session.events.find((event) => event.agent === agent.id);
  graph.node({ id, kind: agent.role === 'main' ? 'agent' : 'sub-agent', label: agentLabel(agent, summary), layer: depth, events: [], agent: agent.id }, firstEvent ? [firstEvent.id] : []);
  if (agent.id === MAIN_AGENT) {
    const modes = summary.permissionModes.join(', ');
    const modeEvent = session.events.find((event) => event.mode);
    graph.edge('started', PRINCIPAL_NODE, id, modeEvent ?? firstEvent, modes ? { label: `mode ${modes}` } : {});
  } else {
    const parent = agentNodeId(agent.parentId ?? MAIN_AGENT);
    const description = agent.spawnCall?.attrs?.description;
    const evidence = agent.spawnCall ?? agent.delegations[0] ?? firstEvent;
    graph.edge('delegated', parent, id, evidence, typeof description === 'string' && description ? { label: description } : {});
    for (const delegation of agent.delegations) graph.edge('delegated', parent, id, delegation);
  }
  for (const call of agent.calls) addCall(graph, agent.id, call, maxDepth + 1);
}

function addCall(graph: GraphBuilder, agent: AgentId, linked: LinkedCall, layer: number): void {
  const call = linked.call;
  const tool = call.tool?.name ?? 'unknown';
  const target = groupTarget(call);
  const groupId = toolGroupId(agent, call);
  const failed = linked.result?.outcome === 'error';
  const denied = linked.decision.verdict === 'denied' ? 1 : 0;
  graph.node({ id: groupId, kind: 'tool-group', label: target ? `${tool} ${target}` : tool, layer, events: [], agent, tool, count: 0, failed: 0, denied: 0 }, [call.id]);
  graph.update(groupId, (node) => ({ ...node, count: (node.count ?? 0) + 1, failed: (node.failed ?? 0) + (failed ? 1 : 0), denied: (node.denied ?? 0) + denied }));
  graph.edge('invoked', agentNodeId(agent), groupId, call, {}, failed);
  const decision = decisionNode(agent, linked.decision, layer + 1);
  graph.node(decision, [linked.decisionEvent?.id ?? call.id]);
  graph.edge(linked.decision.verdict === 'denied' ? 'denied-by' : 'allowed-by', groupId, decision.id, linked.decisionEvent ?? call, { label: linked.decision.verdict });
  if (linked.decision.verdict === 'denied') return;
  for (const ref of graphResources(call)) {
    const resourceId = `resource:${ref.kind}:${ref.value}`;
    graph.node({ id: resourceId, kind: 'resource', label: ref.value, layer: layer + 2, events: [], resourceKind: ref.kind }, [call.id]);
    graph.edge('accessed', groupId, resourceId, call, { access: ref.access, label: ref.access }, failed);
  }
}
