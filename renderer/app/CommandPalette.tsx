// The command palette (Ctrl/Cmd+K or Ctrl/Cmd+Shift+P): every command with its shortcut, filtered
// as the user types. Arrow keys move, Enter runs, Escape closes. A command that cannot run now
// stays listed, disabled, with the reason.

import { useEffect, useMemo, useRef, useState } from 'react';
import { formatShortcut } from '../../shared/commands';
import type { AppCommand } from '../commands/types';
import { Modal } from './Modal';

interface CommandPaletteProps {
  readonly commands: readonly AppCommand[];
  readonly isMac: boolean;
  readonly onClose: () => void;
}

export function CommandPalette({ commands, isMac, onClose }: CommandPaletteProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  // Availability is read once, when the palette opens, from the view behind it.
  const rows = useMemo(() => commands.filter((command) => command.id !== 'command-palette').map((command) => ({ command, reason: command.unavailableReason() })), [commands]);
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matching = rows.filter(({ command }) => words.every((word) => command.label.toLowerCase().includes(word)));
  const index = Math.min(active, Math.max(matching.length - 1, 0));

  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [index]);

  const run = (row: (typeof matching)[number] | undefined) => {
    if (!row || row.reason) return;
    onClose();
    // The dialog closes first, so focus moves back before the command moves it on.
    setTimeout(row.command.run, 0);
  };
  return (
    <Modal label="Commands" onClose={onClose} className="palette">
      <input
        autoFocus
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={matching[index] ? `palette-${matching[index].command.id}` : undefined}
        aria-label="Type a command"
        placeholder="Type a command"
        value={query}
        onChange={(change) => {
          setQuery(change.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') setActive((index + 1) % Math.max(matching.length, 1));
          else if (event.key === 'ArrowUp') setActive((index - 1 + matching.length) % Math.max(matching.length, 1));
          else if (event.key === 'Home') setActive(0);
          else if (event.key === 'End') setActive(matching.length - 1);
          else if (event.key === 'Enter') run(matching[index]);
          else return;
          event.preventDefault();
        }}
      />
      <ul id="palette-list" role="listbox" aria-label="Commands" ref={list}>
        {matching.map((row, position) => (
          <li
            key={row.command.id}
            id={`palette-${row.command.id}`}
            role="option"
            aria-selected={position === index}
            aria-disabled={row.reason !== null}
            onMouseMove={() => setActive(position)}
            onClick={() => run(row)}
          >
            <span className="palette-label">{row.command.label}</span>
            {row.reason && <span className="hint palette-reason">{row.reason}</span>}
            {row.command.shortcut && <kbd>{formatShortcut(row.command.shortcut, isMac)}</kbd>}
          </li>
        ))}
        {matching.length === 0 && <li className="hint">No command matches "{query}".</li>}
      </ul>
    </Modal>
  );
}
