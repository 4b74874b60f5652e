// Light and dark themes: the system's choice by default, or a manual override saved in
// localStorage. The override sets `data-theme` on the root element, which the CSS reads.

import { useCallback, useEffect, useState } from 'react';

export type ThemePreference = 'system' | 'light' | 'dark';

export const THEME_KEY = 'custody.theme';
const ORDER: readonly ThemePreference[] = ['system', 'light', 'dark'];

export function readTheme(): ThemePreference {
  const saved = localStorage.getItem(THEME_KEY);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

export function applyTheme(preference: ThemePreference): void {
  if (preference === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = preference;
}

export function nextTheme(preference: ThemePreference): ThemePreference {
  return ORDER[(ORDER.indexOf(preference) + 1) % ORDER.length]!;
}

export function useTheme(): { theme: ThemePreference; setTheme: (theme: ThemePreference) => void; cycleTheme: () => void } {
  const [theme, setState] = useState<ThemePreference>(readTheme);
  useEffect(() => applyTheme(theme), [theme]);
  const setTheme = useCallback((value: ThemePreference) => {
    if (value === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, value);
    setState(value);
  }, []);
  const cycleTheme = useCallback(() => setTheme(nextTheme(readTheme())), [setTheme]);
  return { theme, setTheme, cycleTheme };
}

// Applied when the module loads, before React's first render, so a saved theme never flashes.
applyTheme(readTheme());
