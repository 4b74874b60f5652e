// Commands that act on a control inside a view find it by its `data-command` attribute and
// click it: the graph's Fit button, the Reveal secrets box and the case export button. So the
// views keep their own state and only mark the control.

import type { CommandId } from '../../shared/commands';

export function commandTarget(id: CommandId): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-command="${id}"]:not([disabled])`);
}

export function clickTarget(id: CommandId): void {
  const target = commandTarget(id);
  target?.click();
  target?.focus();
}

/** Finds the first search field of the current view. */
export function searchField(): HTMLInputElement | null {
  return document.querySelector<HTMLInputElement>('main input[type="search"]');
}
