// Rule files an analyst added in the app. Their text is kept in localStorage, so they survive a
// reload without a new IndexedDB table; they are parsed again on load.

import { useSyncExternalStore } from 'react';
import { loadRuleFile, type Rule, type RuleDiagnostic } from '../../../shared/rules';

const STORAGE_KEY = 'custody.ruleFiles';

export interface RuleFile {
  readonly name: string;
  readonly text: string;
}

export interface RuleSet {
  readonly files: readonly (RuleFile & { readonly rules: readonly Rule[]; readonly diagnostics: readonly RuleDiagnostic[] })[];
  /** Every rule that loaded from the files. */
  readonly rules: readonly Rule[];
  /** Changes whenever the files change, for caches keyed on the rule set. */
  readonly version: number;
}

const listeners = new Set<() => void>();
let current: RuleSet | null = null;
let version = 0;

function read(): RuleFile[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((item): item is RuleFile => typeof item?.name === 'string' && typeof item?.text === 'string') : [];
  } catch {
    return [];
  }
}

function build(files: readonly RuleFile[]): RuleSet {
  version += 1;
  const loaded = files.map((file) => ({ ...file, ...loadRuleFile(file.text, file.name) }));
  return { files: loaded, rules: loaded.flatMap((file) => file.rules), version };
}

function snapshot(): RuleSet {
  current ??= build(read());
  return current;
}

/** Returns the rule files the analyst added, for code outside React such as the case export. */
export function currentRuleSet(): RuleSet {
  return snapshot();
}

function write(files: readonly RuleFile[]): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(files));
  current = build(files);
  for (const listener of listeners) listener();
}

export function addRuleFile(file: RuleFile): void {
  write([...read().filter((item) => item.name !== file.name), file]);
}

export function removeRuleFile(name: string): void {
  write(read().filter((item) => item.name !== name));
}

export function useRuleSet(): RuleSet {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot,
  );
}
