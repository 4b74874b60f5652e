// Reader for Claude Code session transcripts (`~/.claude/projects/<slug>/<session>.jsonl` and
// the sub-agent files beside them). Every line becomes at least one event, so nothing in the
// file goes unrepresented; unknown line types become `unknown` events that keep their raw record.

import type { AgentEvent } from '../../model/events';
import { asAgentId, asSessionId, MAIN_AGENT, type AgentId, type SessionId } from '../../model/ids';
import { parseIsoTime } from '../../model/time';
import type { FormatReader, ParsedLine, ReaderContext, RecordSink } from '../types';
import { isObject, str, type JsonObject } from '../values';
import { LineTranslator } from './translate';

const KNOWN_TYPES = new Set([
  'user',
  'assistant',
  'system',
  'progress',
  'file-history-snapshot',
  'queue-operation',
  'summary',
  'attachment',
  'permission-mode',
  'agent-name',
  'custom-title',
  'last-prompt',
  'pr-link',
  'ai-title',
  'agent-setting',
  'bridge-session',
  'worktree-state',
]);

/**
 * True for a line with Claude Code's envelope, whatever its type: new CLI versions add line types
 * often, and a short transcript full of them must still read as Claude Code.
 */
function looksLikeClaudeLine(value: unknown): boolean {
  if (!isObject(value) || typeof value.type !== 'string') return false;
  if (typeof value.sessionId === 'string' && ('uuid' in value || 'parentUuid' in value)) return true;
  if (!KNOWN_TYPES.has(value.type)) return false;
  return value.type === 'file-history-snapshot' || value.type === 'queue-operation' || value.type === 'summary';
}

export const claudeCodeReader: FormatReader = {
  format: 'claude-code',
  detect(_path, sample) {
    if (sample.length === 0) return 0;
    const hits = sample.filter((parsed) => looksLikeClaudeLine(parsed.value)).length;
    const strong = sample.some((parsed) => isObject(parsed.value) && typeof parsed.value.sessionId === 'string' && 'uuid' in parsed.value);
    return strong ? hits / sample.length : 0;
  },
  version(sample) {
    for (const parsed of sample) if (isObject(parsed.value) && typeof parsed.value.version === 'string') return parsed.value.version;
    return undefined;
  },
  open: (context) => new ClaudeCodeSink(context),
};

/** Events whose session is not known yet, held until a line names it. */
type Pending = (session: SessionId) => AgentEvent;

class ClaudeCodeSink implements RecordSink {
  private session: SessionId | null = null;
  private pending: Pending[] = [];
  private readonly translator: LineTranslator;

  constructor(private readonly context: ReaderContext) {
    this.translator = new LineTranslator(context.evidence);
  }

  record(parsed: ParsedLine): void {
    const { value, line } = parsed;
    if (!isObject(value)) {
      this.context.diagnose({
        code: 'unknown-record',
        severity: 'warning',
        file: this.context.path,
        line: line.number,
        offset: line.offset,
        reason: 'Line is valid JSON but not an object; it is kept as an unknown event.',
      });
    }
    const record: JsonObject = isObject(value) ? value : { value };
    const sessionText = str(record.sessionId);
    if (sessionText) {
      // Lines without a session id (file-history snapshots, queue operations) are held until the
      // next line that names one, and join that session: a snapshot is written before the turn
      // it belongs to, also where several sessions follow each other in one file.
      this.session = asSessionId(sessionText);
      this.flush();
    }
    const agent = this.agentOf(record);
    const time = str(record.timestamp) ? parseIsoTime(str(record.timestamp)!) : null;
    for (const draft of this.translator.translate(record, line, agent, time)) {
      if (sessionText) this.context.emit(draft(asSessionId(sessionText)));
      else this.pending.push(draft);
    }
  }

  finish(): void {
    if (this.pending.length === 0) return;
    if (this.session) {
      // Lines after the last session line join that session.
      this.flush();
      return;
    }
    // A file with no session id anywhere: name the session after the file.
    const fromName = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(this.context.path)?.[1];
    this.session = asSessionId(fromName ?? this.context.path);
    this.context.diagnose({
      code: 'missing-field',
      severity: 'warning',
      file: this.context.path,
      reason: `No line names a sessionId; the events were filed under "${this.session}".`,
    });
    this.flush();
  }

  private flush(): void {
    const session = this.session!;
    for (const draft of this.pending) this.context.emit(draft(session));
    this.pending = [];
  }

  private agentOf(record: JsonObject): AgentId {
    const agentId = str(record.agentId);
    return agentId ? asAgentId(agentId) : MAIN_AGENT;
  }
}
