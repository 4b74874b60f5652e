// Records that analysts create and that case files carry: annotations, chains, reviews of
// causal links and the log of analyst actions. They are plain JSON so that a case file holds
// them verbatim and another machine reads them back unchanged.

export type AnnotationTargetKind = 'event' | 'node' | 'edge' | 'finding';

/** Labels offered in the editor; any other string is a custom label. */
export const STANDARD_LABELS = ['suspicious', 'benign', 'needs review'] as const;

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export interface Annotation {
  /** Time-sortable unique id (see `newRecordId`). */
  readonly id: string;
  readonly targetKind: AnnotationTargetKind;
  /** Event id, graph node id, graph edge id or finding id. */
  readonly targetId: string;
  /** Session the target belongs to; empty for targets outside one session. */
  readonly session: string;
  readonly label: string;
  readonly severity: Severity;
  /** Plain text or Markdown; shown through a renderer that emits no raw HTML. */
  readonly note: string;
  readonly author: string;
  /** Milliseconds since the Unix epoch. */
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface Chain {
  readonly id: string;
  readonly session: string;
  readonly title: string;
  readonly narrative: string;
  /** Event ids in the order the narrative follows them. */
  readonly events: readonly string[];
  readonly author: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type ReviewVerdict = 'confirmed' | 'rejected';

/** An analyst's judgement of a causal link from a tool call to a cloud call. */
export interface Review {
  readonly id: string;
  /** `CausalLink.id`: `<tool call event id>-><cloud event id>`. */
  readonly link: string;
  readonly verdict: ReviewVerdict;
  readonly note: string;
  readonly author: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type LogAction = 'import' | 'annotate' | 'review' | 'chain' | 'export' | 'case-import' | 'resolve' | 'remove';

export interface LogEntry {
  readonly id: string;
  readonly time: number;
  readonly author: string;
  readonly action: LogAction;
  /** One sentence saying what was done, for the log view and the report. */
  readonly detail: string;
}

/**
 * A record as stored: the chosen version plus any other versions with the same id that a merge
 * found. The analyst resolves a conflict by choosing one version. `rejected` lists the SHA-256
 * of each version (see `versionHash`) an analyst did not keep, so a merge does not offer it again.
 */
export type Versioned<T> = T & { readonly conflicts?: readonly T[]; readonly rejected?: readonly string[] };
