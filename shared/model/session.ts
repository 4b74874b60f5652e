// Per-session summaries. They are derived from a session's events by the linker, so the report,
// the sessions table and the library all count the same way.

import type { SourceFormat } from './events';
import type { AgentId, EventId, SessionId } from './ids';
import type { EpochMs } from './time';

/** `cloud-principal`: an IAM user, role session or federated user acting in cloud audit records; `record`: the holder of generic records. */
export type AgentRole = 'main' | 'sub-agent' | 'compaction' | 'cloud-principal' | 'record';

export interface AgentSummary {
  readonly id: AgentId;
  readonly parentId: AgentId | null;
  readonly role: AgentRole;
  /** The spawning tool call, for a sub-agent. */
  readonly spawnedBy?: string;
  readonly subagentType?: string;
  readonly description?: string;
  readonly toolCalls: number;
}

export interface ModeSpan {
  readonly mode: string;
  readonly since: EpochMs | null;
  readonly event: EventId;
}

export interface SessionSummary {
  readonly id: SessionId;
  /** The primary source: the agent transcript when there is one, else the richest other source. */
  readonly source: SourceFormat;
  /** Every source that contributed events, in order of precedence. */
  readonly sources: readonly SourceFormat[];
  readonly title?: string;
  readonly cwd?: string;
  readonly gitBranch?: string;
  readonly versions: readonly string[];
  readonly models: readonly string[];
  /** The human who started the session, when a source names one. */
  readonly principal?: string;
  /** Distinct permission modes in the order they first appeared. */
  readonly permissionModes: readonly string[];
  /** Distinct sandbox policies (Codex `sandbox_policy.type`) in the order they first appeared. */
  readonly sandboxPolicies: readonly string[];
  readonly modeChanges: readonly ModeSpan[];
  readonly start: EpochMs | null;
  readonly end: EpochMs | null;
  readonly agents: readonly AgentSummary[];
  readonly toolCalls: number;
  readonly toolCallsByName: Readonly<Record<string, number>>;
  /** Tool calls denied by a user, a rule, a hook or a policy. */
  readonly denied: number;
  /** Tool results that reported a failure (denials excluded). */
  readonly errors: number;
  readonly events: number;
  /** Cloud API calls and authentications in the session. */
  readonly cloudCalls: number;
  /** Cloud calls by `service:operation`, e.g. `s3:DeleteObject`. */
  readonly cloudCallsByOperation: Readonly<Record<string, number>>;
  /** Cloud calls that returned an error code. */
  readonly cloudErrors: number;
  /** Fingerprints of every credential seen in the session. */
  readonly credentials: readonly string[];
}
