// The rules on the real sample evidence.

import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openBundle } from '../../../cli/fs-source';
import { analyseBundle, type AnalysedBundle } from '../../../shared/ingest/memory';
import { findingsOf } from '../../../shared/rules';
import type { Finding } from '../../../shared/rules/types';
import { REPO_ROOT, sample, SPOTTER_FOLDER, SPOTTER_SESSION } from '../../helpers/samples';

async function analyse(path: string): Promise<{ analysed: AnalysedBundle; findings: Finding[] }> {
  const analysed = await analyseBundle(await openBundle(path));
  const run = findingsOf(analysed.sessions, analysed.links);
  expect(run.diagnostics).toEqual([]);
  return { analysed, findings: run.findings };
}

describe('audit tampering in CloudTrail samples', () => {
  const cases = [
    ['aws.defense-evasion.cloudtrail-stop.json', 'StopLogging'],
    ['aws.defense-evasion.cloudtrail-delete.json', 'DeleteTrail'],
    ['aws.defense-evasion.bedrock-guardrail-delete.json', 'DeleteGuardrail'],
    ['aws.defense-evasion.bedrock-model-invocation-logging-delete.json', 'DeleteModelInvocationLoggingConfiguration'],
  ] as const;
  for (const [file, operation] of cases) {
    it(`raises audit-tampering on ${operation}`, async () => {
      const { analysed, findings } = await analyse(sample('cloudtrail', file));
      const tampering = findings.filter((finding) => finding.rule === 'audit-tampering');
      expect(tampering).toHaveLength(1);
      expect(tampering[0]!.severity).toBe('critical');
      const event = analysed.sessions.flatMap((session) => session.events).find((candidate) => candidate.id === tampering[0]!.events[0]);
      expect(event?.cloud?.operation).toBe(operation);
      expect(tampering[0]!.standards.map((standard) => standard.id)).toContain('ASI10');
    });
  }

  it('does not raise audit-tampering on other CloudTrail samples', async () => {
    const { findings } = await analyse(sample('cloudtrail', 'aws.persistence.iam-create-admin-user.json'));
    expect(findings.filter((finding) => finding.rule === 'audit-tampering')).toEqual([]);
    expect(findings.filter((finding) => finding.rule === 'iam-change').length).toBeGreaterThan(0);
  });
});

describe('spotter session', () => {
  let analysed: AnalysedBundle;
  let findings: Finding[];
  beforeAll(async () => {
    ({ analysed, findings } = await analyse(SPOTTER_FOLDER));
  });

  it('raises unapproved execution on every write and command', () => {
    const unapproved = findings.filter((finding) => finding.rule === 'unapproved-execution' && finding.session === SPOTTER_SESSION);
    expect(unapproved).toHaveLength(1);
    expect(unapproved[0]!.severity).toBe('high');
    expect(unapproved[0]!.summary).toContain('bypassPermissions');
    const session = analysed.sessions.find((candidate) => candidate.id === SPOTTER_SESSION)!;
    const expected = session.calls.filter((linked) => ['Bash', 'Edit', 'Write', 'MultiEdit'].includes(linked.call.tool?.name ?? '')).map((linked) => linked.call.id);
    expect(expected.length).toBeGreaterThan(100);
    for (const id of expected) expect(unapproved[0]!.events).toContain(id);
    const reads = session.calls.filter((linked) => linked.call.tool?.name === 'Read').map((linked) => linked.call.id);
    for (const id of reads) expect(unapproved[0]!.events).not.toContain(id);
  });

  it('does not flag the Explore sub-agent, which only read', () => {
    expect(findings.filter((finding) => finding.rule === 'subagent-beyond-task')).toEqual([]);
  });
});

describe('short.jsonl rejections', () => {
  it('counts the two rejections as denials and raises no misuse finding', async () => {
    const { analysed, findings } = await analyse(sample('claude-code', 'short.jsonl'));
    expect(analysed.summaries[0]!.denied).toBe(2);
    const denied = analysed.sessions[0]!.calls.filter((linked) => linked.decision.verdict === 'denied').map((linked) => linked.call.id);
    expect(denied).toHaveLength(2);
    const citing = findings.filter((finding) => finding.events.some((id) => denied.includes(id)));
    expect(citing).toEqual([]);
    expect(findings.filter((finding) => finding.rule === 'unapproved-execution' || finding.rule === 'denied-retried-another-way')).toEqual([]);
  });
});

describe('cross-source fixture', () => {
  it('links the obtained key to the cloud calls made with it', async () => {
    const { findings } = await analyse(join(REPO_ROOT, 'test', 'fixtures', 'cross-source'));
    const used = findings.filter((finding) => finding.rule === 'obtained-credential-cloud-use');
    expect(used).toHaveLength(1);
    expect(used[0]!.summary).toContain('ASIA…PLE1');
    expect(used[0]!.evidence.some((item) => item.text.includes('DeleteObject'))).toBe(true);
  });
});
