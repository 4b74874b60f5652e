// The case report as one self-contained HTML file: inline CSS, no script, a content security
// policy that blocks every fetch except data: images, and every piece of text escaped. Each
// statement cites the events behind it by evidence file, line, byte range and the file's
// SHA-256. Evidence text is shown with secrets masked.

import { maskSecrets } from '../secrets/mask';
import { escapeControls, showAnsi } from '../text/escape';
import type { Annotation, Chain, LogEntry, Review, Versioned } from './types';

export interface Citation {
  readonly bundle: string;
  /** Evidence file path inside the bundle. */
  readonly file: string;
  readonly sha256: string;
  readonly line: number;
  readonly offset: number;
  readonly length: number;
  readonly pointer?: string;
}

export interface ReportEvent {
  readonly id: string;
  readonly kind: string;
  /** Milliseconds since the Unix epoch, or null when the record has no time. */
  readonly time: number | null;
  readonly summary: string;
  /** Null when the event is not in this profile's evidence. */
  readonly citation: Citation | null;
}

/** Description of an annotation's target for the report. */
export interface ReportTarget {
  /** Kind and name, such as "Edge: invoked" or "Finding: Audit logging stopped (critical)". */
  readonly title: string;
  /** Text from the evidence, such as "main agent → Bash" or the finding's summary, shown with secrets masked. */
  readonly detail: string;
}

export interface CaseReportInput {
  readonly title: string;
  readonly caseId: string;
  readonly examiner: string;
  readonly generatedAt: number;
  readonly app: { readonly name: string; readonly version: string };
  /** Fingerprint of the signing key, when the examiner has one. */
  readonly signer: string | null;
  readonly evidence: readonly { readonly bundle: string; readonly path: string; readonly sha256: string; readonly size: number; readonly format: string | null }[];
  /**
   * Annotations with the events they cite. Annotations on the same target are shown together
   * under the target's description; without a `target` the report names the target by kind and id.
   */
  readonly annotations: readonly { readonly annotation: Versioned<Annotation>; readonly events: readonly ReportEvent[]; readonly target?: ReportTarget | null }[];
  readonly chains: readonly { readonly chain: Versioned<Chain>; readonly steps: readonly ReportEvent[]; readonly graphImage: string | null }[];
  readonly reviews: readonly { readonly review: Versioned<Review>; readonly events: readonly ReportEvent[] }[];
  readonly log: readonly LogEntry[];
}

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Evidence text: ANSI and control characters made visible, secrets masked, then escaped. */
const evidenceText = (text: string) => escapeHtml(maskSecrets(escapeControls(showAnsi(text))));
/** Analyst text: control characters made visible and secrets masked, since a note may quote a key. */
const analystText = (text: string) => escapeHtml(maskSecrets(escapeControls(text)));
const time = (ms: number | null) => (ms === null ? 'no time' : new Date(ms).toISOString());

// Only images this report's builder made: base64 SVG or PNG data URLs.
const IMAGE_URL = /^data:image\/(?:svg\+xml|png);base64,[A-Za-z0-9+/]+={0,2}$/;

function cite(citation: Citation | null, id: string): string {
  if (!citation) return `<span class="cite missing">event ${evidenceText(id)}: not in this profile's evidence</span>`;
  const range = `line ${citation.line}, bytes ${citation.offset}–${citation.offset + citation.length}${citation.pointer ? `, ${evidenceText(citation.pointer)}` : ''}`;
  return `<span class="cite">${evidenceText(citation.file)} (${range}; SHA-256 <code>${escapeHtml(citation.sha256)}</code>)</span>`;
}

function eventLine(event: ReportEvent): string {
  return `<li><span class="kind">${escapeHtml(event.kind)}</span> ${time(event.time)}: ${evidenceText(event.summary)}<br>${cite(event.citation, event.id)}</li>`;
}

function events(list: readonly ReportEvent[]): string {
  return list.length === 0 ? '<p class="hint">No events cited.</p>' : `<ul class="events">${list.map(eventLine).join('')}</ul>`;
}

function conflictNote(record: { readonly conflicts?: readonly unknown[] }): string {
  return record.conflicts?.length ? `<p class="conflict">Unresolved: ${record.conflicts.length + 1} analysts' versions differ; the first is shown, the others follow.</p>` : '';
}

function annotationHtml(annotation: Annotation): string {
  return `<p><strong>${analystText(annotation.label)}</strong> · ${escapeHtml(annotation.severity)} · ${escapeHtml(annotation.targetKind)} <code>${evidenceText(annotation.targetId)}</code> · ${analystText(annotation.author)}, ${time(annotation.updatedAt)}</p>${annotation.note ? `<div class="note">${analystText(annotation.note)}</div>` : ''}`;
}

type ReportAnnotation = CaseReportInput['annotations'][number];

/** Renders one target and every annotation on it, in the order the input lists them. */
function targetArticle(entries: readonly ReportAnnotation[]): string {
  const first = entries[0]!;
  const { targetKind, targetId } = first.annotation;
  const heading = first.target
    ? `<h3>${evidenceText(first.target.title)}</h3><p class="target">${evidenceText(first.target.detail)} <code>${evidenceText(targetId)}</code></p>`
    : `<h3>${escapeHtml(targetKind)} <code>${evidenceText(targetId)}</code></h3>`;
  const notes = entries.map(({ annotation }) => `${conflictNote(annotation)}${[annotation, ...(annotation.conflicts ?? [])].map(annotationHtml).join('')}`).join('');
  return `<article data-target-kind="${escapeHtml(targetKind)}">${heading}${notes}${events(first.events)}</article>`;
}

/** Groups annotations by target, keeping the order in which each target first appears. */
function byTarget(annotations: readonly ReportAnnotation[]): ReportAnnotation[][] {
  const groups = new Map<string, ReportAnnotation[]>();
  for (const entry of annotations) {
    const key = `${entry.annotation.targetKind}\u0000${entry.annotation.targetId}`;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  return [...groups.values()];
}

export function renderCaseReport(input: CaseReportInput): string {
  const section = (title: string, body: string) => `<section><h2>${title}</h2>${body}</section>`;
  const evidenceRows = input.evidence
    .map((item) => `<tr><td>${evidenceText(item.bundle)}</td><td>${evidenceText(item.path)}</td><td>${escapeHtml(item.format ?? 'unknown')}</td><td>${item.size}</td><td><code>${escapeHtml(item.sha256)}</code></td></tr>`)
    .join('');
  const annotations = byTarget(input.annotations).map(targetArticle).join('');
  const chains = input.chains
    .map(({ chain, steps, graphImage }) => {
      const image = graphImage && IMAGE_URL.test(graphImage) ? `<figure><img alt="Authority graph of session ${evidenceText(chain.session)} with the chain highlighted" src="${graphImage}"><figcaption>Session ${evidenceText(chain.session)}; chain nodes outlined in orange; secrets masked.</figcaption></figure>` : '';
      return `<article>${conflictNote(chain)}<h3>${analystText(chain.title)}</h3><p class="hint">${analystText(chain.author)}, ${time(chain.updatedAt)} · session <code>${evidenceText(chain.session)}</code></p>${chain.narrative ? `<div class="note">${analystText(chain.narrative)}</div>` : ''}<ol class="events">${steps.map(eventLine).join('')}</ol>${image}</article>`;
    })
    .join('');
  const reviews = input.reviews
    .map(({ review, events: cited }) => `<article>${conflictNote(review)}<p><strong>${escapeHtml(review.verdict)}</strong> causal link <code>${evidenceText(review.link)}</code> · ${analystText(review.author)}, ${time(review.updatedAt)}</p>${review.note ? `<div class="note">${analystText(review.note)}</div>` : ''}${events(cited)}</article>`)
    .join('');
  const log = input.log.map((entry) => `<tr><td>${time(entry.time)}</td><td>${analystText(entry.author)}</td><td>${escapeHtml(entry.action)}</td><td>${analystText(entry.detail)}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${analystText(input.title)}: case report</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; color: #212121; padding: 0 1rem; }
code, .cite { font-family: ui-monospace, monospace; font-size: 12px; word-break: break-all; }
.cite { color: #455a64; }
.cite.missing { color: #b71c1c; }
table { border-collapse: collapse; width: 100%; }
td, th { border-bottom: 1px solid #e0e0e0; padding: 2px 6px; text-align: left; vertical-align: top; }
article { border-left: 3px solid #ff6f00; padding: 0.2rem 0.8rem; margin: 0.8rem 0; }
.note { white-space: pre-wrap; background: #fafafa; padding: 0.3rem 0.5rem; }
.conflict { color: #e65100; font-weight: 600; }
.hint { color: #616161; }
.kind { font-weight: 600; }
.target { color: #37474f; }
img { max-width: 100%; border: 1px solid #cfd8dc; }
</style>
</head>
<body>
<h1>${analystText(input.title)}</h1>
<p>Case <code>${escapeHtml(input.caseId)}</code> · examiner ${analystText(input.examiner)} · generated ${time(input.generatedAt)} by ${escapeHtml(input.app.name)} ${escapeHtml(input.app.version)}${input.signer ? ` · signing key SHA-256 <code>${escapeHtml(input.signer)}</code>` : ''}</p>
<p class="hint">Citations name the evidence file, the line and byte range of the record, and the SHA-256 of the whole file as imported. Secrets in evidence text are masked with their fingerprints.</p>
${section('Evidence', `<table><thead><tr><th>Bundle</th><th>File</th><th>Format</th><th>Bytes</th><th>SHA-256</th></tr></thead><tbody>${evidenceRows}</tbody></table>`)}
${section(`Chains (${input.chains.length})`, chains || '<p class="hint">None.</p>')}
${section(`Annotations (${input.annotations.length})`, annotations || '<p class="hint">None.</p>')}
${section(`Reviews of causal links (${input.reviews.length})`, reviews || '<p class="hint">None.</p>')}
${section('Analyst log', `<table><thead><tr><th>Time</th><th>Analyst</th><th>Action</th><th>Detail</th></tr></thead><tbody>${log}</tbody></table>`)}
</body>
</html>
`;
}
