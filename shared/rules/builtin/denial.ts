// A call that was denied, followed by a call through another tool on the same resource or with
// the same command: the denial was worked around rather than accepted.

import type { AgentEvent } from '../../model/events';
import type { LinkedCall, LinkedSession } from '../../session/link';
import { makeFinding, isAgentEvent } from '../engine';
import { commandsOf, describeCall, hostOfUrl, isAbsolutePath, normalisePath, toolName } from '../facts';
import { operands } from '../shell';
import { standardsOf } from '../standards';
import type { Finding, Rule } from '../types';
import { defineRule } from './define';

/** Later calls of the same agent searched for a retry; a user prompt ends the search earlier. */
const RETRY_WINDOW = 10;

interface Targets {
  /** Normalised file and folder paths the call changes or runs, and the hosts it reaches. */
  readonly paths: Set<string>;
  readonly hosts: Set<string>;
  /** `program first-operand` of each command, e.g. `rm build` or `git push`. */
  readonly intents: Set<string>;
}

function normalise(path: string): string {
  return isAbsolutePath(path) ? normalisePath(path) : path.replace(/^\.\//, '');
}

/** Collects what a call acts on. Reads and searches are left out, because reading a file is not retrying a write. */
function targetsOf(call: AgentEvent): Targets {
  const paths = new Set<string>();
  const hosts = new Set<string>();
  const intents = new Set<string>();
  for (const resource of call.resources ?? []) {
    if (!resource || typeof resource.value !== 'string') continue;
    if ((resource.kind === 'file' || resource.kind === 'folder') && resource.access !== 'read' && resource.access !== 'search') paths.add(normalise(resource.value));
    if (resource.kind === 'url' || resource.kind === 'domain' || resource.kind === 'host') {
      const host = hostOfUrl(resource.value);
      if (host) hosts.add(host);
    }
  }
  const url = call.input !== null && typeof call.input === 'object' ? (call.input as Record<string, unknown>).url : undefined;
  if (typeof url === 'string') {
    const host = hostOfUrl(url);
    if (host) hosts.add(host);
  }
  for (const command of commandsOf(call)) {
    if (!command.program) continue;
    const first = operands(command.args)[0];
    intents.add(first ? `${command.program} ${first}` : command.program);
    for (const arg of [...command.args, ...command.writes]) {
      if (arg.includes('/') && !arg.startsWith('-') && !/^[a-z]+:\/\//i.test(arg)) paths.add(normalise(arg));
      const host = hostOfUrl(arg);
      if (host && /^[a-z]+:\/\//i.test(arg)) hosts.add(host);
    }
  }
  return { paths, hosts, intents };
}

function isDenied(linked: LinkedCall): boolean {
  return linked.decision.verdict === 'denied' || linked.result?.outcome === 'denied';
}

function shared(a: Set<string>, b: Set<string>): string | undefined {
  for (const value of a) if (b.has(value)) return value;
  return undefined;
}

function retryReason(denied: Targets, later: Targets): string | null {
  const path = shared(denied.paths, later.paths);
  if (path) return `acts on the same path ${path}`;
  const host = shared(denied.hosts, later.hosts);
  if (host) return `reaches the same host ${host}`;
  const intent = shared(denied.intents, later.intents);
  if (intent) return `runs the same command \`${intent}\``;
  return null;
}

function retriesOf(session: LinkedSession, index: number, position: ReadonlyMap<AgentEvent, number>): { linked: LinkedCall; reason: string } | null {
  const denied = session.calls[index]!;
  const deniedTool = toolName(denied.call);
  const deniedTargets = targetsOf(denied.call);
  if (deniedTargets.paths.size + deniedTargets.hosts.size + deniedTargets.intents.size === 0) return null;
  const at = position.get(denied.call) ?? 0;
  // The next thing the user typed ends the search: after that, a call through another tool may
  // be what the user asked for. Claude Code's "[Request interrupted …]" notices are not typed.
  let limit = Number.MAX_SAFE_INTEGER;
  for (let next = at + 1; next < session.events.length; next++) {
    const event = session.events[next]!;
    if (event.kind === 'prompt' && event.agent === denied.call.agent && !/^\[Request interrupted/.test(event.summary ?? '')) {
      limit = next;
      break;
    }
  }
  let seen = 0;
  for (let later = index + 1; later < session.calls.length; later++) {
    const linked = session.calls[later]!;
    if (linked.call.agent !== denied.call.agent) continue;
    if ((position.get(linked.call) ?? 0) > limit || ++seen > RETRY_WINDOW) break;
    if (toolName(linked.call) === deniedTool || isDenied(linked)) continue;
    const reason = retryReason(deniedTargets, targetsOf(linked.call));
    if (reason) return { linked, reason };
  }
  return null;
}

export const deniedThenRetried: Rule = defineRule(
  {
    id: 'denied-retried-another-way',
    title: 'Denied action retried through another tool',
    severity: 'high',
    standards: standardsOf('ASI02', 'ASI10'),
    explanation:
      'A tool call was denied (by the user, a rule, a hook or a policy), and shortly after, before the user spoke again, the same agent reached the same file, host or command through a different tool, and that call ran. A denial that is routed around is not a denial.',
  },
  (session) => {
    const findings: Finding[] = [];
    let position: Map<AgentEvent, number> | undefined;
    session.calls.forEach((linked, index) => {
      if (!isAgentEvent(linked.call) || !isDenied(linked)) return;
      position ??= new Map(session.events.map((event, at) => [event, at]));
      const retry = retriesOf(session, index, position);
      if (!retry) return;
      const decision = linked.decisionEvent ?? linked.result;
      const items = [{ event: linked.call, text: `${describeCall(linked.call)} was denied (${linked.decision.by}).` }];
      if (decision) items.push({ event: decision, text: `The denial: ${linked.decision.reason ?? decision.summary ?? 'no reason recorded'}.` });
      items.push({ event: retry.linked.call, text: `${describeCall(retry.linked.call)} then ${retry.reason}.` });
      findings.push(makeFinding(deniedThenRetried, session.id, items, `${toolName(linked.call)} was denied, then ${toolName(retry.linked.call)} ${retry.reason}.`));
    });
    return findings;
  },
);
