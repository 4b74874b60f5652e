// A command as the renderer runs it: the shared descriptor (id, label, shortcut) plus what it
// does and whether it can run now.

import type { CommandDescriptor } from '../../shared/commands';

export interface AppCommand extends CommandDescriptor {
  /** Returns null when the command can run, or a sentence saying why it cannot. */
  readonly unavailableReason: () => string | null;
  readonly run: () => void;
}
