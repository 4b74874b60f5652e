// The cloud side of the authority graph: cloud principals and the API calls they made (grouped
// by operation), the credentials that signed them, which credential minted which, and the links
// from an agent's tool calls to the cloud calls they caused.

import type { AgentEvent } from '../model/events';
import type { AgentId, EventId } from '../model/ids';
import type { LinkedSession } from '../session/link';
import type { CredentialRecord } from '../case/credentials';
import type { CaseContext, GraphBuilder } from './build';
import { toolGroupId } from './build';

export function cloudPrincipalId(principal: string): string {
  return `cloud-principal:${principal}`;
}

export function credentialNodeId(fingerprint: string): string {
  return `credential:${fingerprint}`;
}

function service(event: AgentEvent): string {
  return (event.cloud?.service ?? 'cloud').replace(/\.amazonaws\.com$/, '');
}

export function cloudGroupId(event: AgentEvent): string {
  return `cloud:${event.cloud?.principal ?? event.agent}:${service(event)}:${event.cloud?.operation ?? 'unknown'}`;
}

/** Names a cloud principal, in the graph and the timeline, by its type and the last part of its ARN. */
export function principalLabel(principal: string, type: string | undefined): string {
  const name = principal.split(':').pop() ?? principal;
  return type ? `${type} ${name}` : name;
}

/** Cloud events already drawn in each graph: one event reached through several links counts once. */
const drawn = new WeakMap<GraphBuilder, Set<EventId>>();

/** Adds one cloud call: its principal, its operation group, its resources and its credentials. */
function addCloudCall(graph: GraphBuilder, event: AgentEvent, layer: number): string {
  const seen = drawn.get(graph) ?? new Set<EventId>();
  drawn.set(graph, seen);
  if (seen.has(event.id)) return cloudGroupId(event);
  seen.add(event.id);
  const principal = event.cloud?.principal ?? event.agent;
  const principalId = cloudPrincipalId(principal);
  graph.node({ id: principalId, kind: 'cloud-principal', label: principalLabel(principal, event.cloud?.principalType), layer, events: [] }, [event.id]);
  const groupId = cloudGroupId(event);
  const failed = Boolean(event.cloud?.errorCode);
  graph.node({ id: groupId, kind: 'tool-group', label: `${service(event)}:${event.cloud?.operation ?? 'unknown'}`, layer: layer + 1, events: [], tool: `${service(event)}:${event.cloud?.operation ?? ''}`, count: 0, failed: 0, denied: 0 }, [event.id]);
  graph.update(groupId, (node) => ({ ...node, count: (node.count ?? 0) + 1, failed: (node.failed ?? 0) + (failed ? 1 : 0) }));
  graph.edge('invoked', principalId, groupId, event, {}, failed);
  for (const ref of event.resources ?? []) {
    const resourceId = `resource:${ref.kind}:${ref.value}`;
    graph.node({ id: resourceId, kind: 'resource', label: ref.value, layer: layer + 3, events: [], resourceKind: ref.kind }, [event.id]);
    graph.edge('accessed', groupId, resourceId, event, { access: ref.access, label: ref.access }, failed);
  }
  for (const ref of event.credentials ?? []) {
    const credentialId = credentialNodeId(ref.fingerprint);
    graph.node({ id: credentialId, kind: 'credential', label: `${ref.masked} (${ref.kind})`, layer: layer + 2, events: [] }, [event.id]);
    if (ref.action === 'used') {
      graph.edge('used', groupId, credentialId, event, {}, failed);
      graph.edge('acted-as', credentialId, principalId, event);
    }
    if (ref.action === 'issued' && ref.issuedWith) {
      const parentId = credentialNodeId(ref.issuedWith);
      graph.edge('minted', parentId, credentialId, event, { label: `${service(event)}:${event.cloud?.operation ?? ''}` });
    }
  }
  return groupId;
}

/** Draws the cloud calls of a cloud audit session. */
export function addCloudActivity(graph: GraphBuilder, session: LinkedSession, layer: number): void {
  for (const event of session.events) {
    if (event.kind === 'cloud-call' || event.kind === 'authentication') addCloudCall(graph, event, layer);
  }
}

function callAgent(session: LinkedSession, callId: string | undefined): { agent: AgentId; call: AgentEvent } | null {
  const linked = callId ? session.callsById.get(callId) : undefined;
  return linked ? { agent: linked.call.agent, call: linked.call } : null;
}

/**
 * Draws credentials that the session's tool calls obtained or named, and, from the rest of the
 * case, the cloud calls those tool calls caused, with the principals the credentials acted as.
 */
export function addCredentials(graph: GraphBuilder, session: LinkedSession, toolLayer: number, context: CaseContext | undefined): void {
  for (const event of session.events) {
    if (event.kind !== 'tool-result' && event.kind !== 'tool-call') continue;
    const owner = callAgent(session, event.tool?.callId);
    if (!owner) continue;
    for (const ref of event.credentials ?? []) {
      const credentialId = credentialNodeId(ref.fingerprint);
      graph.node({ id: credentialId, kind: 'credential', label: `${ref.masked} (${ref.kind})`, layer: toolLayer + 2, events: [] }, [event.id]);
      graph.edge(ref.action === 'exposed' ? 'obtained' : 'used', toolGroupId(owner.agent, owner.call), credentialId, event);
    }
  }
  if (!context) return;
  for (const link of context.links.causes) {
    if (link.toolSession !== session.id) continue;
    const cloud = context.events.get(link.cloudEvent);
    const call = session.byId.get(link.toolCall);
    if (!cloud || !call) continue;
    const groupId = addCloudCall(graph, cloud, toolLayer + 3);
    graph.edge('caused', toolGroupId(call.agent, call), groupId, call, { label: `${link.confidence} confidence (${link.score})` });
    const record: CredentialRecord | undefined = context.links.credentials.get(link.credential);
    for (const minted of record?.minted ?? []) {
      const issuing = context.events.get(minted.event as EventId);
      if (issuing) addCloudCall(graph, issuing, toolLayer + 3);
    }
  }
}
