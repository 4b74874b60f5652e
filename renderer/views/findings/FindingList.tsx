// A list of findings, most severe first. Each finding shows its evidence; choosing an evidence
// line opens that event.

import type { EventId } from '../../../shared/model/ids';
import { describeRule, type Finding } from '../../../shared/rules';
import { FindingAnnotations } from '../../analyst/FindingAnnotations';
import { displayText } from '../../lib/SecretText';
import { formatTime } from '../../lib/format';
import type { EpochMs } from '../../../shared/model/time';

interface FindingListProps {
  readonly findings: readonly Finding[];
  /** Called with the session and id of the event to open. */
  readonly onOpenEvent: (session: string, event: EventId) => void;
  /** Show the session of each finding (the case view); the session panel leaves it out. */
  readonly showSession?: boolean;
  readonly reveal?: boolean;
}

export function FindingList({ findings, onOpenEvent, showSession = false, reveal = false }: FindingListProps) {
  return (
    <ol className="finding-list">
      {findings.map((finding) => (
        <li key={finding.id} className={`finding severity-${finding.severity}`} data-rule={finding.rule} data-rule-file={finding.ruleFile}>
          <details>
            <summary>
              <span className={`severity-badge severity-${finding.severity}`}>{finding.severity}</span> <strong>{finding.title}</strong> <span className="finding-summary">{displayText(finding.summary, reveal)}</span>
              {showSession && <span className="finding-session mono"> · {displayText(finding.session, true)}</span>}
              {finding.time !== null && <span className="finding-time"> · {formatTime(finding.time as EpochMs)}</span>}
            </summary>
            <p className="finding-explanation">{finding.explanation}</p>
            <p className="finding-rule">Raised by {describeRule(finding)}.</p>
            {finding.standards.length > 0 && (
              <p className="finding-standards">
                Maps to:{' '}
                {finding.standards.map((standard) => (
                  <abbr key={standard.id} title={standard.list}>
                    {standard.id} {standard.name}
                  </abbr>
                ))}
              </p>
            )}
            <ul className="finding-evidence">
              {finding.evidence.map((item, index) => (
                <li key={`${item.session}|${item.event}|${index}`}>
                  <button type="button" className="link" onClick={() => onOpenEvent(item.session, item.event)} title={`Open event ${item.event} in session ${item.session}`}>
                    {displayText(item.text, reveal)}
                  </button>
                </li>
              ))}
            </ul>
          </details>
          <FindingAnnotations finding={finding} />
        </li>
      ))}
    </ol>
  );
}
