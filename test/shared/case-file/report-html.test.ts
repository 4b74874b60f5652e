import { describe, expect, it } from 'vitest';
import { renderCaseReport, type CaseReportInput } from '../../../shared/case-file/report-html';
import type { Annotation } from '../../../shared/case-file/types';

function annotation(id: string, targetKind: Annotation['targetKind'], targetId: string, note: string): Annotation {
  return { id, targetKind, targetId, session: 's1', label: 'suspicious', severity: 'high', note, author: 'Ann', createdAt: 0, updatedAt: 0 };
}

const BASE: CaseReportInput = {
  title: 'Case',
  caseId: 'c1',
  examiner: 'Ann',
  generatedAt: 0,
  app: { name: 'Custody', version: '0.1.0' },
  signer: null,
  evidence: [],
  annotations: [],
  chains: [],
  reviews: [],
  log: [],
};

const EVENT = { id: 'e1', kind: 'tool-call', time: 0, summary: 'rm -rf /', citation: null };

function articles(html: string): string[] {
  return [...html.matchAll(/<article data-target-kind="[^"]*">.*?<\/article>/gs)].map((match) => match[0]);
}

describe('case report annotations', () => {
  it('shows each target before its annotations', () => {
    const html = renderCaseReport({
      ...BASE,
      annotations: [
        { annotation: annotation('a1', 'edge', 'edge:1', 'first edge note'), events: [EVENT], target: { title: 'Edge: invoked', detail: 'main agent → Bash' } },
        { annotation: annotation('a2', 'finding', 'audit-tampering|s1|e1', 'finding note'), events: [EVENT], target: { title: 'Finding: Audit logging stopped (critical)', detail: 'StopLogging on trail main' } },
        { annotation: annotation('a3', 'edge', 'edge:1', 'second edge note'), events: [EVENT], target: { title: 'Edge: invoked', detail: 'main agent → Bash' } },
      ],
    });
    const [edge, finding] = articles(html);
    expect(articles(html)).toHaveLength(2);
    expect(edge).toContain('<h3>Edge: invoked</h3>');
    expect(edge).toContain('main agent → Bash');
    expect(edge!.indexOf('Edge: invoked')).toBeLessThan(edge!.indexOf('first edge note'));
    expect(edge).toContain('second edge note');
    expect(finding).toContain('<h3>Finding: Audit logging stopped (critical)</h3>');
    expect(finding).toContain('StopLogging on trail main');
    expect(finding).toContain('finding note');
    expect(finding).toContain('data-target-kind="finding"');
  });

  it('names a target it cannot describe', () => {
    const html = renderCaseReport({ ...BASE, annotations: [{ annotation: annotation('a1', 'finding', 'gone|s1|e9', 'note'), events: [] }] });
    expect(html).toContain('<h3>finding <code>gone|s1|e9</code></h3>');
  });

  it('escapes target descriptions', () => {
    const html = renderCaseReport({
      ...BASE,
      annotations: [{ annotation: annotation('a1', 'edge', 'x', 'note'), events: [], target: { title: 'Edge: <b>x</b>', detail: '<img src=https://example.com/a.png>' } }],
    });
    expect(html).not.toContain('<b>x</b>');
    expect(html).not.toContain('<img src=https');
    expect(html).toContain('&#60;img');
  });
});

describe('case report analyst text', () => {
  it('masks a key quoted in a note', () => {
    const html = renderCaseReport({ ...BASE, annotations: [{ annotation: annotation('a1', 'event', 'e1', 'The agent printed AKIAZZZZYYYYXXXXWWWW here'), events: [EVENT] }] });
    expect(html).not.toContain('AKIAZZZZYYYYXXXXWWWW');
    expect(html).toContain('[aws-access-key …WWWW fp:');
  });
});
