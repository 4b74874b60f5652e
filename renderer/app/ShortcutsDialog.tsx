// Help: every command with its shortcut, and the keys that work everywhere.

import { formatShortcut, PALETTE_ALTERNATE_SHORTCUT } from '../../shared/commands';
import type { AppCommand } from '../commands/types';
import { Modal } from './Modal';

export function ShortcutsDialog({ commands, isMac, onClose }: { readonly commands: readonly AppCommand[]; readonly isMac: boolean; readonly onClose: () => void }) {
  return (
    <Modal label="Keyboard shortcuts" onClose={onClose} className="shortcuts">
      <h2>Keyboard shortcuts</h2>
      <table>
        <tbody>
          {commands.map((command) => (
            <tr key={command.id}>
              <td>{command.label}</td>
              <td>
                {command.shortcut ? <kbd>{formatShortcut(command.shortcut, isMac)}</kbd> : <span className="hint">palette only</span>}
                {command.id === 'command-palette' && <> or <kbd>{formatShortcut(PALETTE_ALTERNATE_SHORTCUT, isMac)}</kbd></>}
              </td>
            </tr>
          ))}
          <tr>
            <td>Move between controls</td>
            <td><kbd>Tab</kbd>, <kbd>Shift+Tab</kbd></td>
          </tr>
          <tr>
            <td>Move through rows of a table or list</td>
            <td><kbd>↑</kbd> <kbd>↓</kbd> <kbd>Home</kbd> <kbd>End</kbd>, <kbd>Enter</kbd> opens</td>
          </tr>
          <tr>
            <td>Close a dialog</td>
            <td><kbd>Esc</kbd></td>
          </tr>
        </tbody>
      </table>
      <p>
        <button type="button" autoFocus onClick={onClose}>Close</button>
      </p>
    </Modal>
  );
}
