// Mounts the command palette, the shortcuts help and the keyboard handler, and runs commands
// that the Electron menu sends. One list of commands serves all of them.

import { useEffect, useMemo, useRef, useState } from 'react';
import { buildCommands } from '../commands/registry';
import { commandForStroke, isMacPlatform } from '../commands/keys';
import { desktopBridge, importInputFromBridge } from '../bridge/desktop';
import type { ImportInput } from '../input/collect';
import { CommandPalette } from './CommandPalette';
import { handleRowKey } from './row-navigation';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useTheme, type ThemePreference } from './theme';
import { applySavedPanelSizes } from './panel-sizes';
import './shell.css';

interface CommandLayerProps {
  readonly openFile: () => void;
  readonly openFolder: () => void;
  readonly enqueue: (inputs: ImportInput[]) => void;
  readonly report: (name: string, message: string) => void;
}

applySavedPanelSizes();

export function CommandLayer({ openFile, openFolder, enqueue, report }: CommandLayerProps) {
  const [open, setOpen] = useState<'palette' | 'shortcuts' | null>(null);
  const { theme, setTheme, cycleTheme } = useTheme();
  const isMac = useMemo(isMacPlatform, []);
  const bridge = desktopBridge();

  // The shell passes new functions on every render; a ref keeps the command list stable.
  const actions = useRef({ openFile, openFolder, enqueue, report });
  actions.current = { openFile, openFolder, enqueue, report };

  const commands = useMemo(() => {
    const openLocalLogs = bridge
      ? () => {
          void bridge.openLocalLogs().then(async (result) => {
            const { enqueue, report } = actions.current;
            if (!result.ok) return report("This machine's agent logs", result.error.message);
            for (const failure of result.value.failures) report(failure.location, failure.error.message);
            if (result.value.bundles.length === 0) return report("This machine's agent logs", `No agent logs found under ${result.value.home}.`);
            enqueue(await Promise.all(result.value.bundles.map((bundle) => importInputFromBridge(bridge, bundle))));
          }).catch((error: unknown) => actions.current.report("This machine's agent logs", error instanceof Error ? error.message : String(error)));
        }
      : null;
    return buildCommands({ openFile: () => actions.current.openFile(), openFolder: () => actions.current.openFolder(), openLocalLogs, openPalette: () => setOpen('palette'), openShortcuts: () => setOpen('shortcuts'), cycleTheme });
  }, [bridge, cycleTheme]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const command = commandForStroke(commands, event, isMac);
      if (command) {
        event.preventDefault();
        if (!command.unavailableReason()) command.run();
        return;
      }
      if (handleRowKey(event)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [commands, isMac]);

  useEffect(
    () =>
      bridge?.onRunCommand(({ id }) => {
        const command = commands.find((item) => item.id === id);
        if (command && !command.unavailableReason()) command.run();
      }),
    [bridge, commands],
  );

  return (
    <>
      <select className="theme-select" aria-label="Theme" value={theme} onChange={(change) => setTheme(change.target.value as ThemePreference)}>
          <option value="system">System theme</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
      </select>
      <button type="button" className="palette-button" onClick={() => setOpen('palette')} title="Show all commands (Ctrl+K)">
        Commands
      </button>
      {open === 'palette' && <CommandPalette commands={commands} isMac={isMac} onClose={() => setOpen(null)} />}
      {open === 'shortcuts' && <ShortcutsDialog commands={commands} isMac={isMac} onClose={() => setOpen(null)} />}
    </>
  );
}
