import { describe, expect, it } from 'vitest';
import { ChainIndex, custodyChain } from '../../../shared/graph/chain';
import { buildAuthorityGraph } from '../../../shared/graph/build';
import type { AgentEvent } from '../../../shared/model/events';
import { asAgentId, asEventId, asEvidenceKey, asSessionId } from '../../../shared/model/ids';
import type { EpochMs } from '../../../shared/model/time';
import { effectiveAuthority } from '../../../shared/session/authority';
import { linkSession } from '../../../shared/session/link';
import { summarizeSession } from '../../../shared/session/summary';

// Telemetry sources record "always allow" answers; no sample carries one, so this session is built
// from events in the normalised shape: a prompt, a Bash call approved for good, and a later Bash
// call that ran under that approval.
let seq = 0;
function event(fields: Partial<AgentEvent> & Pick<AgentEvent, 'id' | 'kind'>, at: number): AgentEvent {
  seq += 1;
  return {
    session: asSessionId('s1'),
    agent: asAgentId('main'),
    time: { ms: (1_700_000_000_000 + at * 1000) as EpochMs, original: String(at), zoneKnown: true },
    seq,
    block: 0,
    source: 'opentelemetry',
    raw: { evidence: asEvidenceKey('import/0'), line: seq, offset: 0, length: 1 },
    summary: String(fields.id),
    recordType: 'test',
    ...fields,
  };
}

const EVENTS: AgentEvent[] = [
  event({ id: asEventId('p1'), kind: 'prompt', mode: 'default' }, 0),
  event({ id: asEventId('c1'), kind: 'tool-call', tool: { name: 'Bash', callId: 'call-1' }, resources: [{ kind: 'command', value: 'git status', access: 'execute' }] }, 1),
  event({ id: asEventId('d1'), kind: 'decision', tool: { name: 'Bash', callId: 'call-1' }, decision: { verdict: 'approved', by: 'user-always', callId: 'call-1', reason: 'always allow Bash(git:*)' } }, 2),
  event({ id: asEventId('r1'), kind: 'tool-result', tool: { name: 'Bash', callId: 'call-1' }, outcome: 'success' }, 3),
  event({ id: asEventId('c2'), kind: 'tool-call', tool: { name: 'Bash', callId: 'call-2' }, resources: [{ kind: 'command', value: 'git push', access: 'execute' }] }, 4),
];

describe('standing approvals', () => {
  const session = linkSession(asSessionId('s1'), EVENTS);

  it('start at the always-allow decision', () => {
    expect(effectiveAuthority(session, 1).approvals).toEqual([]);
    const approvals = effectiveAuthority(session, 2).approvals;
    expect(approvals).toHaveLength(1);
    expect(approvals[0]!.tool).toBe('Bash');
    expect(approvals[0]!.by).toBe('user-always');
    expect(approvals[0]!.event).toBe('d1');
    expect(effectiveAuthority(session, 4).mode).toBe('default');
  });

  it('appear in the chain of the later call', () => {
    const graph = buildAuthorityGraph(session, summarizeSession(session));
    const group = graph.nodes.find((node) => node.kind === 'tool-group' && node.tool === 'Bash')!;
    const chain = custodyChain(graph, session, group.id, new ChainIndex(graph));
    const grants = chain.paths[0]!.grants;
    const standing = grants.filter((grant) => grant.kind === 'standing-approval');
    expect(standing).toHaveLength(1);
    expect(standing[0]!.label).toBe('user-always approval for Bash');
    expect(standing[0]!.detail).toBe('always allow Bash(git:*)');
    expect(standing[0]!.events).toEqual(['d1']);
    expect(grants.map((grant) => grant.kind)).toContain('decision');
  });
});
