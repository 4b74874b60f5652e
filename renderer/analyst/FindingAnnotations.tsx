// The "Annotate…" control of one finding: the count of its annotations, and on request the
// annotation panel for target kind 'finding'. Annotations refer to the finding by its id
// (`<rule>|<session>|<first event>`), which stays the same across runs of the rules.

import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { AnnotationPanel } from './AnnotationPanel';
import { getAnalystDb } from './db';

interface FindingAnnotationsProps {
  readonly finding: { readonly id: string; readonly title: string; readonly session: string };
}

export function FindingAnnotations({ finding }: FindingAnnotationsProps) {
  const [open, setOpen] = useState(false);
  const count = useLiveQuery(() => getAnalystDb().annotations.where('[targetKind+targetId]').equals(['finding', finding.id]).count(), [finding.id]);
  return (
    <div className="finding-annotations">
      <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide annotations' : 'Annotate…'}
      </button>
      {count !== undefined && count > 0 && (
        <span className="hint" data-testid="finding-annotation-count">
          {' '}
          {count} annotation{count === 1 ? '' : 's'}
        </span>
      )}
      {open && <AnnotationPanel session={finding.session} targets={[{ kind: 'finding', id: finding.id, label: `finding: ${finding.title}` }]} startEditing={count === 0} />}
    </div>
  );
}
