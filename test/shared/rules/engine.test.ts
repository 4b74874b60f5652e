import { describe, expect, it } from 'vitest';
import { analyseCase } from '../../../shared/case/analyse';
import { describeRule, findingsOf, loadRuleFile } from '../../../shared/rules';
import { reportFinding } from '../../../shared/report/report';
import { session } from './build';

const STOP_RULE = 'id: stop-seen\ntitle: StopLogging seen\nseverity: high\nmatch: { field: cloud.operation, equals: StopLogging }\n';

function stopLoggingFindings() {
  const cloud = session('cloud', { source: 'cloudtrail' });
  cloud.cloud({ service: 'cloudtrail.amazonaws.com', operation: 'StopLogging' });
  const linked = [cloud.link()];
  const loaded = loadRuleFile(STOP_RULE, 'team.yaml');
  expect(loaded.diagnostics).toEqual([]);
  return findingsOf(linked, analyseCase(linked), loaded.rules).findings;
}

describe('rule origins on findings', () => {
  it('names the rule file', () => {
    const findings = stopLoggingFindings();
    const fromFile = findings.find((finding) => finding.rule === 'stop-seen');
    expect(fromFile?.ruleFile).toBe('team.yaml');
    expect(describeRule(fromFile!)).toBe('rule stop-seen from team.yaml');
    expect(reportFinding(fromFile!).ruleFile).toBe('team.yaml');
  });

  it('leaves built-in findings without a file', () => {
    const builtIn = stopLoggingFindings().find((finding) => finding.rule === 'audit-tampering');
    expect(builtIn).toBeDefined();
    expect(builtIn!.ruleFile).toBeUndefined();
    expect('ruleFile' in reportFinding(builtIn!)).toBe(false);
    expect(describeRule(builtIn!)).toBe('built-in rule audit-tampering');
  });
});
