import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openBundle } from '../../../cli/fs-source';
import { buildAuthorityGraph } from '../../../shared/graph/build';
import { ChainIndex, custodyChain, type CustodyChain } from '../../../shared/graph/chain';
import type { AuthorityGraph } from '../../../shared/graph/types';
import { analyseBundle } from '../../../shared/ingest/memory';
import type { AgentEvent } from '../../../shared/model/events';
import type { EventId } from '../../../shared/model/ids';
import type { LinkedSession } from '../../../shared/session/link';
import { REPO_ROOT, SPOTTER_FOLDER } from '../../helpers/samples';

function kinds(chain: CustodyChain, path = 0): string[] {
  return chain.paths[path]!.grants.map((grant) => grant.kind);
}

describe('custody chain on the spotter session', () => {
  let graph: AuthorityGraph;
  let session: LinkedSession;
  let index: ChainIndex;
  beforeAll(async () => {
    const { sessions, summaries } = await analyseBundle(await openBundle(SPOTTER_FOLDER));
    session = sessions[0]!;
    graph = buildAuthorityGraph(session, summaries[0]!);
    index = new ChainIndex(graph);
  });

  it('leads every Edit back to the user', () => {
    const edits = graph.nodes.filter((node) => node.kind === 'tool-group' && node.tool === 'Edit');
    expect(edits.length).toBeGreaterThan(3);
    for (const edit of edits) {
      const chain = custodyChain(graph, session, edit.id, index);
      expect(chain.paths, edit.id).toHaveLength(1);
      const grants = chain.paths[0]!.grants;
      expect(grants[0]!.kind).toBe('principal');
      expect(grants[0]!.label).toContain('user');
      expect(grants.find((grant) => grant.kind === 'permission-mode')?.label).toBe('mode bypassPermissions');
      expect(grants.find((grant) => grant.kind === 'agent')?.node).toBe('agent:main');
      expect(grants.at(-1)!.kind).toBe('tool-call');
      expect(grants.at(-1)!.node).toBe(edit.id);
      expect(grants.some((grant) => grant.kind === 'delegation')).toBe(false);
    }
  });

  it('ends an edited file at the Edit call and the file', () => {
    const written = graph.edges.find((edge) => edge.kind === 'accessed' && edge.access === 'write' && edge.source.startsWith('tools:main:Edit:'))!;
    const chain = custodyChain(graph, session, written.target, index);
    const editPath = chain.paths.find((path) => path.grants.some((grant) => grant.node === written.source))!;
    expect(editPath.grants.map((grant) => grant.kind)).toEqual(['principal', 'permission-mode', 'agent', 'permission-mode', 'decision', 'tool-call', 'access']);
    const file = editPath.grants.at(-1)!;
    expect(file.node).toBe(written.target);
    expect(file.label).toMatch(/^write \//);
    expect(file.events.length).toBeGreaterThan(0);
    expect(chain.nodes.has('principal')).toBe(true);
    expect(chain.edges.has(written.id)).toBe(true);
  });

  it('shows the Task call behind a sub-agent Read', () => {
    const read = graph.nodes.find((node) => node.kind === 'tool-group' && node.agent === 'a2898e3' && node.tool === 'Read')!;
    expect(read).toBeDefined();
    const chain = custodyChain(graph, session, read.id, index);
    expect(kinds(chain)).toEqual(['principal', 'permission-mode', 'agent', 'delegation', 'agent', 'permission-mode', 'decision', 'tool-call']);
    const delegation = chain.paths[0]!.grants.find((grant) => grant.kind === 'delegation')!;
    expect(delegation.label).toBe('Task: Explore transcript rendering codebase');
    expect(delegation.detail).toContain('Very thorough exploration');
    const taskCall = session.byId.get(delegation.events[0]!);
    expect(taskCall?.tool?.name).toBe('Task');
    const subAgent = chain.paths[0]!.grants[4]!;
    expect(subAgent.node).toBe('agent:a2898e3');
  });

  it('cites evidence for every grant', () => {
    for (const node of graph.nodes) {
      const chain = custodyChain(graph, session, node.id, index);
      expect(chain.paths.length, node.id).toBeGreaterThan(0);
      for (const path of chain.paths) for (const grant of path.grants) expect(grant.events.length, `${node.id} ${grant.kind}`).toBeGreaterThan(0);
      for (const path of chain.paths) expect(path.grants[0]!.kind, node.id).toBe('principal');
    }
  });

  it('returns no path for an unknown node', () => {
    expect(custodyChain(graph, session, 'no-such-node', index).paths).toEqual([]);
  });
});

describe('custody chain across sources', () => {
  it('follows a cloud call back through the obtained key', async () => {
    const analysed = await analyseBundle(await openBundle(join(REPO_ROOT, 'test', 'fixtures', 'cross-source')));
    const position = analysed.sessions.findIndex((session) => session.id === 'c0ffee00-1111-4222-8333-444455556666');
    const events = new Map<EventId, AgentEvent>();
    for (const session of analysed.sessions) for (const event of session.events) events.set(event.id, event);
    const session = analysed.sessions[position]!;
    const graph = buildAuthorityGraph(session, analysed.summaries[position]!, { links: analysed.links, events });
    const deleteGroup = graph.nodes.find((node) => node.label === 's3:DeleteObject')!;
    const chain = custodyChain(graph, session, deleteGroup.id);
    const grants = chain.paths.flatMap((path) => path.grants.map((grant) => grant.kind));
    expect(grants[0]).toBe('principal');
    expect(grants).toContain('caused');
    expect(chain.paths.some((path) => path.grants.some((grant) => grant.kind === 'tool-call' && grant.label.startsWith('Bash')))).toBe(true);
  });
});
