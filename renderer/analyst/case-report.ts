// Gathers what the HTML case report cites: the events behind every annotation, chain and review,
// their evidence files and hashes, and an image of each chain's graph with the chain marked.

import { analyseCase } from '../../shared/case/analyse';
import { encodeBase64 } from '../../shared/case-file/base64';
import { renderCaseReport, type Citation, type ReportEvent, type ReportTarget } from '../../shared/case-file/report-html';
import type { Annotation } from '../../shared/case-file/types';
import { buildAuthorityGraph } from '../../shared/graph/build';
import type { AuthorityGraph } from '../../shared/graph/types';
import type { AgentEvent } from '../../shared/model/events';
import { asSessionId, type EventId } from '../../shared/model/ids';
import { describeRule, findingsOf, type Finding } from '../../shared/rules';
import { maskSecrets } from '../../shared/secrets/mask';
import { linkSession, type LinkedSession } from '../../shared/session/link';
import { summarizeSession } from '../../shared/session/summary';
import { listBundles, listEvidence, loadSessionEvents, relatedSessionIds, type EvidenceRow } from '../data';
import { layeredLayout } from '../graph/layout';
import { createGraphView } from '../graph/render';
import { EDGE_LABELS, NODE_LABELS } from '../graph/style';
import { currentRuleSet } from '../views/findings/rule-files';
import { getAnalystDb, type AnalystDb } from './db';
import { chainGraphIds } from './highlight';
import { keyFingerprint, getSigningKey } from './keys';
import { getAnalystName, getCase, logAction } from './store';
import { APP } from './version';

/** Max events cited for one node, edge or finding annotation; the report leaves out the rest. */
const MAX_CITED = 20;

interface SessionModel {
  readonly session: LinkedSession;
  readonly graph: AuthorityGraph;
  /** Runs the built-in rules and the analyst's rule files over the session and its related sessions, on first use. */
  readonly findings: () => readonly Finding[];
}

async function loadModels(ids: Iterable<string>): Promise<Map<string, SessionModel>> {
  const models = new Map<string, SessionModel>();
  for (const id of ids) {
    const events = await loadSessionEvents(asSessionId(id));
    if (events.length === 0) continue;
    const session = linkSession(asSessionId(id), events);
    const others: LinkedSession[] = [];
    for (const other of await relatedSessionIds(asSessionId(id))) {
      const loaded = await loadSessionEvents(other);
      if (loaded.length > 0) others.push(linkSession(other, loaded));
    }
    const links = analyseCase([session, ...others]);
    const byId = new Map<EventId, AgentEvent>();
    for (const item of [...others, session]) for (const [eventId, event] of item.byId) byId.set(eventId, event);
    let findings: readonly Finding[] | null = null;
    models.set(id, {
      session: { ...session, byId },
      graph: buildAuthorityGraph(session, summarizeSession(session), { links, events: byId }),
      findings: () => (findings ??= findingsOf([session, ...others], links, currentRuleSet().rules).findings),
    });
  }
  return models;
}

/** Draws the graph off screen with the SVG renderer and returns it as a base64 SVG data URL, secrets masked. */
function graphImage(graph: AuthorityGraph, chainEvents: readonly string[]): string | null {
  const host = document.createElement('div');
  host.style.cssText = 'position:fixed;left:-20000px;top:0;width:1600px;height:1000px;';
  document.body.append(host);
  const view = createGraphView(host, { onSelect: () => {} });
  try {
    view.update(graph, layeredLayout(graph));
    const svg = host.querySelector('svg');
    const viewport = svg?.querySelector('g.viewport') as SVGGElement | null;
    if (!svg || !viewport) return null;
    viewport.removeAttribute('transform');
    const box = viewport.getBBox();
    const ids = chainGraphIds(graph, chainEvents);
    for (const element of svg.querySelectorAll('[data-node-id],[data-edge-id]')) {
      const id = element.getAttribute('data-node-id') ?? element.getAttribute('data-edge-id')!;
      if (ids.nodes.has(id) || ids.edges.has(id)) element.setAttribute('data-analyst-chain', '');
    }
    const clone = svg.cloneNode(true) as SVGSVGElement;
    clone.querySelector('g.edge-hits')?.remove();
    for (const text of clone.querySelectorAll('text, title')) text.textContent = maskSecrets(text.textContent ?? '');
    for (const element of clone.querySelectorAll('[aria-label]')) element.setAttribute('aria-label', maskSecrets(element.getAttribute('aria-label') ?? ''));
    clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    clone.setAttribute('viewBox', `${box.x - 20} ${box.y - 20} ${box.width + 40} ${box.height + 40}`);
    clone.setAttribute('width', String(Math.ceil(box.width + 40)));
    clone.setAttribute('height', String(Math.ceil(box.height + 40)));
    const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
    style.textContent = 'text{font:12px sans-serif}[data-analyst-chain] rect,[data-analyst-chain] path,path[data-analyst-chain]{stroke:#ff6f00;stroke-width:4px}';
    clone.prepend(style);
    return `data:image/svg+xml;base64,${encodeBase64(new TextEncoder().encode(new XMLSerializer().serializeToString(clone)))}`;
  } finally {
    view.dispose();
    host.remove();
  }
}

/**
 * Builds the HTML case report and, unless `record` is false, logs it as saved. A caller whose
 * save may still fail or be canceled (the PDF export) passes false and logs the save itself.
 */
/** Describes an annotation's target from the session model, or returns null when the model lacks it. */
function describeTarget(annotation: Annotation, model: SessionModel | undefined, allEvents: ReadonlyMap<string, AgentEvent>): ReportTarget | null {
  const { targetKind, targetId } = annotation;
  if (targetKind === 'event') {
    const event = allEvents.get(targetId);
    return event ? { title: `Event: ${event.kind}`, detail: event.summary } : null;
  }
  if (!model) return null;
  const nodeLabel = (id: string) => model.graph.nodes.find((node) => node.id === id)?.label ?? id;
  if (targetKind === 'node') {
    const node = model.graph.nodes.find((item) => item.id === targetId);
    return node ? { title: `Node: ${NODE_LABELS[node.kind]}`, detail: node.label } : null;
  }
  if (targetKind === 'edge') {
    const edge = model.graph.edges.find((item) => item.id === targetId);
    if (!edge) return null;
    return { title: `Edge: ${EDGE_LABELS[edge.kind]}${edge.label ? ` (${edge.label})` : ''}`, detail: `${nodeLabel(edge.source)} → ${nodeLabel(edge.target)}` };
  }
  const finding = model.findings().find((item) => item.id === targetId);
  return finding ? { title: `Finding: ${finding.title} (${finding.severity})`, detail: `${finding.summary} Raised by ${describeRule(finding)}.` } : null;
}

export async function buildCaseReport(db: AnalystDb = getAnalystDb(), { record = true }: { readonly record?: boolean } = {}): Promise<{ html: string; fileName: string }> {
  const [info, examiner, key] = await Promise.all([getCase(db), getAnalystName(db), getSigningKey(db)]);
  const [annotations, chains, reviews, log] = await Promise.all([db.annotations.toArray(), db.chains.toArray(), db.reviews.toArray(), db.log.toArray()]);

  const evidenceRows = new Map<string, EvidenceRow & { bundleName: string }>();
  const evidence = [];
  for (const bundle of (await listBundles()).reverse()) {
    for (const row of await listEvidence(bundle.id)) {
      evidenceRows.set(row.key, { ...row, bundleName: bundle.name });
      evidence.push({ bundle: bundle.name, path: row.path, sha256: row.sha256, size: row.size, format: row.format });
    }
  }
  const sessions = new Set([...annotations.map((item) => item.session), ...chains.map((item) => item.session)].filter((id) => id !== ''));
  const models = await loadModels(sessions);
  const allEvents = new Map<string, AgentEvent>();
  for (const model of models.values()) for (const [id, event] of model.session.byId) allEvents.set(id, event);

  const citation = (event: AgentEvent): Citation | null => {
    const row = evidenceRows.get(event.raw.evidence);
    return row ? { bundle: row.bundleName, file: row.path, sha256: row.sha256, line: event.raw.line, offset: event.raw.offset, length: event.raw.length, pointer: event.raw.pointer } : null;
  };
  const reportEvent = (id: string): ReportEvent => {
    const event = allEvents.get(id);
    return event ? { id, kind: event.kind, time: event.time?.ms ?? null, summary: event.summary, citation: citation(event) } : { id, kind: 'event', time: null, summary: 'not found in this profile', citation: null };
  };
  const targetEvents = (session: string, kind: string, id: string): string[] => {
    if (kind === 'event') return [id];
    const graph = models.get(session)?.graph;
    let found: { readonly events: readonly string[] } | undefined;
    if (kind === 'node') found = graph?.nodes.find((node) => node.id === id);
    if (kind === 'edge') found = graph?.edges.find((edge) => edge.id === id);
    if (kind === 'finding') found = models.get(session)?.findings().find((finding) => finding.id === id);
    return found ? found.events.slice(0, MAX_CITED) : [];
  };

  const html = renderCaseReport({
    title: info.title,
    caseId: info.id,
    examiner: examiner ?? 'unknown',
    generatedAt: Date.now(),
    app: APP,
    signer: key ? await keyFingerprint(key) : null,
    evidence,
    annotations: annotations.map((annotation) => ({
      annotation,
      events: targetEvents(annotation.session, annotation.targetKind, annotation.targetId).map(reportEvent),
      target: describeTarget(annotation, models.get(annotation.session), allEvents),
    })),
    chains: chains.map((chain) => {
      const model = models.get(chain.session);
      return { chain, steps: chain.events.map(reportEvent), graphImage: model ? graphImage(model.graph, chain.events) : null };
    }),
    reviews: reviews.map((review) => ({ review, events: review.link.split('->').map(reportEvent) })),
    log: log.sort((a, b) => a.time - b.time),
  });
  if (record) await logAction('export', `Saved the HTML report of case "${info.title}".`, db);
  const slug = info.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'case';
  return { html, fileName: `${slug}-report.html` };
}
