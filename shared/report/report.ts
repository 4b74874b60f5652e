// The machine-readable report: the field names here are a contract that scripts rely on, so
// fields may be added but never renamed or removed.

import type { Diagnostic } from '../model/diagnostics';
import type { EvidenceFile } from '../model/evidence';
import type { SessionSummary } from '../model/session';
import { formatUtc } from '../model/time';
import type { CaseLinks } from '../case/analyse';
import { usersOf } from '../case/credentials';
import type { Finding } from '../rules/types';
import { maskSecrets } from '../secrets/mask';

export interface ReportSession {
  readonly id: string;
  readonly source: string;
  readonly sources: readonly string[];
  readonly principal: string | null;
  readonly title: string | null;
  readonly cwd: string | null;
  readonly versions: readonly string[];
  readonly models: readonly string[];
  readonly toolCalls: number;
  readonly toolCallsByName: Readonly<Record<string, number>>;
  readonly agents: readonly { id: string; parentId: string | null; role: string; toolCalls: number; spawnedBy: string | null; description: string | null }[];
  readonly denied: number;
  readonly errors: number;
  readonly permissionModes: readonly string[];
  readonly sandboxPolicies: readonly string[];
  readonly start: string | null;
  readonly end: string | null;
  readonly events: number;
  readonly cloudCalls: number;
  readonly cloudCallsByOperation: Readonly<Record<string, number>>;
  readonly cloudErrors: number;
  /** Fingerprints of the credentials seen in the session; details in the report's credentials[]. */
  readonly credentials: readonly string[];
}

export interface Report {
  readonly tool: 'custody';
  readonly reportVersion: 1;
  readonly input: string;
  readonly bundleSha256: string;
  readonly sessions: readonly ReportSession[];
  /** Evidence files; `cutShort` files were read only in part, so their `sha256` and `size` cover the bytes read. */
  readonly evidence: readonly { file: string; sha256: string; format: string | null; formatVersion: string | null; size: number; records: number; events: number; cutShort: boolean }[];
  readonly diagnostics: readonly { file: string; line: number | null; offset: number | null; code: string; severity: string; reason: string }[];
  /** Every credential seen in the case, by fingerprint; secret values never appear. */
  readonly credentials: readonly ReportCredential[];
  /** Tool calls linked to the cloud calls they caused, with the evidence for each link. */
  readonly links: readonly ReportLink[];
  /** What the findings rules flagged, most severe first. */
  readonly findings: readonly ReportFinding[];
}

export interface ReportFinding {
  readonly id: string;
  readonly rule: string;
  /** Name of the rule file that defined the rule; absent for built-in rules. */
  readonly ruleFile?: string;
  readonly title: string;
  readonly severity: string;
  /** The session the finding is about. */
  readonly session: string;
  /** Ids of the events that prove it; `evidence` says which session each belongs to. */
  readonly events: readonly string[];
  readonly summary: string;
  readonly explanation: string;
  /** Risk list items the rule maps to, as `ASI02 Tool Misuse and Exploitation`. */
  readonly standards: readonly string[];
  readonly evidence: readonly { session: string; event: string; text: string }[];
}

export function reportFinding(finding: Finding): ReportFinding {
  return {
    id: finding.id,
    rule: finding.rule,
    ...(finding.ruleFile === undefined ? {} : { ruleFile: finding.ruleFile }),
    title: finding.title,
    severity: finding.severity,
    session: finding.session,
    events: [...finding.events],
    summary: finding.summary,
    explanation: finding.explanation,
    standards: finding.standards.map((standard) => `${standard.id} ${standard.name}`),
    evidence: finding.evidence.map((item) => ({ session: item.session, event: item.event, text: item.text })),
  };
}

export interface ReportCredential {
  readonly fingerprint: string;
  readonly masked: string;
  readonly kind: string;
  /** Cloud calls that issued the credential, with the credential used to issue it. */
  readonly mintedBy: readonly { event: string; session: string; principal: string; with: string | null; time: string | null }[];
  /** Principals that made calls with it. */
  readonly usedBy: readonly { principal: string; session: string; calls: number; first: string | null; last: string | null }[];
  /** Tool outputs and inputs in which it appeared. */
  readonly seenIn: readonly { event: string; session: string; action: string; time: string | null }[];
}

export interface ReportLink {
  readonly id: string;
  readonly toolCall: string;
  readonly toolSession: string;
  readonly cloudEvent: string;
  readonly cloudSession: string;
  readonly credential: string;
  readonly confidence: string;
  readonly score: number;
  readonly evidence: readonly string[];
}

export function reportCredentials(links: CaseLinks): ReportCredential[] {
  return [...links.credentials.values()].map((record) => ({
    fingerprint: record.fingerprint,
    masked: record.masked,
    kind: record.kind,
    mintedBy: record.minted.map((sighting) => ({ event: sighting.event, session: sighting.session, principal: sighting.actor, with: sighting.ref.issuedWith ?? null, time: formatUtc(sighting.time) })),
    usedBy: usersOf(record).map((user) => ({ principal: user.principal, session: user.session, calls: user.calls, first: formatUtc(user.first), last: formatUtc(user.last) })),
    seenIn: [...record.exposed, ...record.observed].map((sighting) => ({ event: sighting.event, session: sighting.session, action: sighting.ref.action, time: formatUtc(sighting.time) })),
  }));
}

export function reportSession(summary: SessionSummary): ReportSession {
  return {
    id: summary.id,
    source: summary.source,
    sources: summary.sources,
    principal: summary.principal ?? null,
    // Titles and folders are evidence text: secrets in them are masked, as in the app.
    title: summary.title ? maskSecrets(summary.title) : null,
    cwd: summary.cwd ? maskSecrets(summary.cwd) : null,
    versions: summary.versions,
    models: summary.models,
    toolCalls: summary.toolCalls,
    toolCallsByName: summary.toolCallsByName,
    agents: summary.agents.map((agent) => ({
      id: agent.id,
      parentId: agent.parentId,
      role: agent.role,
      toolCalls: agent.toolCalls,
      spawnedBy: agent.spawnedBy ?? null,
      description: agent.description ?? null,
    })),
    denied: summary.denied,
    errors: summary.errors,
    permissionModes: summary.permissionModes,
    sandboxPolicies: summary.sandboxPolicies,
    start: formatUtc(summary.start),
    end: formatUtc(summary.end),
    events: summary.events,
    cloudCalls: summary.cloudCalls,
    cloudCallsByOperation: summary.cloudCallsByOperation,
    cloudErrors: summary.cloudErrors,
    credentials: summary.credentials,
  };
}

export function buildReport(
  input: string,
  bundleSha256: string,
  sessions: readonly SessionSummary[],
  evidence: readonly EvidenceFile[],
  bundleDiagnostics: readonly Diagnostic[],
  links: CaseLinks = { credentials: new Map(), causes: [] },
  findings: readonly Finding[] = [],
): Report {
  const diagnostics = [...bundleDiagnostics, ...evidence.flatMap((file) => file.diagnostics)];
  return {
    tool: 'custody',
    reportVersion: 1,
    input,
    bundleSha256,
    sessions: sessions.map(reportSession),
    evidence: evidence.map((file) => ({
      file: file.path,
      sha256: file.sha256,
      format: file.format,
      formatVersion: file.formatVersion ?? null,
      size: file.size,
      records: file.records,
      events: file.events,
      cutShort: file.cutShort === true,
    })),
    diagnostics: diagnostics.map((d) => ({
      file: d.file,
      line: d.line ?? null,
      offset: d.offset ?? null,
      code: d.code,
      severity: d.severity,
      reason: maskSecrets(d.reason),
    })),
    credentials: reportCredentials(links),
    links: links.causes.map((link) => ({ ...link, evidence: link.evidence.map(maskSecrets) })),
    findings: findings.map(reportFinding),
  };
}
