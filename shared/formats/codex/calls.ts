// Tool calls of a Codex rollout and their outputs, joined by `call_id`, with the approval
// decisions that can be inferred for them. Codex does not persist approval decisions in its
// default rollout mode. So a decision here counts as recorded only when an output states a
// rejection, and every other decision is inferred and marked `inferred: true`.

import type { Attributes, Decision, Outcome, ResourceRef } from '../../model/events';
import type { RecordBase, SessionBuffer } from '../session-buffer';
import { capValue, oneLine } from '../values';
import { callResources, commandText, escalationOf, patchText, programOf, readOutput, toolRef, type Escalation, type OutputReading } from './tools';
import { clipText } from '../../secrets/cut';

interface PendingCall {
  readonly name: string;
  readonly callId: string;
  readonly base: RecordBase;
  readonly escalation: Escalation | undefined;
  /** Approval policy in force when the call was made. */
  readonly policy: string | null;
  answered: boolean;
  /** A `turn_aborted` followed the call before any output. */
  aborted: boolean;
  /** The rollout recorded an approval request for this call (extended persistence mode). */
  approvalRequested: boolean;
}

/** Approval policies under which Codex asks the user before running outside the sandbox. */
const ASKING_POLICIES = new Set(['untrusted', 'on-request', 'on-failure']);

export interface CallInput {
  readonly name: string;
  readonly callId: string | undefined;
  /** Arguments as parsed, or the raw text when they are not JSON. */
  readonly args: unknown;
  readonly argumentsJson: boolean;
  readonly attrs: Attributes;
}

function describe(name: string, args: unknown, resources: readonly ResourceRef[]): string {
  const command = commandText(args);
  if (command !== undefined) return `${name} ${command}`;
  const firstFile = resources.find((ref) => ref.kind === 'file')?.value;
  if (firstFile) return `${name} ${firstFile}${resources.length > 1 ? ` (+${resources.length - 1} more)` : ''}`;
  return typeof args === 'string' && patchText(name, args) === undefined ? `${name} ${args}` : name;
}

export class CallTracker {
  private readonly calls = new Map<string, PendingCall>();

  constructor(private readonly out: SessionBuffer) {}

  /** Emits a tool-call event and remembers the call until its output arrives. */
  call(base: RecordBase, id: string, input: CallInput, policy: string | null): void {
    const { name, callId, args } = input;
    const resources = callResources(name, args);
    const capped = capValue(args);
    const escalation = escalationOf(args);
    const command = commandText(args);
    const program = command !== undefined ? programOf(command) : undefined;
    this.out.emit(base, 0, callId ? `call:${callId}` : id, {
      kind: 'tool-call',
      summary: oneLine(describe(name, args, resources)),
      tool: toolRef(name, callId),
      input: capped.value,
      resources,
      attrs: {
        ...input.attrs,
        argumentsJson: input.argumentsJson,
        ...(capped.truncated ? { inputTruncated: true } : {}),
        ...(program ? { program } : {}),
        ...(escalation ? { escalationRequested: true, justification: escalation.justification ?? null, prefixRule: escalation.prefixRule ?? null } : {}),
      },
    });
    if (!callId) return;
    this.calls.set(callId, { name, callId, base, escalation, policy, answered: false, aborted: false, approvalRequested: false });
  }

  /** Emits the tool-result for an output record, and the decision it shows or implies. */
  output(base: RecordBase, id: string, callId: string | undefined, output: unknown, attrs: Attributes): boolean {
    const pending = callId ? this.calls.get(callId) : undefined;
    const reading = readOutput(output);
    const name = pending?.name ?? '';
    const word = reading.outcome === 'success' ? 'returned' : reading.outcome;
    this.out.emit(base, 0, callId ? `output:${callId}` : id, {
      kind: 'tool-result',
      summary: oneLine(`${name ? `${name} ` : ''}${word}: ${reading.text}`),
      tool: toolRef(name, callId),
      outcome: reading.outcome,
      attrs: {
        ...attrs,
        output: clipText(reading.text, 2000),
        outputLength: reading.text.length,
        ...(reading.exitCode !== undefined ? { exitCode: reading.exitCode } : {}),
      },
    });
    if (!pending || pending.answered) return pending !== undefined;
    pending.answered = true;
    this.decide(pending, reading);
    return true;
  }

  /** Marks the calls still waiting for output as cut off by an aborted turn. */
  abortPending(): void {
    for (const pending of this.calls.values()) if (!pending.answered) pending.aborted = true;
  }

  markApprovalRequested(callId: string | undefined): void {
    const pending = callId ? this.calls.get(callId) : undefined;
    if (pending) pending.approvalRequested = true;
  }

  /**
   * Emits a tool-result for every call that never got an output, so that the call shows an
   * outcome: `cancelled` when an aborted turn cut it off, else `unknown`. These results are
   * inferred and point at the call's own record.
   */
  finish(): void {
    for (const pending of this.calls.values()) {
      if (pending.answered) continue;
      const outcome: Outcome = pending.aborted ? 'cancelled' : 'unknown';
      const why = pending.aborted ? 'the turn was aborted before the call produced output' : 'the rollout records no output for this call';
      this.out.emit(pending.base, 2, `output:${pending.callId}`, {
        kind: 'tool-result',
        summary: oneLine(`${pending.name} ${outcome}: ${why}`),
        tool: toolRef(pending.name, pending.callId),
        outcome,
        attrs: { inferred: true, reason: why },
      });
      this.decide(pending, undefined);
    }
  }

  private decide(pending: PendingCall, reading: OutputReading | undefined): void {
    const decided = inferDecision(pending, reading);
    if (!decided) return;
    const { decision, inferred } = decided;
    const verdictText = decision ? decision.verdict : 'unknown';
    let outcome: Outcome = 'unknown';
    if (decision) outcome = decision.verdict === 'denied' ? 'denied' : 'success';
    this.out.emit(pending.base, 1, `decision:${pending.callId}`, {
      kind: 'decision',
      summary: oneLine(`${pending.escalation ? 'escalation for ' : ''}${pending.name} ${verdictText}${inferred ? ' (inferred)' : ''}: ${decision?.reason ?? pending.escalation?.justification ?? ''}`),
      tool: toolRef(pending.name, pending.callId),
      ...(decision ? { decision } : {}),
      outcome,
      attrs: {
        inferred,
        verdict: verdictText,
        approvalPolicy: pending.policy,
        escalationRequested: pending.escalation !== undefined,
        justification: pending.escalation?.justification ?? null,
        prefixRule: pending.escalation?.prefixRule ?? null,
        approvalRequestRecorded: pending.approvalRequested,
      },
    });
  }
}

/**
 * Infers the decision behind a call, when there is one to state: a rejection recorded in the output,
 * or, for a call that asked to run outside the sandbox, what its output (or the lack of one)
 * implies. `decision` is absent when the verdict cannot be inferred, because the event model has
 * no unknown verdict.
 */
function inferDecision(pending: PendingCall, reading: OutputReading | undefined): { decision?: Decision; inferred: boolean } | undefined {
  const callId = pending.callId;
  if (reading?.rejection) {
    return { decision: { verdict: 'denied', by: 'user-reject', callId, reason: reading.rejection }, inferred: false };
  }
  if (!pending.escalation && !pending.approvalRequested) return undefined;
  const policy = pending.policy;
  if (reading === undefined && pending.aborted) {
    return {
      decision: { verdict: 'denied', by: 'user-abort', callId, reason: 'The turn was aborted before the call produced output; Codex aborts the turn when the user chooses to abort at an approval prompt, or on an interrupt.' },
      inferred: true,
    };
  }
  if (reading === undefined || reading.outcome === 'cancelled') return { inferred: true };
  if (policy === 'never') {
    return { decision: { verdict: 'not-asked', by: 'permission-mode', callId, reason: 'Approval policy never: Codex does not ask the user, and the call produced output.' }, inferred: true };
  }
  const asked = policy !== null && ASKING_POLICIES.has(policy);
  const reason = asked
    ? `The call produced output under approval policy ${policy}, which asks the user before running outside the sandbox. Codex does not record the answer, so it may also have been an approval for the whole session or a stored prefix rule.`
    : 'The call produced output; no approval policy was recorded before it, so who approved it is unknown.';
  return { decision: { verdict: 'approved', by: asked ? 'user-once' : 'unknown', callId, reason }, inferred: true };
}
