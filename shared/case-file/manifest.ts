// The manifest of a case file: what the case is, who exported it, and every other entry of the
// zip with its SHA-256 and size. The optional Ed25519 signature covers the manifest's bytes, so
// through the hashes it covers every entry.

import type { Sha256 } from '../model/ids';

export const CASE_FORMAT = 'custody-case';
/**
 * Version 2 carries each archive bundle's original file (role `original`) and lists evidence
 * files found in it without an entry of their own. Version 1 files, which carry evidence files
 * only, are still read.
 */
export const CASE_FORMAT_VERSION = 2;
export const SUPPORTED_FORMAT_VERSIONS: readonly number[] = [1, 2];
export const MANIFEST_PATH = 'manifest.json';
export const SIGNATURE_PATH = 'signature.json';

/** What an entry holds; readers find entries by role, not by path. */
export type EntryRole = 'annotations' | 'chains' | 'reviews' | 'findings' | 'log' | 'bundles' | 'evidence' | 'original' | 'redactions';

export interface ManifestEntry {
  /** Name of the entry in the zip. */
  readonly path: string;
  readonly role: EntryRole;
  /** SHA-256 of the entry's uncompressed bytes. */
  readonly sha256: Sha256;
  /** Uncompressed bytes. */
  readonly size: number;
}

export interface CaseManifest {
  readonly format: typeof CASE_FORMAT;
  readonly formatVersion: number;
  readonly case: { readonly id: string; readonly title: string };
  readonly examiner: string;
  /** ISO 8601 times: when the case was started on the exporting machine, and when it was exported. */
  readonly createdAt: string;
  readonly exportedAt: string;
  readonly app: { readonly name: string; readonly version: string };
  /** True when the evidence copies and notes had secrets or personal data replaced. */
  readonly redacted: boolean;
  /** Kinds replaced in a redacted export, such as `secrets`, `email` or `ip`. */
  readonly redactedKinds: readonly string[];
  /** False when the exporter left the evidence out. */
  readonly includesEvidence: boolean;
  /**
   * True when at least one bundle is carried as its original archive file. Absent in format
   * version 1; false in a redacted export, because the originals contain what was redacted.
   */
  readonly includesOriginals?: boolean;
  readonly entries: readonly ManifestEntry[];
}

/** Roles that more than one entry may have; every other role has at most one entry. */
const MULTIPLE_ROLES: ReadonlySet<string> = new Set<EntryRole>(['evidence', 'original']);
const ROLES: ReadonlySet<string> = new Set<EntryRole>(['annotations', 'chains', 'reviews', 'findings', 'log', 'bundles', 'evidence', 'original', 'redactions']);

/** Entry names the writer produces: no `..` segments, no leading slash, no backslashes. */
const SAFE_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._/-]{1,200}$/;

export function isSafeEntryPath(path: string): boolean {
  return SAFE_PATH.test(path) && path !== MANIFEST_PATH && path !== SIGNATURE_PATH;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isSize = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** Checks a parsed manifest's shape; returns the reason it is invalid, or null when it is valid. */
export function manifestProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'the manifest is not a JSON object';
  if (value.format !== CASE_FORMAT) return `the format is ${JSON.stringify(value.format)}, expected "${CASE_FORMAT}"`;
  if (typeof value.formatVersion !== 'number' || !SUPPORTED_FORMAT_VERSIONS.includes(value.formatVersion)) {
    return `format version ${JSON.stringify(value.formatVersion)} is not supported (this reader supports ${SUPPORTED_FORMAT_VERSIONS.join(' and ')})`;
  }
  const version = value.formatVersion;
  if (!isRecord(value.case) || !isString(value.case.id) || !isString(value.case.title)) return 'the case id or title is missing';
  if (!isString(value.examiner) || !isString(value.createdAt) || !isString(value.exportedAt)) return 'the examiner or a time is missing';
  if (!isRecord(value.app) || !isString(value.app.name) || !isString(value.app.version)) return 'the app name or version is missing';
  if (typeof value.redacted !== 'boolean' || typeof value.includesEvidence !== 'boolean') return 'the redacted or includesEvidence flag is missing';
  if (!Array.isArray(value.redactedKinds) || !value.redactedKinds.every(isString)) return 'redactedKinds is not a list of strings';
  if (version >= 2 && typeof value.includesOriginals !== 'boolean') return 'the includesOriginals flag is missing';
  if (value.redacted === true && value.includesOriginals === true) return 'a redacted export cannot include original files';
  if (!Array.isArray(value.entries)) return 'the entry list is missing';
  const seen = new Set<string>();
  const roles = new Set<string>();
  for (const entry of value.entries as unknown[]) {
    if (!isRecord(entry) || !isString(entry.path) || !isString(entry.role) || !isString(entry.sha256) || !isSize(entry.size)) return 'an entry lacks its path, role, sha256 or size';
    if (!isSafeEntryPath(entry.path)) return `entry name ${JSON.stringify(entry.path)} is not allowed`;
    if (!ROLES.has(entry.role)) return `entry ${entry.path} has the unknown role ${JSON.stringify(entry.role)}`;
    if (entry.role === 'original' && version < 2) return `entry ${entry.path} has the role "original", which format version ${version} does not have`;
    if (!/^[0-9a-f]{64}$/.test(entry.sha256)) return `entry ${entry.path} has an invalid SHA-256`;
    if (seen.has(entry.path)) return `entry ${entry.path} is listed twice`;
    seen.add(entry.path);
    // Readers take the first entry of a role, so a second one would be carried but never read.
    if (!MULTIPLE_ROLES.has(entry.role) && roles.has(entry.role)) return `entry ${entry.path} is a second entry with the role ${JSON.stringify(entry.role)}`;
    roles.add(entry.role);
  }
  return null;
}
