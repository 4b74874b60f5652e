// Message content of `user` and `assistant` lines: prompts, text, thinking, tool calls and tool
// results. Content is a string or an array of blocks; both shapes are read.

import type { Attributes } from '../../model/events';
import { asAgentId } from '../../model/ids';
import { arr, capValue, isObject, obj, oneLine, str, type JsonObject } from '../values';
import { credentialsInText } from '../text-credentials';
import { DELEGATING_TOOLS, describeCall, detectDenial, toolRef, toolResources } from './tools';
import { makeDraft, type Draft, type LineBase } from './translate';
import { clipText } from '../../secrets/cut';

export interface BlockContext {
  readonly base: LineBase;
  readonly idRoot: string;
  readonly attrs: Attributes;
  /** The line (or the mirrored message) holding the content. */
  readonly record: JsonObject;
  readonly messages: Set<string>;
  /** Prefix of the keys in `messages` and `calls`: the line's session, so that one file holding several sessions that reuse ids keeps them apart. */
  readonly scope: string;
  readonly calls: Map<string, string>;
}

type Body = Parameters<typeof makeDraft>[2];

class DraftList {
  readonly drafts: Draft[] = [];
  constructor(private readonly context: BlockContext) {}
  /** Adds an event; `part` names its place in the line (`c2` for content block 2). */
  add(body: Body, part: string): void {
    this.drafts.push(makeDraft(this.context.base, this.drafts.length, body, this.context.idRoot, part === 'c0' ? '' : part));
  }
}

export function translateContent(message: JsonObject | undefined, context: BlockContext): Draft[] {
  const list = new DraftList(context);
  const role = str(message?.role) ?? str(context.record.type) ?? 'user';
  const content = message?.content;
  if (role === 'assistant') assistantBlocks(message, list, context);
  else if (typeof content === 'string') userText(content, list, context, 'c0');
  else if (Array.isArray(content)) userBlocks(content, list, context);
  if (list.drafts.length === 0) {
    list.add({ kind: 'message', summary: `${role} message without content`, attrs: context.attrs }, 'c0');
  }
  return list.drafts;
}

function userText(text: string, list: DraftList, context: BlockContext, part: string): void {
  const { record, attrs } = context;
  const mode = str(record.permissionMode);
  if (record.isCompactSummary === true) {
    list.add({ kind: 'compaction', summary: oneLine(`compaction summary: ${text}`), attrs }, part);
    return;
  }
  const isCommand = /^\s*<(command-name|command-message|local-command-stdout|local-command-stderr|bash-input|bash-stdout)>/.test(text);
  if (record.isMeta === true || isCommand) {
    list.add({ kind: 'system', summary: oneLine(text), attrs: { ...attrs, meta: true } }, part);
    return;
  }
  list.add({ kind: 'prompt', summary: oneLine(text), ...(mode ? { mode } : {}), attrs }, part);
}

function userBlocks(blocks: readonly unknown[], list: DraftList, context: BlockContext): void {
  blocks.forEach((block, index) => {
    if (!isObject(block)) return;
    const type = str(block.type);
    const part = `c${index}`;
    if (type === 'tool_result') toolResult(block, list, context, part);
    else if (type === 'text') userText(str(block.text) ?? '', list, context, part);
    else list.add({ kind: 'message', summary: `${type ?? 'unknown'} block`, attrs: context.attrs }, part);
  });
}

function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  const parts = (arr(content) ?? []).map((part) => (isObject(part) ? str(part.text) ?? `[${str(part.type) ?? 'block'}]` : ''));
  return parts.join('\n');
}

function toolResult(block: JsonObject, list: DraftList, context: BlockContext, part: string): void {
  const { record, attrs } = context;
  const callId = str(block.tool_use_id);
  const text = resultText(block.content);
  const structured = record.toolUseResult;
  const denial = block.is_error === true ? detectDenial(text, structured) : undefined;
  const outcome = denial ? 'denied' : block.is_error === true ? 'error' : 'success';
  const name = (callId && context.calls.get(`${context.scope}${callId}`)) ?? '';
  const details = obj(structured);
  const exposed = credentialsInText(text, 'exposed');
  list.add({
    kind: 'tool-result',
    ...(exposed.length > 0 ? { credentials: exposed } : {}),
    summary: oneLine(`${name ? `${name} ` : ''}${outcome === 'success' ? 'returned' : outcome}: ${text}`),
    tool: { name, ...(callId ? { callId } : {}) },
    outcome,
    attrs: {
      ...attrs,
      isError: block.is_error === true,
      output: clipText(text, 2000),
      outputLength: text.length,
      ...(details && typeof details.interrupted === 'boolean' ? { interrupted: details.interrupted } : {}),
      ...(details && str(details.returnCodeInterpretation) ? { returnCode: str(details.returnCodeInterpretation)! } : {}),
      ...(str(record.sourceToolAssistantUUID) ? { sourceToolAssistantUUID: str(record.sourceToolAssistantUUID)! } : {}),
    },
  }, part);
  if (denial) {
    list.add({
      kind: 'decision',
      summary: oneLine(`${denial.by === 'policy' ? 'policy denied' : 'user rejected'} ${name || 'tool call'}: ${denial.reason}`),
      decision: { verdict: 'denied', by: denial.by, ...(callId ? { callId } : {}), reason: denial.reason },
      tool: { name, ...(callId ? { callId } : {}) },
      outcome: 'denied',
      attrs,
    }, `${part}-decision`);
  }
  const childAgent = str(details?.agentId);
  if (childAgent) {
    list.add({
      kind: 'delegation',
      summary: oneLine(`sub-agent ${childAgent} finished: ${str(details?.status) ?? ''}`),
      delegation: { childAgent: asAgentId(childAgent), ...(callId ? { callId } : {}), ...(str(details?.prompt) ? { task: str(details?.prompt)! } : {}) },
      attrs: { ...attrs, status: str(details?.status) ?? null, totalToolUseCount: typeof details?.totalToolUseCount === 'number' ? details.totalToolUseCount : null },
    }, `${part}-delegation`);
  }
}

function assistantBlocks(message: JsonObject | undefined, list: DraftList, context: BlockContext): void {
  const { record, attrs } = context;
  const messageId = str(message?.id);
  const model = str(message?.model);
  if (messageId && !context.messages.has(`${context.scope}${messageId}`)) {
    context.messages.add(`${context.scope}${messageId}`);
    const usage = obj(message?.usage);
    list.add({
      kind: 'model-call',
      summary: oneLine(`model ${model ?? 'unknown'} response ${messageId}`),
      attrs: {
        ...attrs,
        messageId,
        model: model ?? null,
        requestId: str(record.requestId) ?? null,
        inputTokens: typeof usage?.input_tokens === 'number' ? usage.input_tokens : null,
        outputTokens: typeof usage?.output_tokens === 'number' ? usage.output_tokens : null,
      },
    }, 'model');
  }
  const content = message?.content;
  if (typeof content === 'string') {
    list.add({ kind: 'message', summary: oneLine(content), attrs }, 'c0');
    return;
  }
  (arr(content) ?? []).forEach((block, index) => {
    if (!isObject(block)) return;
    const type = str(block.type);
    const part = `c${index}`;
    if (type === 'tool_use') toolUse(block, list, context, part);
    else if (type === 'text') list.add({ kind: 'message', summary: oneLine(str(block.text) ?? ''), attrs }, part);
    else if (type === 'thinking' || type === 'redacted_thinking') list.add({ kind: 'message', summary: oneLine(`thinking: ${str(block.thinking) ?? ''}`), attrs: { ...attrs, thinking: true } }, part);
    else list.add({ kind: 'message', summary: `${type ?? 'unknown'} block`, attrs }, part);
  });
}

function toolUse(block: JsonObject, list: DraftList, context: BlockContext, part: string): void {
  const name = str(block.name) ?? 'unknown';
  const callId = str(block.id);
  if (callId) context.calls.set(`${context.scope}${callId}`, name);
  const capped = capValue(block.input);
  const input = obj(block.input);
  const named = credentialsInText(JSON.stringify(block.input ?? null), 'observed');
  list.add({
    kind: 'tool-call',
    summary: oneLine(describeCall(name, block.input)),
    tool: toolRef(name, callId),
    input: capped.value,
    resources: toolResources(name, block.input),
    ...(named.length > 0 ? { credentials: named } : {}),
    attrs: {
      ...context.attrs,
      ...(capped.truncated ? { inputTruncated: true } : {}),
      ...(DELEGATING_TOOLS.has(name) ? {
        subagentType: str(input?.subagent_type) ?? null,
        description: str(input?.description) ?? null,
        runInBackground: input?.run_in_background === true,
      } : {}),
    },
  }, part);
}
