// The graph legend: node kinds, decision outcomes, access modes and the chain highlight, from the
// same tables the drawing uses.

import { ACCENT, ACCESS_COLOURS, FAILED_COLOUR, NODE_FILL, NODE_LABELS, VERDICT_COLOURS } from '../../graph/style';

export function Legend() {
  return (
    <details className="legend">
      <summary>Legend</summary>
      <ul>
        {Object.entries(NODE_LABELS).map(([kind, label]) => (
          <li key={kind}>
            <span className="swatch" style={{ background: NODE_FILL[kind as keyof typeof NODE_FILL] }} /> {label}
          </li>
        ))}
      </ul>
      <ul>
        {Object.entries(VERDICT_COLOURS).map(([verdict, colour]) => (
          <li key={verdict}>
            <span className="swatch" style={{ borderColor: colour, borderWidth: 3 }} /> decision: {verdict}
          </li>
        ))}
      </ul>
      <ul>
        {Object.entries(ACCESS_COLOURS).map(([access, colour]) => (
          <li key={access}>
            <span className="line" style={{ background: colour }} /> access: {access}
          </li>
        ))}
        <li>
          <span className="line dashed" /> delegation to a sub-agent
        </li>
        <li>
          <span className="line" style={{ background: `repeating-linear-gradient(90deg, ${FAILED_COLOUR} 0 4px, transparent 4px 7px)` }} /> every call on the edge failed (a tool error or a cloud error code); a call group with failures has a thick outline in this colour
        </li>
        <li>
          <span className="line" style={{ background: ACCENT }} /> custody chain of the selected node, or a highlighted analyst chain; the rest of the graph fades
        </li>
      </ul>
    </details>
  );
}
