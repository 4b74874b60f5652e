// Annotations on whatever the analyst has selected (an event, a graph node, an edge or a
// finding): the existing ones with their notes, conflicts from merged case files, and an editor.

import { useState } from 'react';
import { STANDARD_LABELS, SEVERITIES, type Annotation, type AnnotationTargetKind, type Severity, type Versioned } from '../../shared/case-file/types';
import { versionsOf } from '../../shared/case-file/merge';
import { maskSecrets } from '../../shared/secrets/mask';
import { formatTime } from '../lib/format';
import { displayText } from '../lib/SecretText';
import { useAnalystName, useAnnotationsFor } from './hooks';
import { Markdown } from './markdown';
import { NameDialog } from './NameDialog';
import { deleteAnnotation, resolveConflict, saveAnnotation } from './store';
import './analyst.css';

export interface AnnotationTarget {
  readonly kind: AnnotationTargetKind;
  readonly id: string;
  /** Short description for the target picker, such as "event tool-call" or "node Bash". */
  readonly label: string;
}

interface AnnotationPanelProps {
  readonly session: string;
  readonly targets: readonly AnnotationTarget[];
  /** Opens the editor for a new annotation on mount, for panels opened by an "Annotate…" control. */
  readonly startEditing?: boolean;
}

const errorText = (failure: unknown) => (failure instanceof Error ? failure.message : String(failure));

export function AnnotationPanel({ session, targets, startEditing = false }: AnnotationPanelProps) {
  const annotations = useAnnotationsFor(targets);
  const [editing, setEditing] = useState<Annotation | 'new' | null>(startEditing ? 'new' : null);
  if (targets.length === 0) return null;
  return (
    <section className="annotations" aria-label="Annotations">
      <h3>
        Annotations{' '}
        {editing === null && (
          <button type="button" onClick={() => setEditing('new')}>
            Annotate…
          </button>
        )}
      </h3>
      {annotations?.length === 0 && editing === null && <p className="hint">No annotations on the selection.</p>}
      <ul className="annotation-list">
        {annotations?.map((annotation) => (
          <li key={annotation.id} data-annotation-id={annotation.id}>
            <AnnotationItem annotation={annotation} onEdit={() => setEditing(annotation)} />
          </li>
        ))}
      </ul>
      {editing !== null && <AnnotationEditor key={editing === 'new' ? 'new' : editing.id} session={session} targets={targets} existing={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </section>
  );
}

export function AnnotationBody({ annotation }: { readonly annotation: Annotation }) {
  return (
    <div className="annotation-body">
      <p className="annotation-meta">
        <span className={`annotation-label label-${annotation.label.replace(/[^a-z]+/g, '-')}`}>{annotation.label}</span> <span className={`severity severity-${annotation.severity}`}>{annotation.severity}</span> on {annotation.targetKind}{' '}
        <span className="mono">{annotation.targetId}</span> · {annotation.author} · {formatTime(annotation.updatedAt)}
      </p>
      {/* A note may quote a key from the evidence; the editor shows the note as written. */}
      {annotation.note && <Markdown source={maskSecrets(annotation.note)} />}
    </div>
  );
}

/** Shows an annotation, or all versions of one whose merge found different content under the same id. */
export function AnnotationItem({ annotation, onEdit }: { readonly annotation: Versioned<Annotation>; readonly onEdit?: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const versions = versionsOf(annotation);
  if (versions.length > 1) {
    return (
      <div className="conflict" role="group" aria-label="Conflicting versions">
        <p className="conflict-head">
          Conflict: {versions.length} analysts' versions of this annotation. Choose the one to keep.
        </p>
        <ol>
          {versions.map((version, index) => (
            <li key={index} className="conflict-version">
              <AnnotationBody annotation={version} />
              <button type="button" onClick={() => resolveConflict('annotations', annotation.id, index).catch((failure: unknown) => setError(errorText(failure)))}>
                Keep this version
              </button>
            </li>
          ))}
        </ol>
        {error && <p className="error">{error}</p>}
      </div>
    );
  }
  return (
    <>
      <AnnotationBody annotation={annotation} />
      {onEdit && (
        <p className="annotation-actions">
          <button type="button" onClick={onEdit}>
            Edit
          </button>{' '}
          <button type="button" onClick={() => deleteAnnotation(annotation.id).catch((failure: unknown) => setError(errorText(failure)))}>
            Delete
          </button>
        </p>
      )}
      {error && <p className="error">{error}</p>}
    </>
  );
}

interface EditorProps {
  readonly session: string;
  readonly targets: readonly AnnotationTarget[];
  readonly existing: Annotation | null;
  readonly onClose: () => void;
}

function AnnotationEditor({ session, targets, existing, onClose }: EditorProps) {
  const name = useAnalystName();
  const standard = (STANDARD_LABELS as readonly string[]).includes(existing?.label ?? 'suspicious');
  const [target, setTarget] = useState(existing ? `${existing.targetKind}:${existing.targetId}` : `${targets[0]!.kind}:${targets[0]!.id}`);
  const [labelChoice, setLabelChoice] = useState(standard ? existing?.label ?? 'suspicious' : 'custom');
  const [customLabel, setCustomLabel] = useState(standard ? '' : existing?.label ?? '');
  const [severity, setSeverity] = useState<Severity>(existing?.severity ?? 'medium');
  const [note, setNote] = useState(existing?.note ?? '');
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = () => {
    const separator = target.indexOf(':');
    const label = labelChoice === 'custom' ? customLabel.trim() : labelChoice;
    if (!label) {
      setError('The custom label is empty; type a label or pick one of the standard ones.');
      return;
    }
    const draft = { targetKind: target.slice(0, separator) as AnnotationTargetKind, targetId: target.slice(separator + 1), session: existing?.session ?? session, label, severity, note };
    saveAnnotation(draft, existing?.id).then(onClose, (failure: unknown) => setError(errorText(failure)));
  };
  const submit = () => {
    if (!name) setAsking(true);
    else save();
  };

  return (
    <form
      className="annotation-editor"
      aria-label="Annotation editor"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label>
        Target{' '}
        <select value={target} onChange={(change) => setTarget(change.target.value)} disabled={existing !== null}>
          {existing && !targets.some((item) => `${item.kind}:${item.id}` === target) && <option value={target}>{target}</option>}
          {targets.map((item) => (
            <option key={`${item.kind}:${item.id}`} value={`${item.kind}:${item.id}`}>
              {item.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Label{' '}
        <select value={labelChoice} onChange={(change) => setLabelChoice(change.target.value)} aria-label="Label">
          {STANDARD_LABELS.map((item) => (
            <option key={item} value={item}>
              {item}
            </option>
          ))}
          <option value="custom">custom…</option>
        </select>
      </label>
      {labelChoice === 'custom' && (
        <label>
          Custom label <input value={customLabel} onChange={(change) => setCustomLabel(change.target.value)} aria-label="Custom label" />
        </label>
      )}
      <label>
        Severity{' '}
        <select value={severity} onChange={(change) => setSeverity(change.target.value as Severity)} aria-label="Severity">
          {SEVERITIES.map((item) => (
            <option key={item} value={item}>
              {item}
            </option>
          ))}
        </select>
      </label>
      <label className="note-field">
        Note (plain text or Markdown; links are shown, never opened)
        <textarea value={note} rows={4} onChange={(change) => setNote(change.target.value)} aria-label="Note" />
      </label>
      {error && <p className="error">{error}</p>}
      <p>
        <button type="submit">Save annotation</button>{' '}
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </p>
      {asking && (
        <NameDialog
          onDone={(saved) => {
            setAsking(false);
            if (saved) save();
          }}
        />
      )}
    </form>
  );
}

/**
 * Returns the annotation targets of a workspace selection: the selected graph edge, the selected
 * event and the selected graph node. The editor offers the first one by default. An edge's
 * `label` describes it, for example "Bash → /etc/passwd".
 */
export function selectionTargets(
  node: { readonly id: string; readonly kind: string; readonly label: string } | null,
  event: { readonly id: string; readonly kind: string; readonly summary: string } | null,
  edge: { readonly id: string; readonly kind: string; readonly label: string } | null = null,
): AnnotationTarget[] {
  const targets: AnnotationTarget[] = [];
  if (edge) targets.push({ kind: 'edge', id: edge.id, label: `graph edge: ${edge.kind} ${displayText(edge.label, false).slice(0, 80)}` });
  if (event) targets.push({ kind: 'event', id: event.id, label: `event: ${event.kind} ${displayText(event.summary, false).slice(0, 60)}` });
  if (node) targets.push({ kind: 'node', id: node.id, label: `graph node: ${node.kind} ${displayText(node.label, false).slice(0, 60)}` });
  return targets;
}
