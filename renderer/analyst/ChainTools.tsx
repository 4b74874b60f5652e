// Chains: ordered events with a title and a narrative, built by adding the selected event from
// the graph or the event list. The chain being edited or shown is passed up through onHighlight,
// and the workspace highlights it in the graph.

import { useEffect, useState } from 'react';
import type { AgentEvent } from '../../shared/model/events';
import type { EventId } from '../../shared/model/ids';
import { versionsOf } from '../../shared/case-file/merge';
import type { Chain } from '../../shared/case-file/types';
import { displayText } from '../lib/SecretText';
import { useAnalystName, useChains } from './hooks';
import { Markdown } from './markdown';
import { NameDialog } from './NameDialog';
import { deleteChain, resolveConflict, saveChain } from './store';
import { plural } from '../lib/format';
import './analyst.css';

interface ChainToolsProps {
  readonly session: string;
  readonly events: ReadonlyMap<EventId, AgentEvent>;
  readonly eventId: EventId | null;
  readonly onSelectEvent: (id: EventId) => void;
  /** Called with the events of the chain being edited or shown, and with none when no chain is. */
  readonly onHighlight: (events: readonly string[]) => void;
}

interface Draft {
  readonly id: string | null;
  readonly title: string;
  readonly narrative: string;
  readonly events: readonly string[];
}

const EMPTY: Draft = { id: null, title: '', narrative: '', events: [] };

export function ChainTools({ session, events, eventId, onSelectEvent, onHighlight }: ChainToolsProps) {
  const chains = useChains(session);
  const name = useAnalystName();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const highlighted = draft ? draft.events : chains?.find((chain) => chain.id === shown)?.events ?? [];
  const highlightKey = highlighted.join('|');

  useEffect(() => {
    onHighlight(highlighted);
    // highlightKey stands for the event list's content, which a new array with equal ids keeps.
  }, [highlightKey, onHighlight]);
  useEffect(() => () => onHighlight([]), [onHighlight]);

  const save = () => {
    if (!draft) return;
    saveChain({ session, title: draft.title.trim() || 'Untitled chain', narrative: draft.narrative, events: draft.events }, draft.id ?? undefined).then(
      (chain) => {
        setDraft(null);
        setShown(chain.id);
      },
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  };
  const move = (index: number, by: number) => {
    if (!draft) return;
    const list = [...draft.events];
    const [item] = list.splice(index, 1);
    list.splice(Math.max(0, Math.min(list.length, index + by)), 0, item!);
    setDraft({ ...draft, events: list });
  };
  const summary = (id: string) => displayText(events.get(id as EventId)?.summary ?? id, false);

  return (
    <section className="chain-tools" aria-label="Chains">
      <h3>Chains</h3>
      <div className="chain-list">
        {chains?.map((chain) => (
          <ChainCard key={chain.id} chain={chain} shown={shown === chain.id} onShow={() => setShown(shown === chain.id ? null : chain.id)} onEdit={(version) => setDraft({ id: chain.id, title: version.title, narrative: version.narrative, events: version.events })} summary={summary} />
        ))}
        {draft === null && (
          <button type="button" onClick={() => setDraft({ ...EMPTY, events: eventId ? [eventId] : [] })}>
            New chain
          </button>
        )}
      </div>
      {draft && (
        <form
          className="chain-editor"
          aria-label="Chain editor"
          onSubmit={(submit) => {
            submit.preventDefault();
            if (name) save();
            else setAsking(true);
          }}
        >
          <label>
            Title <input value={draft.title} onChange={(change) => setDraft({ ...draft, title: change.target.value })} aria-label="Chain title" />
          </label>
          <label className="note-field">
            Narrative
            <textarea rows={3} value={draft.narrative} onChange={(change) => setDraft({ ...draft, narrative: change.target.value })} aria-label="Chain narrative" />
          </label>
          <ol className="chain-events" aria-label="Chain events">
            {draft.events.map((id, index) => (
              <li key={`${id}-${index}`}>
                <button type="button" className="link-like" onClick={() => onSelectEvent(id as EventId)}>
                  {summary(id)}
                </button>{' '}
                <button type="button" aria-label="Move up" onClick={() => move(index, -1)} disabled={index === 0}>
                  ↑
                </button>
                <button type="button" aria-label="Move down" onClick={() => move(index, 1)} disabled={index === draft.events.length - 1}>
                  ↓
                </button>
                <button type="button" aria-label="Remove from chain" onClick={() => setDraft({ ...draft, events: draft.events.filter((_, at) => at !== index) })}>
                  ×
                </button>
              </li>
            ))}
          </ol>
          <p>
            <button type="button" disabled={!eventId || draft.events.includes(eventId)} onClick={() => eventId && setDraft({ ...draft, events: [...draft.events, eventId] })}>
              Add selected event
            </button>{' '}
            <button type="submit" disabled={draft.events.length === 0}>
              Save chain
            </button>{' '}
            <button type="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </p>
          {error && <p className="error">{error}</p>}
          {asking && (
            <NameDialog
              onDone={(saved) => {
                setAsking(false);
                if (saved) save();
              }}
            />
          )}
        </form>
      )}
    </section>
  );
}

interface ChainCardProps {
  readonly chain: Chain & { readonly conflicts?: readonly Chain[] };
  readonly shown: boolean;
  readonly onShow: () => void;
  readonly onEdit: (version: Chain) => void;
  readonly summary: (id: string) => string;
}

function ChainCard({ chain, shown, onShow, onEdit, summary }: ChainCardProps) {
  const versions = versionsOf(chain);
  return (
    <article className={`chain-card${shown ? ' shown' : ''}`} data-chain-id={chain.id}>
      {versions.map((version, index) => (
        <div key={index} className={versions.length > 1 ? 'conflict-version' : undefined}>
          <h4>
            {version.title} <span className="hint">by {version.author}, {plural(version.events.length, 'event')}</span>
          </h4>
          {version.narrative && <Markdown source={version.narrative} />}
          {shown && (
            <ol>
              {version.events.map((id, at) => (
                <li key={`${id}-${at}`}>{summary(id)}</li>
              ))}
            </ol>
          )}
          {versions.length > 1 && (
            <button type="button" onClick={() => void resolveConflict('chains', chain.id, index)}>
              Keep this version
            </button>
          )}
        </div>
      ))}
      <p>
        <button type="button" aria-pressed={shown} onClick={onShow}>
          {shown ? 'Hide in graph' : 'Highlight in graph'}
        </button>{' '}
        {versions.length === 1 && (
          <>
            <button type="button" onClick={() => onEdit(chain)}>
              Edit
            </button>{' '}
            <button type="button" onClick={() => void deleteChain(chain.id)}>
              Delete
            </button>
          </>
        )}
      </p>
    </article>
  );
}
