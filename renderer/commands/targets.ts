// Commands that act on a control inside a view (the graph's Fit button, the Reveal secrets box,
// the case export button) find it by its `data-command` attribute and click it, so views keep
// their own state and need only mark the control.

import type { CommandId } from '../../shared/commands';

export function commandTarget(id: CommandId): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-command="${id}"]:not([disabled])`);
}

export function clickTarget(id: CommandId): void {
  const target = commandTarget(id);
  target?.click();
  target?.focus();
}

/** The first search field of the current view. */
export function searchField(): HTMLInputElement | null {
  return document.querySelector<HTMLInputElement>('main input[type="search"]');
}
