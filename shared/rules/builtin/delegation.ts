// A sub-agent that wrote files, changed state or reached the network although its task was to
// read or explore.

import type { AgentEvent } from '../../model/events';
import type { LinkedAgent } from '../../session/link';
import { makeFinding, isAgentEvent, type EvidenceItem } from '../engine';
import { attrText, clip, commandOf, commandsOf, describeCall, hostsInText, isNetworkTool, isWriteTool, toolName } from '../facts';
import { operands, type SimpleCommand } from '../shell';
import { standardsOf } from '../standards';
import type { Finding, Rule } from '../types';
import { defineRule } from './define';

/** Claude Code sub-agent types whose tools are read-only. */
const READ_ONLY_TYPES = new Set(['explore', 'plan']);

/** Task wording that limits a sub-agent to reading. */
const READ_ONLY_TASK = [
  /\bread[- ]only\b/i,
  /\b(read|explore|investigate|research|look|search|analy[sz]e|review|inspect)(ing)?\s+only\b/i,
  /\bonly\s+(read|explore|investigate|research|look|search|analy[sz]e|review|inspect)\b/i,
  /\b(do not|don't|never|without)\s+(modify|modifying|edit|editing|write|writing|change|changing|create|creating|delete|deleting)\b/i,
  /\bno\s+(changes|edits|writes|modifications)\b/i,
];

/** Programs that change files, packages or repositories. */
const MUTATING_PROGRAMS = new Set(['rm', 'rmdir', 'mv', 'cp', 'touch', 'mkdir', 'ln', 'chmod', 'chown', 'truncate', 'dd', 'tee', 'patch', 'install']);
const MUTATING_GIT = new Set(['commit', 'push', 'reset', 'checkout', 'switch', 'merge', 'rebase', 'cherry-pick', 'revert', 'stash', 'clean', 'add', 'rm', 'mv', 'tag', 'apply', 'am', 'pull', 'restore']);
const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'pip', 'pip3', 'cargo', 'gem', 'go', 'mix', 'bundle', 'apt', 'apt-get', 'brew']);
const PACKAGE_CHANGES = new Set(['install', 'i', 'add', 'remove', 'uninstall', 'update', 'upgrade', 'get', 'publish', 'deps.get']);
const NETWORK_PROGRAMS = new Set(['curl', 'wget', 'http', 'https', 'ssh', 'scp', 'sftp', 'rsync', 'nc', 'ncat', 'netcat', 'telnet', 'ftp']);

function commandOverreach(command: SimpleCommand): string | null {
  const { program, args, writes } = command;
  if (writes.length > 0) return `writes ${writes.join(', ')} by redirection`;
  if (MUTATING_PROGRAMS.has(program)) return `runs ${program}`;
  if ((program === 'sed' || program === 'perl') && args.some((arg) => /^-[a-zA-Z]*i/.test(arg))) return `edits files in place with ${program} -i`;
  if (program === 'git' && MUTATING_GIT.has(operands(args)[0] ?? '')) return `runs git ${operands(args)[0]}`;
  if (PACKAGE_MANAGERS.has(program) && PACKAGE_CHANGES.has(operands(args)[0] ?? '')) return `runs ${program} ${operands(args)[0]}`;
  if (NETWORK_PROGRAMS.has(program)) return `reaches the network with ${program}`;
  if (program === 'git' && ['clone', 'fetch', 'ls-remote'].includes(operands(args)[0] ?? '')) return `reaches the network with git ${operands(args)[0]}`;
  return null;
}

/** Returns why a call goes beyond reading, or null when it only reads. */
export function overreach(call: AgentEvent): string | null {
  const name = toolName(call);
  if (isWriteTool(name)) return `${name} writes files`;
  if (isNetworkTool(name)) return `${name} reaches the network`;
  for (const resource of call.resources ?? []) {
    if (resource?.access === 'write' || resource?.access === 'delete') return `${name || 'the call'} ${resource.access}s ${clip(String(resource.value), 80)}`;
    if (resource?.access === 'network' && resource.kind !== 'command') return `${name || 'the call'} reaches ${clip(String(resource.value), 80)}`;
  }
  for (const command of commandsOf(call)) {
    const reason = commandOverreach(command);
    if (reason) return reason;
  }
  if (name.startsWith('mcp__') && hostsInText(commandOf(call)).length > 0) return `${name} reaches the network`;
  return null;
}

interface Task {
  readonly text: string;
  readonly type: string | undefined;
  readonly source: AgentEvent | undefined;
}

function stringField(value: unknown, key: string): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' ? field : undefined;
}

function taskOf(agent: LinkedAgent): Task {
  const spawn = agent.spawnCall;
  const delegation = agent.delegations[0]?.delegation;
  const type = stringField(spawn?.input, 'subagent_type') ?? delegation?.subagentType ?? (spawn ? attrText(spawn, 'subagentType') : undefined);
  const parts = [stringField(spawn?.input, 'description'), stringField(spawn?.input, 'prompt'), delegation?.description, delegation?.task].filter((part): part is string => typeof part === 'string');
  return { text: parts.join('\n'), type, source: spawn ?? agent.delegations[0] };
}

function readOnlyReason(task: Task): string | null {
  if (task.type && READ_ONLY_TYPES.has(task.type.toLowerCase())) return `its sub-agent type is ${task.type}, whose tools only read`;
  const phrase = READ_ONLY_TASK.map((pattern) => pattern.exec(task.text)?.[0]).find(Boolean);
  return phrase ? `its task says "${phrase}"` : null;
}

export const subagentBeyondTask: Rule = defineRule(
  {
    id: 'subagent-beyond-task',
    title: 'Sub-agent acted beyond its task',
    severity: 'high',
    standards: standardsOf('ASI10', 'ASI03'),
    explanation:
      'A sub-agent was spawned for a read-only task (sub-agent type Explore or Plan, or a description or prompt that says read, explore or investigate only, or not to modify anything) and then wrote files, ran commands that change state, installed packages or reached the network. Delegated authority should not exceed the task it was granted for.',
  },
  (session) => {
    const findings: Finding[] = [];
    for (const agent of session.agents.values()) {
      if (agent.role !== 'sub-agent') continue;
      const task = taskOf(agent);
      const reason = readOnlyReason(task);
      if (!reason) continue;
      const violations: EvidenceItem[] = [];
      for (const linked of agent.calls) {
        if (!isAgentEvent(linked.call)) continue;
        const why = overreach(linked.call);
        if (why) violations.push({ event: linked.call, text: `${describeCall(linked.call)}: ${why}.` });
      }
      if (violations.length === 0) continue;
      const items: EvidenceItem[] = [];
      if (task.source) items.push({ event: task.source, text: `Sub-agent ${agent.id} was spawned read-only: ${reason}.` });
      items.push(...violations);
      findings.push(makeFinding(subagentBeyondTask, session.id, items, `Sub-agent ${agent.id} made ${violations.length} call(s) beyond its read-only task.`));
    }
    return findings;
  },
);
