// Builds the full command list from shared/commands.ts and the shell's actions. The palette,
// the keyboard handler and the Electron menu (through `app:run-command`) all run these.

import { COMMANDS, type CommandId } from '../../shared/commands';
import { navigate } from '../app/route';
import type { AppCommand } from './types';
import { clickTarget, commandTarget, searchField } from './targets';

export interface ShellActions {
  readonly openFile: () => void;
  readonly openFolder: () => void;
  /** Null in a browser, where the page cannot read this machine's folders. */
  readonly openLocalLogs: (() => void) | null;
  readonly openPalette: () => void;
  readonly openShortcuts: () => void;
  readonly cycleTheme: () => void;
}

const LOCAL_LOGS_IN_BROWSER =
  "Only the desktop app can read this machine's agent logs; in a browser, use Open folder… on ~/.claude/projects, ~/.codex/sessions or ~/.gemini/tmp.";

function targetReason(id: CommandId, where: string): () => string | null {
  return () => (commandTarget(id) ? null : `Available ${where}.`);
}

export function buildCommands(actions: ShellActions): AppCommand[] {
  const always = () => null;
  const behaviour: Record<CommandId, Pick<AppCommand, 'run' | 'unavailableReason'>> = {
    'open-file': { run: actions.openFile, unavailableReason: always },
    'open-folder': { run: actions.openFolder, unavailableReason: always },
    'open-local-logs': {
      run: () => actions.openLocalLogs?.(),
      unavailableReason: () => (actions.openLocalLogs ? null : LOCAL_LOGS_IN_BROWSER),
    },
    'go-library': { run: () => navigate({ view: 'library' }), unavailableReason: always },
    'go-sessions': { run: () => navigate({ view: 'sessions' }), unavailableReason: always },
    'go-findings': { run: () => navigate({ view: 'findings' }), unavailableReason: always },
    'go-case': { run: () => navigate({ view: 'case' }), unavailableReason: always },
    'command-palette': { run: actions.openPalette, unavailableReason: always },
    'focus-search': {
      run: () => searchField()?.focus(),
      unavailableReason: () => (searchField() ? null : 'This view has no search field; the sessions, findings and session views have one.'),
    },
    'toggle-secrets': { run: () => clickTarget('toggle-secrets'), unavailableReason: targetReason('toggle-secrets', 'in a session, beside the inspector') },
    'toggle-theme': { run: actions.cycleTheme, unavailableReason: always },
    'fit-graph': { run: () => clickTarget('fit-graph'), unavailableReason: targetReason('fit-graph', 'in a session once its graph is drawn') },
    'export-case': { run: () => clickTarget('export-case'), unavailableReason: targetReason('export-case', 'in the case view') },
    'help-shortcuts': { run: actions.openShortcuts, unavailableReason: always },
  };
  return COMMANDS.map((descriptor) => ({ ...descriptor, ...behaviour[descriptor.id] }));
}
