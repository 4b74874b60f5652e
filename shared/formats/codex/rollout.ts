// Translates the items of a Codex rollout into events. The current generation wraps every item
// as `{timestamp, type, payload}`; the legacy generation (about 0.3x) writes the same response
// items bare, after a bare meta object. Both reach the same methods here.

import type { Attributes, Outcome } from '../../model/events';
import type { EventBody, RecordBase, SessionBuffer } from '../session-buffer';
import { arr, obj, oneLine, str, type JsonObject } from '../values';
import { CallTracker } from './calls';
import { parseArguments, webSearchResources } from './tools';

export type Generation = 'current' | 'legacy';

/** Reports a record that could not be read as its type promises. */
export type Complain = (base: RecordBase, reason: string) => void;

// Payload types that count as tool calls: every top-level `function_call`, `custom_tool_call`,
// `local_shell_call` and `web_search_call` response item, one call each. Outputs are not calls,
// and the items copied into a `compacted.replacement_history` are not counted again. Applied to
// the three Codex Desktop 0.104 rollouts of 2026-02-23 this gives 82 + 22 + 1 = 105,
// 316 + 49 + 7 = 372 and 5 calls.
const CALL_TYPES = new Set(['function_call', 'custom_tool_call', 'local_shell_call', 'web_search_call']);

/** event_msg types read as system events; any other event_msg type becomes an unknown event. */
const SYSTEM_EVENT_MESSAGES = new Set([
  'task_started',
  'task_complete',
  'agent_message',
  'agent_reasoning',
  'agent_reasoning_raw_content',
  'agent_reasoning_section_break',
  'entered_review_mode',
  'exited_review_mode',
  'thread_rolled_back',
  'undo_started',
  'undo_completed',
  'exec_command_begin',
  'exec_command_end',
  'patch_apply_begin',
  'patch_apply_end',
  'mcp_tool_call_begin',
  'mcp_tool_call_end',
  'web_search_begin',
  'web_search_end',
  'plan_update',
  'background_event',
  'stream_error',
  'warning',
  'item_completed',
  'view_image_tool_call',
]);

/** Text of a message's content parts (`input_text`, `output_text`, `summary_text`). */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  return (arr(content) ?? [])
    .map((part) => str(obj(part)?.text) ?? (str(obj(part)?.type) ? `[${str(obj(part)?.type)}]` : ''))
    .filter(Boolean)
    .join('\n');
}

/** Context that Codex injects as user messages: AGENTS.md, environment and instruction blocks. */
const INJECTED_CONTEXT = /^\s*(?:<(?:environment_context|user_instructions|INSTRUCTIONS|permissions instructions|turn_aborted|user_shell_command)\b|# AGENTS\.md instructions)/;

function tokenAttrs(usage: JsonObject | undefined, prefix: string): Attributes {
  if (!usage) return {};
  const out: Record<string, number> = {};
  for (const key of ['input_tokens', 'cached_input_tokens', 'output_tokens', 'reasoning_output_tokens', 'total_tokens']) {
    const value = usage[key];
    if (typeof value === 'number') out[`${prefix}${key}`] = value;
  }
  return out;
}

export class RolloutTranslator {
  /** Approval policy of the latest turn_context. */
  private policy: string | null = null;
  private contextKey: string | null = null;
  private model: string | undefined;
  private turnId: string | undefined;
  private readonly calls: CallTracker;

  constructor(
    private readonly out: SessionBuffer,
    private readonly complain: Complain,
  ) {
    this.calls = new CallTracker(out);
  }

  sessionMeta(payload: JsonObject, base: RecordBase, id: string, generation: Generation): void {
    const git = obj(payload.git);
    const sessionId = str(payload.id);
    if (sessionId && !this.out.name(sessionId)) {
      this.out.emit(base, 0, id, { kind: 'system', summary: oneLine(`session_meta of another session ${sessionId}`), attrs: { otherSessionId: sessionId } });
      return;
    }
    if (!sessionId) this.complain(base, 'session_meta has no id; the session is named after the file.');
    // `source` is a string (`cli`, `vscode`, `exec`) or, for sub-agent sessions, an object.
    let source: string | null = null;
    if (typeof payload.source === 'string') source = payload.source;
    else if (payload.source !== undefined) source = JSON.stringify(payload.source);
    this.out.emit(base, 0, id, {
      kind: 'system',
      summary: oneLine(`session ${sessionId ?? '?'} started by ${str(payload.originator) ?? 'codex'} ${str(payload.cli_version) ?? ''} in ${str(payload.cwd) ?? '?'}`),
      attrs: {
        generation,
        cwd: str(payload.cwd) ?? null,
        version: str(payload.cli_version) ?? str(payload.version) ?? null,
        originator: str(payload.originator) ?? null,
        source,
        modelProvider: str(payload.model_provider) ?? null,
        gitBranch: str(git?.branch) ?? null,
        gitCommit: str(git?.commit_hash) ?? null,
        repositoryUrl: str(git?.repository_url) ?? null,
        startedAt: str(payload.timestamp) ?? null,
      },
    });
  }

  /**
   * Emits a mode-change event when the approval policy or the sandbox differs from the previous
   * turn_context, and a system event for a repeated, unchanged one.
   */
  turnContext(payload: JsonObject, base: RecordBase, id: string): void {
    const policy = str(payload.approval_policy) ?? null;
    const sandboxValue = payload.sandbox_policy;
    const sandbox = obj(sandboxValue);
    const sandboxType = str(sandbox?.type) ?? str(sandbox?.mode) ?? str(sandboxValue) ?? null;
    const roots = (arr(sandbox?.writable_roots) ?? []).filter((root): root is string => typeof root === 'string');
    let network: boolean | null = null;
    if (typeof sandbox?.network_access === 'boolean') network = sandbox.network_access;
    else if (sandboxType === 'danger-full-access') network = true;
    this.model = str(payload.model) ?? this.model;
    this.turnId = str(payload.turn_id) ?? this.turnId;
    const attrs: Attributes = {
      cwd: str(payload.cwd) ?? null,
      model: str(payload.model) ?? null,
      effort: str(payload.effort) ?? null,
      turnId: str(payload.turn_id) ?? null,
      approvalPolicy: policy,
      sandbox: sandboxType,
      writableRoots: JSON.stringify(roots),
      networkAccess: network,
    };
    const key = JSON.stringify([policy, sandboxType, roots, network]);
    const changed = key !== this.contextKey;
    this.contextKey = key;
    this.policy = policy;
    if (!changed) {
      this.out.emit(base, 0, id, { kind: 'system', summary: oneLine(`turn context (unchanged): ${policy ?? '?'}, ${sandboxType ?? '?'}, model ${this.model ?? '?'}`), attrs });
      return;
    }
    this.out.emit(base, 0, id, {
      kind: 'mode-change',
      ...(policy ? { mode: policy } : {}),
      summary: oneLine(`approval policy ${policy ?? 'unrecorded'}, sandbox ${sandboxType ?? 'unrecorded'}${network === null ? '' : network ? ', network on' : ', network off'}${roots.length ? `, writable ${roots.join(', ')}` : ''}`),
      attrs,
    });
  }

  responseItem(payload: JsonObject, base: RecordBase, id: string, generation: Generation): void {
    const type = str(payload.type) ?? 'unknown';
    if (CALL_TYPES.has(type)) return this.toolCall(type, payload, base, id);
    switch (type) {
      case 'message':
        return this.message(payload, base, id, generation);
      case 'reasoning': {
        const summary = contentText(payload.summary) || contentText(payload.content);
        return this.out.emit(base, 0, id, {
          kind: 'message',
          summary: oneLine(`reasoning: ${summary || '(encrypted)'}`),
          attrs: { thinking: true, encrypted: typeof payload.encrypted_content === 'string', model: this.model ?? null },
        });
      }
      case 'function_call_output':
      case 'custom_tool_call_output': {
        const callId = str(payload.call_id);
        const known = this.calls.output(base, id, callId, payload.output, { turnId: this.turnId ?? null });
        if (!known) this.complain(base, `${type} names call_id ${callId ?? '(none)'}, which no earlier call in this file has; it was kept unjoined.`);
        return;
      }
      case 'compaction':
        return this.out.emit(base, 0, id, { kind: 'compaction', summary: 'compaction item (encrypted summary of the conversation)', attrs: { encrypted: typeof payload.encrypted_content === 'string' } });
      case 'ghost_snapshot':
        return this.out.emit(base, 0, id, { kind: 'system', summary: oneLine(`ghost snapshot ${str(obj(payload.ghost_commit)?.id) ?? ''}`) });
      default:
        return this.out.emit(base, 0, id, { kind: 'unknown', summary: oneLine(`response item ${type}`), attrs: { itemType: type } });
    }
  }

  eventMessage(payload: JsonObject, base: RecordBase, id: string): void {
    const type = str(payload.type) ?? 'unknown';
    const body = this.eventBody(type, payload);
    this.out.emit(base, 0, id, body);
  }

  private eventBody(type: string, payload: JsonObject): EventBody {
    const turnId = str(payload.turn_id) ?? null;
    switch (type) {
      case 'user_message': {
        const images = (arr(payload.images)?.length ?? 0) + (arr(payload.local_images)?.length ?? 0);
        return { kind: 'prompt', summary: oneLine(str(payload.message) ?? ''), ...(this.policy ? { mode: this.policy } : {}), attrs: { images } };
      }
      case 'token_count': {
        const info = obj(payload.info);
        return {
          kind: 'system',
          summary: info ? oneLine(`token count: ${obj(info.total_token_usage)?.total_tokens ?? '?'} total so far`) : 'token count (no usage yet)',
          attrs: { ...tokenAttrs(obj(info?.total_token_usage), 'total_'), ...tokenAttrs(obj(info?.last_token_usage), 'last_'), cumulative: true },
        };
      }
      case 'turn_aborted':
        this.calls.abortPending();
        return { kind: 'system', summary: oneLine(`turn aborted: ${str(payload.reason) ?? ''}`), outcome: 'cancelled', attrs: { reason: str(payload.reason) ?? null, turnId } };
      case 'context_compacted':
        return { kind: 'compaction', summary: 'context compacted', attrs: { turnId } };
      case 'exec_approval_request':
      case 'apply_patch_approval_request': {
        const callId = str(payload.call_id);
        this.calls.markApprovalRequested(callId);
        return { kind: 'system', summary: oneLine(`${type} for ${callId ?? '?'}: ${str(payload.reason) ?? ''}`), ...(callId ? { tool: { name: '', callId } } : {}), attrs: { reason: str(payload.reason) ?? null, turnId } };
      }
      case 'error':
        return { kind: 'system', summary: oneLine(`error: ${str(payload.message) ?? ''}`), outcome: 'error', attrs: { turnId } };
      default: {
        const text = str(payload.message) ?? str(payload.text) ?? str(payload.last_agent_message) ?? '';
        const kind = SYSTEM_EVENT_MESSAGES.has(type) ? 'system' : 'unknown';
        return { kind, summary: oneLine(`${type.replace(/_/g, ' ')}${text ? `: ${text}` : ''}`), attrs: { eventType: type, turnId, ...(type === 'task_started' && this.model ? { model: this.model } : {}) } };
      }
    }
  }

  /** Emits a `compacted` record: the summary that replaced the history, with the history's size. */
  compacted(payload: JsonObject, base: RecordBase, id: string): void {
    const history = arr(payload.replacement_history) ?? [];
    const types: Record<string, number> = {};
    for (const item of history) {
      const type = str(obj(item)?.type) ?? 'unknown';
      types[type] = (types[type] ?? 0) + 1;
    }
    this.out.emit(base, 0, id, {
      kind: 'compaction',
      summary: oneLine(`conversation compacted: ${history.length} item(s) kept as replacement history${str(payload.message) ? `: ${str(payload.message)}` : ''}`),
      attrs: { replacementItems: history.length, replacementTypes: JSON.stringify(types), message: str(payload.message) ?? null },
    });
  }

  /** Emits a legacy `{"record_type": "state"}` line as a system event. */
  state(record: JsonObject, base: RecordBase, id: string): void {
    this.out.emit(base, 0, id, { kind: 'system', summary: 'rollout state', attrs: { recordType: str(record.record_type) ?? null } });
  }

  finish(): void {
    this.calls.finish();
  }

  private message(payload: JsonObject, base: RecordBase, id: string, generation: Generation): void {
    const role = str(payload.role) ?? 'unknown';
    const text = contentText(payload.content);
    const attrs: Attributes = { role, phase: str(payload.phase) ?? null, ...(role === 'assistant' && this.model ? { model: this.model } : {}) };
    // The current generation also writes each typed prompt as event_msg/user_message, which
    // becomes the prompt event; the legacy generation has only this item.
    if (role === 'user' && generation === 'legacy' && !INJECTED_CONTEXT.test(text)) {
      this.out.emit(base, 0, id, { kind: 'prompt', summary: oneLine(text), attrs });
      return;
    }
    const injected = role === 'user' && INJECTED_CONTEXT.test(text);
    this.out.emit(base, 0, id, { kind: 'message', summary: oneLine(`${role}: ${text}`), attrs: { ...attrs, ...(injected ? { injectedContext: true } : {}) } });
  }

  private toolCall(type: string, payload: JsonObject, base: RecordBase, id: string): void {
    const callId = str(payload.call_id) ?? (type === 'local_shell_call' ? str(payload.id) : undefined);
    const attrs: Attributes = { turnId: this.turnId ?? null, status: str(payload.status) ?? null };
    if (type === 'web_search_call') return this.webSearch(payload, base, id, attrs);
    if (type === 'local_shell_call') {
      const action = obj(payload.action) ?? {};
      const args = { command: action.command, workdir: action.working_directory, timeout_ms: action.timeout_ms };
      return this.calls.call(base, id, { name: 'local_shell', callId, args, argumentsJson: true, attrs }, this.policy);
    }
    const name = str(payload.name) ?? 'unknown';
    const parsed = type === 'custom_tool_call' ? { value: payload.input, json: false } : parseArguments(payload.arguments);
    this.calls.call(base, id, { name, callId, args: parsed.value, argumentsJson: parsed.json, attrs }, this.policy);
  }

  /** Emits a web search call. It has no separate output record, so its status is its outcome. */
  private webSearch(payload: JsonObject, base: RecordBase, id: string, attrs: Attributes): void {
    const action = obj(payload.action);
    const status = str(payload.status);
    const outcomes: Record<string, Outcome> = { completed: 'success', failed: 'error' };
    const query = str(action?.query) ?? str(action?.url);
    this.out.emit(base, 0, id, {
      kind: 'tool-call',
      summary: oneLine(`web_search ${query ?? ''}`),
      tool: { name: 'web_search', ...(str(payload.id) ? { callId: str(payload.id)! } : {}) },
      ...(action ? { input: action } : {}),
      resources: webSearchResources(action),
      outcome: (status && outcomes[status]) || 'unknown',
      attrs: { ...attrs, action: str(action?.type) ?? null },
    });
  }
}
