// Sizes of resizable panels, in CSS pixels, remembered in localStorage and applied as CSS
// custom properties on the root element (`--inspector-width`, `--events-height`).

export type PanelName = 'inspector-width' | 'events-height';

export const PANEL_LIMITS: Record<PanelName, { min: number; max: number; initial: number }> = {
  'inspector-width': { min: 260, max: 1200, initial: 420 },
  'events-height': { min: 120, max: 1200, initial: 260 },
};

const storageKey = (name: PanelName) => `custody.panel.${name}`;

export function clampPanel(name: PanelName, size: number): number {
  const { min, max } = PANEL_LIMITS[name];
  return Math.round(Math.min(max, Math.max(min, size)));
}

export function readPanelSize(name: PanelName): number {
  const saved = Number(localStorage.getItem(storageKey(name)));
  return Number.isFinite(saved) && saved > 0 ? clampPanel(name, saved) : PANEL_LIMITS[name].initial;
}

export function applyPanelSize(name: PanelName, size: number): void {
  document.documentElement.style.setProperty(`--${name}`, `${size}px`);
}

export function savePanelSize(name: PanelName, size: number): number {
  const clamped = clampPanel(name, size);
  localStorage.setItem(storageKey(name), String(clamped));
  applyPanelSize(name, clamped);
  return clamped;
}

/** Applies every saved size; called once at start. */
export function applySavedPanelSizes(): void {
  for (const name of Object.keys(PANEL_LIMITS) as PanelName[]) applyPanelSize(name, readPanelSize(name));
}
