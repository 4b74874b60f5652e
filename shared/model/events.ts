// The normalised event model. Every reader turns its records into these events; the linker,
// the authority graph, the report and the views only ever see this shape.

import type { AgentId, EventId, EvidenceKey, SessionId } from './ids';
import type { Timestamp } from './time';

/** Product or format an event was read from. */
export type SourceFormat =
  | 'claude-code'
  | 'codex'
  | 'gemini-cli'
  | 'opentelemetry'
  | 'cloudtrail'
  | 'ocsf'
  | 'mcp'
  /** The manifest of a `custody collect` zip; it gives no events. */
  | 'custody-collection'
  | 'generic';

export type EventKind =
  | 'prompt'
  | 'message'
  | 'model-call'
  | 'tool-call'
  | 'tool-result'
  | 'decision'
  | 'delegation'
  | 'credential'
  | 'cloud-call'
  | 'authentication'
  | 'mode-change'
  | 'compaction'
  | 'hook'
  | 'system'
  | 'unknown';

export type ResourceKind =
  | 'file'
  | 'folder'
  | 'url'
  | 'domain'
  | 'host'
  | 'arn'
  | 'repository'
  | 'secret'
  | 'command'
  | 'pattern';

export type AccessMode = 'read' | 'write' | 'execute' | 'network' | 'delete' | 'search';

/** A thing a tool call touched, typed so that the graph can merge the same file across calls. */
export interface ResourceRef {
  readonly kind: ResourceKind;
  readonly value: string;
  readonly access: AccessMode;
}

export type Outcome = 'success' | 'error' | 'denied' | 'cancelled' | 'unknown';

export type Verdict = 'approved' | 'denied' | 'not-asked';

/** Source of the decision whether a tool call could run: a user, a rule, a hook, a classifier or a mode. */
export type DecisionSource =
  | 'user-once'
  | 'user-always'
  | 'user-reject'
  | 'user-abort'
  | 'config-rule'
  | 'hook'
  | 'classifier'
  | 'permission-mode'
  | 'policy'
  | 'unknown';

export interface Decision {
  readonly verdict: Verdict;
  readonly by: DecisionSource;
  /** The tool call decided on. */
  readonly callId?: string;
  /** Text from the evidence that states the decision. */
  readonly reason?: string;
}

export interface ToolRef {
  /** The tool name as the agent called it, e.g. `Bash` or `mcp__github__create_issue`. */
  readonly name: string;
  /** The call id that joins a call to its result (`toolu_...`, `call_...`). */
  readonly callId?: string;
  /** For MCP tools: the server and the tool on it. */
  readonly mcpServer?: string;
  readonly mcpTool?: string;
}

export interface DelegationInfo {
  readonly childAgent: AgentId;
  readonly callId?: string;
  readonly subagentType?: string;
  readonly description?: string;
  readonly task?: string;
}

/** Location of the record behind an event: byte range and line in its evidence file. */
export interface RawRef {
  readonly evidence: EvidenceKey;
  /** 1-based line number in the evidence file, or the record index for whole-file formats. */
  readonly line: number;
  /** Byte offset of the record in the (decompressed) evidence file. */
  readonly offset: number;
  /** Byte length of the record. */
  readonly length: number;
  /**
   * JSON pointer (RFC 6901) to the record inside that byte range, when one range holds many
   * records: a CloudTrail `Records` file or an OTLP export request.
   */
  readonly pointer?: string;
}

export type CredentialAction = 'issued' | 'observed' | 'exposed' | 'used';

/** A credential seen in evidence, named by fingerprint so the secret itself is never copied. */
export interface CredentialRef {
  /** Fingerprint of the credential's identifying value (for AWS, the access key id). */
  readonly fingerprint: string;
  /** Masked form for display, e.g. `ASIA…7XQZ`. */
  readonly masked: string;
  /** `aws-access-key`, `aws-session-token`, `api-key`, `bearer-token`, ... */
  readonly kind: string;
  readonly action: CredentialAction;
  /** For an issued credential: the fingerprint of the credential that was used to mint it. */
  readonly issuedWith?: string;
  /** Expiry as written in the evidence, for temporary credentials. */
  readonly expires?: string;
}

/** A call to a cloud API, as an audit log records it. */
export interface CloudCall {
  readonly provider: 'aws' | string;
  readonly service: string;
  readonly operation: string;
  readonly region?: string;
  readonly account?: string;
  /** ARN or other unique name of the calling principal. */
  readonly principal?: string;
  /** IAMUser, AssumedRole, FederatedUser, Root, AWSService, ... */
  readonly principalType?: string;
  /** The principal that issued a role session or federated session. */
  readonly issuer?: string;
  readonly sourceIdentity?: string;
  readonly sourceIp?: string;
  readonly userAgent?: string;
  readonly errorCode?: string;
  readonly requestId?: string;
  readonly readOnly?: boolean;
}

/** A human identity named by a source (telemetry user attributes, cloud console logins). */
export interface IdentityRef {
  readonly user?: string;
  readonly email?: string;
  readonly account?: string;
  readonly organization?: string;
}

/** Scalar attributes kept from the record for display and search. */
export type Attributes = Readonly<Record<string, string | number | boolean | null>>;

export interface AgentEvent {
  readonly id: EventId;
  readonly session: SessionId;
  /** The acting agent within the session. */
  readonly agent: AgentId;
  readonly kind: EventKind;
  readonly time: Timestamp | null;
  /** Order of the record within its evidence file; ties between blocks of one record keep `block`. */
  readonly seq: number;
  readonly block: number;
  readonly source: SourceFormat;
  readonly raw: RawRef;
  /** One line for lists and labels, taken from the evidence. */
  readonly summary: string;
  /** The record's own type name (`assistant`, `progress/agent_progress`, ...). */
  readonly recordType: string;
  readonly tool?: ToolRef;
  /** Tool input, kept as parsed; large inputs are cut and marked in `attrs.inputTruncated`. */
  readonly input?: unknown;
  readonly resources?: readonly ResourceRef[];
  readonly outcome?: Outcome;
  readonly decision?: Decision;
  /** The permission mode in force, on prompts and mode changes. */
  readonly mode?: string;
  readonly delegation?: DelegationInfo;
  /** Record uuid and its parent, for threading. */
  readonly uuid?: string;
  readonly parentUuid?: string;
  readonly logicalParentUuid?: string;
  readonly credentials?: readonly CredentialRef[];
  readonly cloud?: CloudCall;
  readonly identity?: IdentityRef;
  /** Span or trace ids for telemetry events, used to rebuild delegation from span parents. */
  readonly trace?: { readonly traceId: string; readonly spanId?: string; readonly parentSpanId?: string };
  /** True when this event is a copy mirrored into a parent transcript (agent_progress). */
  readonly mirrored?: boolean;
  readonly attrs?: Attributes;
}
