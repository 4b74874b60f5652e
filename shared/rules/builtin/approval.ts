// Writes and commands that ran without anyone being asked, because the permission mode skipped
// the question.

import type { AgentEvent } from '../../model/events';
import type { LinkedCall } from '../../session/link';
import { makeFinding, isAgentEvent, type EvidenceItem } from '../engine';
import { describeCall, isCommandTool, isWriteTool, toolName } from '../facts';
import { standardsOf } from '../standards';
import type { Finding, Rule, Severity } from '../types';
import { defineRule } from './define';

/**
 * Modes under which every tool call runs unasked: Claude Code `bypassPermissions` and `dontAsk`,
 * Codex approval policy `never`, Gemini CLI `yolo`. The linker infers `not-asked` for the Claude
 * Code modes only, so the others are recognised here by name.
 */
const SKIP_ALL = new Set(['bypassPermissions', 'dontAsk', 'never', 'yolo']);

function unasked(linked: LinkedCall): boolean {
  if (linked.decision.verdict === 'denied' || linked.result?.outcome === 'denied') return false;
  if (linked.decision.verdict === 'not-asked' && linked.decision.by === 'permission-mode') return true;
  return linked.decisionEvent === undefined && linked.mode !== null && SKIP_ALL.has(linked.mode);
}

function modeEvent(events: readonly AgentEvent[], mode: string, before: AgentEvent): AgentEvent | undefined {
  let found: AgentEvent | undefined;
  for (const event of events) {
    if (event === before) break;
    if ((event.kind === 'prompt' || event.kind === 'mode-change') && event.mode === mode) found ??= event;
  }
  return found;
}

export const unapprovedExecution: Rule = defineRule(
  {
    id: 'unapproved-execution',
    title: 'Writes and commands ran without approval',
    severity: 'high',
    standards: standardsOf('ASI02', 'ASI09'),
    explanation:
      'File writes and shell commands ran with nobody asked, because the permission mode in force skips the question: Claude Code bypassPermissions or dontAsk (everything) or acceptEdits (file edits), Codex approval policy never, Gemini CLI yolo. No human reviewed these actions before they took effect. Modes that skip every question are high; acceptEdits is medium.',
  },
  (session) => {
    const byMode = new Map<string, LinkedCall[]>();
    for (const linked of session.calls) {
      const name = toolName(linked.call);
      if (!isAgentEvent(linked.call) || !(isWriteTool(name) || isCommandTool(name)) || !unasked(linked)) continue;
      const mode = linked.mode ?? 'unknown';
      let list = byMode.get(mode);
      if (!list) byMode.set(mode, (list = []));
      list.push(linked);
    }
    const findings: Finding[] = [];
    for (const [mode, calls] of byMode) {
      const items: EvidenceItem[] = [];
      const setter = modeEvent(session.events, mode, calls[0]!.call);
      if (setter) items.push({ event: setter, text: `The permission mode became ${mode} here.` });
      for (const linked of calls) items.push({ event: linked.call, text: `${describeCall(linked.call)} in mode ${mode}; nobody was asked.` });
      const severity: Severity = SKIP_ALL.has(mode) ? 'high' : 'medium';
      const writes = calls.filter((linked) => isWriteTool(toolName(linked.call))).length;
      findings.push(makeFinding(unapprovedExecution, session.id, items, `${calls.length - writes} command(s) and ${writes} file write(s) ran unasked in permission mode ${mode}.`, severity));
    }
    return findings;
  },
);
