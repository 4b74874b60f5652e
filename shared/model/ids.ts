// Branded identifiers. Session ids, event ids, agent ids and evidence keys are all strings in
// the files, and mixing them up is the easiest mistake to make, so each gets its own type.

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A session as the source names it (Claude Code `sessionId`, Codex `session_meta.id`, ...). */
export type SessionId = Brand<string, 'SessionId'>;
/** An event, unique within its session. */
export type EventId = Brand<string, 'EventId'>;
/** An agent inside a session: `main` for the top-level agent, else the sub-agent's id. */
export type AgentId = Brand<string, 'AgentId'>;
/** One evidence file inside one import: `<importId>/<index>`. */
export type EvidenceKey = Brand<string, 'EvidenceKey'>;
/** Lower-case hex SHA-256 of some bytes. */
export type Sha256 = Brand<string, 'Sha256'>;

export const asSessionId = (value: string): SessionId => value as SessionId;
export const asEventId = (value: string): EventId => value as EventId;
export const asAgentId = (value: string): AgentId => value as AgentId;
export const asEvidenceKey = (value: string): EvidenceKey => value as EvidenceKey;
export const asSha256 = (value: string): Sha256 => value as Sha256;

/** The agent id given to the top-level agent of every session. */
export const MAIN_AGENT = asAgentId('main');
