import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openBundle } from '../../../cli/fs-source';
import { buildAuthorityGraph } from '../../../shared/graph/build';
import type { AuthorityGraph } from '../../../shared/graph/types';
import { analyseBundle } from '../../../shared/ingest/memory';
import type { AgentEvent } from '../../../shared/model/events';
import type { EventId } from '../../../shared/model/ids';
import { REPO_ROOT } from '../../helpers/samples';

// The fixture: a Claude Code session whose Bash call assumes an AWS role and prints the temporary
// key, then lists and deletes an S3 object with it, and the CloudTrail records of those calls.
const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'cross-source');
const TRANSCRIPT = 'c0ffee00-1111-4222-8333-444455556666';

describe('graph of a transcript with cloud calls', () => {
  let graph: AuthorityGraph;
  beforeAll(async () => {
    const analysed = await analyseBundle(await openBundle(FIXTURE));
    const index = analysed.sessions.findIndex((session) => session.id === TRANSCRIPT);
    const events = new Map<EventId, AgentEvent>();
    for (const session of analysed.sessions) for (const event of session.events) events.set(event.id, event);
    graph = buildAuthorityGraph(analysed.sessions[index]!, analysed.summaries[index]!, { links: analysed.links, events });
  });

  it('shows the key the assume-role call obtained', () => {
    const obtained = graph.edges.filter((edge) => edge.kind === 'obtained');
    expect(obtained).toHaveLength(1);
    expect(obtained[0]!.source).toBe('tools:main:Bash:aws');
    const credential = graph.nodes.find((node) => node.id === obtained[0]!.target);
    expect(credential?.kind).toBe('credential');
    expect(credential?.label).toContain('ASIA…PLE1');
  });

  it('links the tool calls to the cloud calls they caused', () => {
    const caused = graph.edges.filter((edge) => edge.kind === 'caused');
    const targets = caused.map((edge) => graph.nodes.find((node) => node.id === edge.target)?.label).sort();
    expect(targets).toEqual(['s3:DeleteObject', 's3:ListObjects', 'sts:AssumeRole']);
    for (const edge of caused) expect(edge.label).toMatch(/^high confidence/);
  });

  it('shows the long-term key minting the temporary key', () => {
    const minted = graph.edges.filter((edge) => edge.kind === 'minted');
    expect(minted).toHaveLength(1);
    expect(graph.nodes.find((node) => node.id === minted[0]!.source)?.label).toContain('AKIA…TERM');
    expect(graph.nodes.find((node) => node.id === minted[0]!.target)?.label).toContain('ASIA…PLE1');
  });

  it('shows the role session the key acted as', () => {
    const actedAs = graph.edges.filter((edge) => edge.kind === 'acted-as').map((edge) => edge.target);
    expect(actedAs).toContain('cloud-principal:arn:aws:sts::111122223333:assumed-role/deploy/agent-run');
    expect(actedAs).toContain('cloud-principal:arn:aws:iam::111122223333:user/ci-operator');
  });
});

describe('report of the cross-source fixture', () => {
  it('lists the credential chain and the links', async () => {
    const { links } = await analyseBundle(await openBundle(FIXTURE));
    const temporary = [...links.credentials.values()].find((record) => record.masked === 'ASIA…PLE1')!;
    expect(temporary.minted).toHaveLength(1);
    expect(temporary.exposed.map((sighting) => sighting.session)).toEqual([TRANSCRIPT]);
    expect(temporary.used).toHaveLength(2);
    expect(links.causes.map((link) => link.confidence)).toEqual(['high', 'high', 'high']);
  });
});

describe('cloud call groups', () => {
  it('count each cloud event once', async () => {
    const analysed = await analyseBundle(await openBundle(FIXTURE));
    const index = analysed.sessions.findIndex((session) => session.id === TRANSCRIPT);
    const events = new Map<EventId, AgentEvent>();
    for (const session of analysed.sessions) for (const event of session.events) events.set(event.id, event);
    const graph = buildAuthorityGraph(analysed.sessions[index]!, analysed.summaries[index]!, { links: analysed.links, events });
    const assume = graph.nodes.find((node) => node.label === 'sts:AssumeRole');
    expect(assume?.count).toBe(1);
  });
});
