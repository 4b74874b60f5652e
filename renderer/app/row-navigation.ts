// Arrow-key movement through the rows of tables and lists in every view. Up and Down move
// focus to the previous or next row, and Home and End to the first and last rendered row.
// Enter activates the focused row as a click would. Virtualised lists render only the rows
// near the viewport, so focus moves through those, and scrolling brings the next ones in.

const ROW_SELECTOR = '[role="row"]:not(.table-head), [role="option"], tbody > tr';
const CONTAINER_SELECTOR = '[role="listbox"], [role="rowgroup"], [role="grid"], table';

function rowsBeside(row: HTMLElement): HTMLElement[] {
  const container = row.closest(CONTAINER_SELECTOR) ?? row.parentElement;
  if (!container) return [row];
  return Array.from(container.querySelectorAll<HTMLElement>(ROW_SELECTOR)).filter((candidate) => candidate.closest(CONTAINER_SELECTOR) === container);
}

function focusRow(row: HTMLElement | undefined): void {
  if (!row) return;
  // Rows that are not focusable by themselves take focus from script only.
  if (row.tabIndex < 0 && !row.hasAttribute('tabindex')) row.tabIndex = -1;
  row.focus();
  row.scrollIntoView({ block: 'nearest' });
}

/** Handles one key press; returns true when it moved focus or activated a row. */
export function handleRowKey(event: KeyboardEvent): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey) return false;
  const target = event.target as HTMLElement | null;
  if (!target || target.closest('input, textarea, select, [contenteditable="true"], dialog')) return false;
  const row = target.matches(ROW_SELECTOR) ? target : null;
  if (!row) {
    // From a list or table itself, Down enters its first row.
    if (event.key === 'ArrowDown' && target.matches(CONTAINER_SELECTOR)) {
      focusRow(target.querySelector<HTMLElement>(ROW_SELECTOR) ?? undefined);
      return true;
    }
    return false;
  }
  const rows = rowsBeside(row);
  const index = rows.indexOf(row);
  if (event.key === 'ArrowDown') focusRow(rows[index + 1]);
  else if (event.key === 'ArrowUp') focusRow(rows[index - 1]);
  else if (event.key === 'Home') focusRow(rows[0]);
  else if (event.key === 'End') focusRow(rows.at(-1));
  else if (event.key === 'Enter' && !(row instanceof HTMLAnchorElement)) row.click();
  else return false;
  return true;
}
