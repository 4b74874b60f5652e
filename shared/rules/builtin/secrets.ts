// Secrets that appeared in a tool's input or output, and their later use.

import type { AgentEvent } from '../../model/events';
import type { LinkedSession } from '../../session/link';
import { maskAccessKey } from '../../formats/cloudtrail/credentials';
import { findSecrets, fingerprint, maskSecret, type SecretKind } from '../../secrets/mask';
import { makeFinding, isAgentEvent, type EvidenceItem } from '../engine';
import { inputText, outputOf, toolName } from '../facts';
import { standardsOf } from '../standards';
import type { Finding, Rule, RuleContext } from '../types';
import { defineRule } from './define';

/**
 * Kinds found by pattern in tool text. `password` is left out because its pattern also matches
 * code such as `password = process.env.DB_PASSWORD`.
 */
const TEXT_KINDS = new Set<SecretKind>(['private-key', 'aws-access-key', 'aws-secret-key', 'aws-session-token', 'github-token', 'slack-token', 'api-key', 'jwt', 'bearer-token']);
/** Cheap test for text that may hold one of TEXT_KINDS, so most outputs skip the full patterns. */
const SECRET_HINT = /PRIVATE KEY|secret_?access_?key|session_?token|gh[pousr]_|github_pat_|xox[abposr]-|sk-|eyJ|Bearer\s|AKIA|ASIA/i;

/**
 * Distinct secrets per session whose later use is searched for. Each search is a pass over the
 * rest of the session, so further secrets are still reported but with their cloud uses only.
 */
const MAX_TRACKED = 50;

interface Exposure {
  readonly fingerprint: string;
  readonly masked: string;
  readonly kind: string;
  readonly event: AgentEvent;
  readonly where: 'output' | 'input';
  /** The secret value, kept only in memory to find it in later inputs. */
  readonly value?: string;
}

function exposuresOf(event: AgentEvent, seen: Set<string>): Exposure[] {
  const found: Exposure[] = [];
  for (const ref of event.credentials ?? []) {
    if (!ref || (ref.action !== 'exposed' && ref.action !== 'observed') || seen.has(ref.fingerprint)) continue;
    seen.add(ref.fingerprint);
    found.push({ fingerprint: ref.fingerprint, masked: ref.masked, kind: ref.kind, event, where: event.kind === 'tool-result' ? 'output' : 'input' });
  }
  let text = '';
  if (event.kind === 'tool-result') text = outputOf(event);
  else if (event.kind === 'tool-call') text = inputText(event);
  if (!text || !SECRET_HINT.test(text)) return found;
  for (const match of findSecrets(text)) {
    if (!TEXT_KINDS.has(match.kind)) continue;
    const value = text.slice(match.start, match.end);
    // AROA, AIDA and the like name roles and users; only AKIA and ASIA ids belong to keys.
    if (match.kind === 'aws-access-key' && !/^A[KS]IA/.test(value)) continue;
    const print = fingerprint(value);
    if (seen.has(print)) continue;
    seen.add(print);
    const masked = match.kind === 'aws-access-key' ? maskAccessKey(value) : maskSecret(value, match.kind);
    found.push({ fingerprint: print, masked, kind: match.kind, event, where: event.kind === 'tool-result' ? 'output' : 'input', value });
  }
  return found;
}

/** Later tool calls that pass the secret: by credential reference, or by its text in the input. */
function laterUses(session: LinkedSession, exposure: Exposure, after: number): EvidenceItem[] {
  const uses: EvidenceItem[] = [];
  for (let index = after + 1; index < session.events.length; index++) {
    const event = session.events[index]!;
    if (event.kind !== 'tool-call') continue;
    const byRef = (event.credentials ?? []).some((ref) => ref?.fingerprint === exposure.fingerprint);
    const byText = exposure.value !== undefined && inputText(event).includes(exposure.value);
    if (byRef || byText) uses.push({ event, text: `${toolName(event) || 'A later tool call'} passed ${exposure.masked} in its input.` });
  }
  return uses;
}

function cloudUses(context: RuleContext, exposure: Exposure): EvidenceItem[] {
  const record = context.links.credentials.get(exposure.fingerprint);
  if (!record) return [];
  const from = exposure.event.time?.ms ?? Number.NEGATIVE_INFINITY;
  const items: EvidenceItem[] = [];
  for (const use of record.used) {
    if (use.time !== null && use.time < from) continue;
    const session = context.sessions.find((candidate) => candidate.id === use.session);
    const event = session?.byId.get(use.event);
    const text = `${use.actor} made a cloud call with ${exposure.masked}.`;
    items.push({ event: event ?? { id: use.event, session: use.session, time: null }, text });
  }
  return items;
}

export const secretExposed: Rule = defineRule(
  {
    id: 'secret-exposed',
    title: 'Secret exposed to the agent',
    severity: 'medium',
    standards: standardsOf('NHI2', 'ASI03'),
    explanation:
      "A credential (an AWS key, a private key, a GitHub, Slack or API token, a JWT or bearer token) appeared in a tool's output or input, so it entered the model's context and the transcript. When the same secret appears in a later tool input or signs a cloud call, the agent went on to use it; that raises the finding to high.",
  },
  (session, context) => {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    let tracked = 0;
    session.events.forEach((event, index) => {
      if (!isAgentEvent(event) || (event.kind !== 'tool-result' && event.kind !== 'tool-call')) return;
      const exposures = exposuresOf(event, seen);
      if (exposures.length === 0) return;
      // One finding per event names every secret in it, so a dump of several keys is one finding.
      const origin = event.kind === 'tool-result' ? `the output of ${toolName(event) || 'a tool'}` : `the input of ${toolName(event) || 'a tool call'}`;
      const sightings: EvidenceItem[] = [];
      const uses: EvidenceItem[] = [];
      for (const exposure of exposures) {
        sightings.push({ event, text: `${exposure.kind} ${exposure.masked} appeared in ${origin}.` });
        const track = tracked++ < MAX_TRACKED;
        uses.push(...(track ? laterUses(session, exposure, index) : []), ...cloudUses(context, exposure));
      }
      const named = exposures.map((exposure) => exposure.masked).join(', ');
      const subject = exposures.length === 1 ? `${named} appeared` : `${exposures.length} secrets (${named}) appeared`;
      const used = uses.length === 1 ? 'was used once afterwards' : `were used ${uses.length} times afterwards`;
      const summary = uses.length > 0 ? `${subject} in ${origin} and ${used}.` : `${subject} in ${origin}.`;
      findings.push(makeFinding(secretExposed, session.id, [...sightings, ...uses], summary, uses.length > 0 ? 'high' : 'medium'));
    });
    return findings;
  },
);
