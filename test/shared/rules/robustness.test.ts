// Rules meet events of any shape: missing fields, wrong types, huge and hostile values.

import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../shared/model/events';
import { asEventId } from '../../../shared/model/ids';
import { loadRuleFile } from '../../../shared/rules/load';
import { BUILTIN_RULES } from '../../../shared/rules/builtin';
import { runRules } from '../../../shared/rules/engine';
import { parseCommandLine } from '../../../shared/rules/shell';
import { analyseCase } from '../../../shared/case/analyse';
import { session } from './build';

const ODD_INPUTS: unknown[] = [
  null,
  42,
  'a string input',
  [],
  [1, 'two', null],
  { command: 12 },
  { command: ['bash', '-lc', 'rm -rf /tmp/x'] },
  { command: { nested: true } },
  { cmd: null, url: 7 },
  { file_path: ['a', 'b'] },
  { command: `${'a'.repeat(100_000)} && rm -rf /` },
  { command: '"unterminated \'quote `tick $(sub' },
  { command: 'bash -c "bash -c \\"bash -c \\\\\\"rm -rf x\\\\\\"\\""' },
];

describe('rules on odd events', () => {
  it('never throw and report no diagnostics', () => {
    const s = session();
    s.prompt('go', 'bypassPermissions');
    for (const input of ODD_INPUTS) s.call('Bash', input as Record<string, unknown>, { output: 'x'.repeat(10) });
    s.events.push({ ...s.events[1]!, id: asEventId('odd-resources'), resources: [null, { kind: 'file', value: 5, access: 'write' }] as unknown as AgentEvent['resources'] });
    s.events.push({ ...s.events[1]!, id: asEventId('odd-tool'), tool: { name: 7 } as unknown as AgentEvent['tool'], attrs: { output: 3 as unknown as string } });
    s.events.push({ ...s.events[1]!, id: asEventId('odd-cloud'), kind: 'cloud-call', cloud: { service: null, operation: undefined } as unknown as AgentEvent['cloud'], input: { requestParameters: 'x' } });
    s.events.push({ ...s.events[1]!, id: asEventId('odd-credentials'), credentials: [null, { fingerprint: 'fp', action: 'exposed' }] as unknown as AgentEvent['credentials'] });
    s.events.push({ ...s.events[1]!, id: asEventId('no-time'), time: null, attrs: undefined });
    const linked = s.link();
    // The case links are built by analyseCase, which trusts the reader's types, so they stay empty here.
    const run = runRules(BUILTIN_RULES, { sessions: [linked], links: { credentials: new Map(), causes: [] } });
    expect(run.diagnostics).toEqual([]);
    expect(run.findings.length).toBeGreaterThan(0);
  });

  it('report a throwing rule as a diagnostic and keep the others', () => {
    const s = session();
    s.call('Bash', { command: 'rm -rf build' });
    const linked = s.link();
    const broken = { ...BUILTIN_RULES[0]!, id: 'broken', evaluate: () => { throw new Error('boom'); } };
    const run = runRules([broken, ...BUILTIN_RULES], { sessions: [linked], links: analyseCase([linked]) });
    expect(run.diagnostics).toEqual([{ rule: 'broken', message: 'Rule broken failed and was skipped: boom' }]);
    expect(run.findings.some((finding) => finding.rule === 'destructive-command')).toBe(true);
  });

  it('sort by severity first', () => {
    const s = session();
    s.prompt('go', 'bypassPermissions');
    s.call('WebFetch', { url: 'https://example.com' });
    s.call('Bash', { command: 'rm -rf /' });
    const linked = s.link();
    const severities = runRules(BUILTIN_RULES, { sessions: [linked], links: analyseCase([linked]) }).findings.map((finding) => finding.severity);
    expect(severities).toEqual(['critical', 'high', 'low']);
  });

  it('data rules survive fields of any type', () => {
    const loaded = loadRuleFile('id: r\ntitle: R\nseverity: low\nmatch: { any: [ { field: input.command, contains: rm }, { field: input.*.*, gt: 3 }, { field: attrs.output, matches: "^x" } ] }', 'r.yaml');
    expect(loaded.diagnostics).toEqual([]);
    const s = session();
    for (const input of ODD_INPUTS) s.call('Bash', input as Record<string, unknown>);
    const linked = s.link();
    const run = runRules(loaded.rules, { sessions: [linked], links: analyseCase([linked]) });
    expect(run.diagnostics).toEqual([]);
  });
});

describe('shell command reader', () => {
  it('splits commands and reads through wrappers and bash -c', () => {
    const commands = parseCommandLine("cd /x && FOO=1 sudo -u root rm -rf build; bash -lc 'git push -f' | tee out.txt 2>&1 > /dev/null");
    expect(commands.map((command) => command.program)).toEqual(['cd', 'rm', 'bash', 'git', 'tee']);
    expect(commands[1]!.wrappers).toEqual(['sudo']);
    expect(commands[1]!.args).toEqual(['-rf', 'build']);
    expect(commands[4]!.writes).toEqual([]);
  });

  it('keeps quoted text as one argument', () => {
    const [command] = parseCommandLine('grep -rn "rm -rf /" src');
    expect(command!.program).toBe('grep');
    expect(command!.args).toEqual(['-rn', 'rm -rf /', 'src']);
  });

  it('records output redirections', () => {
    const [command] = parseCommandLine('cat a >> /etc/hosts');
    expect(command!.writes).toEqual(['/etc/hosts']);
  });
});
