// Instructions addressed to the agent inside content a tool returned (a fetched page, a search
// result, an MCP response, a file), and the privileged actions that followed.

import type { AgentEvent } from '../../model/events';
import type { LinkedSession } from '../../session/link';
import { makeFinding, isAgentEvent, type EvidenceItem } from '../engine';
import { clip, describeCall, isCommandTool, isMcpTool, isNetworkTool, isWriteTool, outputOf, toolName } from '../facts';
import { standardsOf } from '../standards';
import type { Finding, Rule } from '../types';
import { defineRule } from './define';

/** Later calls of the same agent examined for privileged actions, up to the next user prompt. */
const FOLLOW_WINDOW = 20;

/** Phrases that address the reader of the content as an agent to be redirected. */
const INJECTION_PATTERNS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'asks to ignore earlier instructions', pattern: /\b(ignore|disregard|forget|override)\s+(all\s+|any\s+)?(of\s+)?(the\s+|your\s+|these\s+)?(previous|prior|above|earlier|preceding|original|system)\s+(instructions|directions|prompts?|rules|guidelines|context)\b/i },
  { name: 'orders the agent to act', pattern: /\byou\s+(must|should|need\s+to|have\s+to)\s+(now\s+|immediately\s+)?(run|execute|call|invoke|fetch|download|send|upload|delete|remove|install|curl|post|write|exfiltrate|email)\b/i },
  { name: 'announces new instructions', pattern: /\b(new|updated|revised|real)\s+(system\s+)?instructions\s*:/i },
  { name: 'asks to hide the action from the user', pattern: /\b(do\s+not|don't|never)\s+(tell|inform|alert|mention\s+(this\s+)?to|notify)\s+the\s+user\b/i },
  { name: 'hides a command in an HTML comment', pattern: /<!--(?:(?!-->)[\s\S]){0,600}?\b(curl|wget|bash|sh\s+-c|rm\s+-rf|chmod|sudo|ignore|instructions?|assistant|AI\s+agent|you\s+must)\b(?:(?!-->)[\s\S]){0,600}?-->/i },
];

function sourceLabel(call: AgentEvent | undefined, result: AgentEvent): string {
  const name = toolName(call ?? result);
  if (call && isMcpTool(call)) return `MCP tool ${name}`;
  if (isNetworkTool(name)) return `content fetched by ${name}`;
  if (/^(Read|read_file|view|read_many_files|NotebookRead)$/.test(name)) return `file content read by ${name}`;
  return `output of ${name || 'a tool'}`;
}

function isPrivileged(call: AgentEvent): boolean {
  const name = toolName(call);
  return isWriteTool(name) || isCommandTool(name) || isNetworkTool(name) || isMcpTool(call) || (call.resources ?? []).some((resource) => resource?.access === 'write' || resource?.access === 'delete' || resource?.access === 'network');
}

function followers(session: LinkedSession, result: AgentEvent, from: number): AgentEvent[] {
  const out: AgentEvent[] = [];
  let seen = 0;
  for (let index = from + 1; index < session.events.length; index++) {
    const event = session.events[index]!;
    if (event.kind === 'prompt' && event.agent === result.agent) break;
    if (event.kind !== 'tool-call' || event.agent !== result.agent) continue;
    if (++seen > FOLLOW_WINDOW) break;
    if (isPrivileged(event)) out.push(event);
  }
  return out;
}

export const instructionsInContent: Rule = defineRule(
  {
    id: 'instructions-in-content',
    title: 'Instructions in tool-returned content',
    severity: 'high',
    standards: standardsOf('ASI01', 'ASI06'),
    explanation:
      'Content that a tool returned (a fetched web page, a search result, an MCP response, a file the agent read, a command\'s output) contains text addressed to the agent: "ignore previous instructions", "you must now run …", "new instructions:", "do not tell the user", or a hidden HTML comment holding a command. Such text is indirect prompt injection. The finding is high when the same agent then wrote files, ran commands or reached the network before the user spoke again, and medium otherwise.',
  },
  (session) => {
    const findings: Finding[] = [];
    session.events.forEach((event, index) => {
      if (event.kind !== 'tool-result' || !isAgentEvent(event)) return;
      const text = outputOf(event);
      if (!text) return;
      const hits = INJECTION_PATTERNS.map((item) => ({ name: item.name, match: item.pattern.exec(text) })).filter((hit) => hit.match !== null);
      if (hits.length === 0) return;
      const callId = event.tool?.callId;
      const call = callId ? session.callsById.get(callId)?.call : undefined;
      const label = sourceLabel(call, event);
      const items: EvidenceItem[] = [];
      if (call) items.push({ event: call, text: `${describeCall(call)} returned the content.` });
      items.push({ event, text: `The ${label} ${hits.map((hit) => hit.name).join(' and ')}: "${clip(hits[0]!.match![0], 140)}".` });
      const after = followers(session, event, index);
      for (const follower of after) items.push({ event: follower, text: `Afterwards, ${describeCall(follower)}.` });
      const summary = after.length > 0 ? `The ${label} carried instructions, and ${after.length} privileged call(s) followed.` : `The ${label} carried instructions; no privileged call followed.`;
      findings.push(makeFinding(instructionsInContent, session.id, items, summary, after.length > 0 ? 'high' : 'medium'));
    });
    return findings;
  },
);
