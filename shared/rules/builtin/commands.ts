// Destructive and privilege-raising commands, read from the command lines of tool calls.

import type { AgentEvent } from '../../model/events';
import { makeFinding, isAgentEvent, type EvidenceItem } from '../engine';
import { clip, commandOf, commandsOf, toolName } from '../facts';
import { hasFlag, operands, type SimpleCommand } from '../shell';
import { standardsOf } from '../standards';
import type { Finding, Rule, Severity } from '../types';
import { defineRule } from './define';

interface Match {
  readonly what: string;
  readonly severity: Severity;
}

/** Targets whose recursive deletion wipes a whole system or home folder. */
const WIDE_TARGETS = /^(\/|\/\*|~|~\/|~\/\*|\$HOME|\$HOME\/|\$HOME\/\*|\*|\.\/\*|\/home|\/Users|\/etc|\/usr|\/var)$/;

function destructive(command: SimpleCommand): Match | null {
  const { program, args } = command;
  const first = operands(args)[0] ?? '';
  switch (program) {
    case 'rm':
      if (!hasFlag(args, 'rR', ['--recursive'])) return null;
      return { what: `recursive delete of ${operands(args).join(' ') || '(no operand)'}`, severity: operands(args).some((arg) => WIDE_TARGETS.test(arg)) ? 'critical' : 'high' };
    case 'find':
      return args.includes('-delete') || (args.includes('-exec') && args.includes('rm')) ? { what: 'find with -delete', severity: 'high' } : null;
    case 'git': {
      if (first === 'push' && (hasFlag(args.slice(1), 'f', ['--force', '--force-with-lease', '--mirror']) || operands(args.slice(1)).some((arg) => arg.startsWith('+')))) return { what: 'git push --force', severity: 'high' };
      if (first === 'reset' && args.includes('--hard')) return { what: 'git reset --hard', severity: 'medium' };
      if (first === 'clean' && hasFlag(args.slice(1), 'f', ['--force'])) return { what: 'git clean -f', severity: 'medium' };
      if (first === 'branch' && hasFlag(args.slice(1), 'D')) return { what: 'git branch -D', severity: 'medium' };
      return null;
    }
    case 'terraform':
    case 'tofu':
      if (first === 'destroy' || (first === 'apply' && args.includes('-destroy'))) return { what: `${program} destroy`, severity: 'critical' };
      return null;
    case 'pulumi':
    case 'cdk':
      return first === 'destroy' || (program === 'pulumi' && first === 'down') ? { what: `${program} destroy`, severity: 'critical' } : null;
    case 'kubectl':
      return first === 'delete' ? { what: `kubectl delete ${operands(args).slice(1, 3).join(' ')}`, severity: 'high' } : null;
    case 'helm':
      return first === 'uninstall' || first === 'delete' ? { what: `helm ${first}`, severity: 'high' } : null;
    case 'dd':
      return args.some((arg) => /^of=\/dev\//.test(arg)) ? { what: 'dd onto a device', severity: 'critical' } : null;
    case 'shred':
    case 'wipefs':
      return { what: program, severity: 'high' };
    case 'aws': {
      const service = operands(args)[0];
      const operation = operands(args)[1];
      if (service === 's3' && operation === 'rm' && args.includes('--recursive')) return { what: 'aws s3 rm --recursive', severity: 'high' };
      if (service === 's3' && operation === 'rb' && args.includes('--force')) return { what: 'aws s3 rb --force', severity: 'high' };
      return null;
    }
    case 'gsutil':
      return first === 'rm' && hasFlag(args.slice(1), 'r') ? { what: 'gsutil rm -r', severity: 'high' } : null;
    case 'psql':
    case 'mysql':
    case 'sqlite3':
    case 'mongosh':
      return args.some((arg) => /\b(drop\s+(table|database|schema)|truncate\s+table|dropDatabase\(\))/i.test(arg)) ? { what: `${program} dropping data`, severity: 'high' } : null;
    default:
      return /^mkfs(\.|$)/.test(program) ? { what: program, severity: 'critical' } : null;
  }
}

/** Tests whether a chmod mode gives others write access (octal o+w) or sets the setuid or setgid bit. */
function wideMode(mode: string): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) {
    const others = Number(mode.at(-1));
    const special = mode.length === 4 ? Number(mode[0]) : 0;
    return (others & 2) !== 0 || (special & 6) !== 0;
  }
  // Symbolic clauses such as `o+w`, `a=rwx` or `u+s`. Without a `who`, chmod applies the umask,
  // which normally withholds write from others, so `+w` alone is not counted.
  return mode.split(',').some((clause) => {
    const match = /^([ugoa]*)[+=]([rwxXst]*)$/.exec(clause);
    if (!match) return false;
    const who = match[1]!;
    const permissions = match[2]!;
    return ((who.includes('o') || who.includes('a')) && permissions.includes('w')) || permissions.includes('s');
  });
}

function privilegeRaising(command: SimpleCommand): Match | null {
  const { program, args, wrappers } = command;
  if (wrappers.includes('sudo') || wrappers.includes('doas')) return { what: `${wrappers.includes('sudo') ? 'sudo' : 'doas'} ${program}`, severity: 'high' };
  if (program === 'su' || program === 'sudo' || program === 'doas') return { what: program, severity: 'high' };
  if (program === 'chmod') {
    const mode = operands(args)[0] ?? '';
    return wideMode(mode) ? { what: `chmod ${mode}`, severity: 'high' } : null;
  }
  if (program === 'chown' && /^root(:|$)/.test(operands(args)[0] ?? '')) return { what: 'chown to root', severity: 'high' };
  if ((program === 'usermod' || program === 'gpasswd') && args.some((arg) => /^(sudo|wheel|admin|root|docker)$/.test(arg))) return { what: `${program} adding an admin group`, severity: 'high' };
  if (program === 'visudo' || (program === 'tee' && args.some((arg) => arg.startsWith('/etc/sudoers')))) return { what: 'sudoers change', severity: 'critical' };
  if (program === 'aws' && operands(args)[0] === 'iam' && /^(create-user|create-access-key|create-login-profile|update-login-profile|attach-(user|role|group)-policy|put-(user|role|group)-policy|update-assume-role-policy|add-user-to-group|create-policy-version|set-default-policy-version)$/.test(operands(args)[1] ?? '')) {
    return { what: `aws iam ${operands(args)[1]}`, severity: 'high' };
  }
  return null;
}

function commandFindings(rule: Rule, detect: (command: SimpleCommand) => Match | null, sessionCalls: readonly { call: AgentEvent; result?: AgentEvent }[], session: AgentEvent['session']): Finding[] {
  const findings: Finding[] = [];
  for (const linked of sessionCalls) {
    const call = linked.call;
    if (!isAgentEvent(call)) continue;
    const line = commandOf(call);
    if (!line) continue;
    const matches = commandsOf(call).map(detect).filter((match): match is Match => match !== null);
    if (matches.length === 0) continue;
    const severity = matches.some((match) => match.severity === 'critical') ? 'critical' : matches.some((match) => match.severity === 'high') ? 'high' : 'medium';
    const what = [...new Set(matches.map((match) => match.what))].join(', ');
    const items: EvidenceItem[] = [{ event: call, text: `${toolName(call) || 'A tool call'} ran \`${clip(line, 160)}\`: ${what}.` }];
    if (linked.result) items.push({ event: linked.result, text: `The command returned ${linked.result.outcome ?? 'an unknown outcome'}.` });
    findings.push(makeFinding(rule, session, items, `${what}.`, severity));
  }
  return findings;
}

export const destructiveCommand: Rule = defineRule(
  {
    id: 'destructive-command',
    title: 'Destructive command',
    severity: 'high',
    standards: standardsOf('ASI02', 'ASI05'),
    explanation:
      'A tool call ran a command that destroys data or infrastructure and cannot be undone from the transcript: recursive deletes, git push --force, git reset --hard, terraform, pulumi or cdk destroy, kubectl delete, dd onto a device, mkfs, recursive bucket deletes, SQL DROP. Commands are read with their quoting, so text that only mentions such a command (echo, grep) does not count.',
  },
  (session) => commandFindings(destructiveCommand, destructive, session.calls, session.id),
);

export const privilegeRaisingCommand: Rule = defineRule(
  {
    id: 'privilege-raising-command',
    title: 'Privilege-raising command',
    severity: 'high',
    standards: standardsOf('ASI03', 'NHI5'),
    explanation:
      'A tool call raised privileges or widened access: sudo, doas or su, chmod giving others write access (777, o+w) or setting setuid, chown to root, adding a user to an admin group, editing sudoers, or an AWS CLI call that creates IAM users, keys or policies.',
  },
  (session) => commandFindings(privilegeRaisingCommand, privilegeRaising, session.calls, session.id),
);
