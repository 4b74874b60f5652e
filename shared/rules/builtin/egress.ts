// First contact with each network host in a session.

import type { AgentEvent } from '../../model/events';
import { makeFinding, isAgentEvent } from '../engine';
import { commandsOf, describeCall, hostOfUrl, hostsInText, isLocalHost, isNetworkTool, toolName } from '../facts';
import { operands } from '../shell';
import { standardsOf } from '../standards';
import type { Finding, Rule } from '../types';
import { defineRule } from './define';

/** Programs whose URL or host arguments are contacted. */
const NETWORK_PROGRAMS = new Set(['curl', 'wget', 'http', 'https', 'xh', 'ssh', 'scp', 'sftp', 'rsync', 'nc', 'ncat', 'netcat', 'telnet', 'ftp', 'git', 'pip', 'pip3', 'npm', 'npx', 'pnpm', 'yarn', 'docker', 'gh', 'aws', 'gcloud', 'az']);

/** A host name with at least one dot, or an IPv4 address. */
const HOST = '[a-z0-9-]+(?:\\.[a-z0-9-]+)+';

/**
 * Hosts named outside URLs: `[user@]host:path` operands of scp, rsync and git, and the first
 * operand (`[user@]host`) of ssh, sftp, nc and telnet.
 */
function hostsOfCommand(program: string, args: readonly string[]): string[] {
  const hosts = hostsInText(args.join(' '));
  const list = operands(args);
  if (['scp', 'rsync', 'git'].includes(program)) {
    for (const arg of list) {
      const match = new RegExp(`^(?:[^@\\s/:]+@)?(${HOST}):`, 'i').exec(arg);
      if (match && !/^[a-z]+:\/\//i.test(arg)) hosts.push(match[1]!.toLowerCase());
    }
  }
  if (['ssh', 'sftp', 'nc', 'ncat', 'netcat', 'telnet'].includes(program) && list[0]) {
    const match = new RegExp(`^(?:[^@\\s/]+@)?(${HOST})$`, 'i').exec(list[0]);
    if (match) hosts.push(match[1]!.toLowerCase());
  }
  return hosts;
}

/** Hosts a tool call contacts: its URL resources and input, and network commands it runs. */
export function hostsContacted(call: AgentEvent): string[] {
  const hosts: string[] = [];
  const name = toolName(call);
  for (const resource of call.resources ?? []) {
    if (!resource || typeof resource.value !== 'string') continue;
    if (resource.kind === 'url' || resource.kind === 'domain' || resource.kind === 'host' || (resource.access === 'network' && resource.kind !== 'command')) {
      const host = hostOfUrl(resource.value);
      if (host) hosts.push(host);
    }
  }
  const url = call.input !== null && typeof call.input === 'object' ? (call.input as Record<string, unknown>).url : undefined;
  if (typeof url === 'string' && (isNetworkTool(name) || name.startsWith('mcp__'))) {
    const host = hostOfUrl(url);
    if (host) hosts.push(host);
  }
  for (const command of commandsOf(call)) {
    if (NETWORK_PROGRAMS.has(command.program)) hosts.push(...hostsOfCommand(command.program, command.args));
  }
  return [...new Set(hosts)].filter((host) => !isLocalHost(host));
}

export const newEgressHost: Rule = defineRule(
  {
    id: 'new-egress-host',
    title: 'First contact with a network host',
    severity: 'low',
    standards: standardsOf('ASI02'),
    explanation:
      'The first time in a session that a tool call contacts a host: a URL fetched with WebFetch or an MCP tool, a URL or host named by curl, wget, ssh, scp, rsync, git or a package manager. Each new host is a place data could go. Loopback and link-local addresses are not counted.',
  },
  (session) => {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const event of session.events) {
      if (event.kind !== 'tool-call' || !isAgentEvent(event)) continue;
      for (const host of hostsContacted(event)) {
        if (seen.has(host)) continue;
        seen.add(host);
        findings.push(makeFinding(newEgressHost, session.id, [{ event, text: `${describeCall(event)}: first contact with ${host} in this session.` }], `First contact with ${host}.`));
      }
    }
    return findings;
  },
);
