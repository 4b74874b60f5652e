// Where coding agents keep their logs in a user's home directory, and the manifest that
// `custody collect` writes beside the collected files. Pure: callers pass the directory
// listing and path joining of their platform.

/** Kind of agent log a collected file came from. */
export type AgentLogKind = 'claude-code' | 'codex' | 'gemini-cli' | 'otel' | 'path';

/** One file or folder to collect, with the name its contents get inside the collection. */
export interface LogLocation {
  readonly kind: AgentLogKind;
  /** Absolute path on this machine. */
  readonly path: string;
  /** Folder name inside the collection zip, `/`-separated, without a trailing slash. */
  readonly entryPrefix: string;
}

/** One entry of a directory listing, as `readdir(..., { withFileTypes: true })` gives it. */
export interface ListedEntry {
  readonly name: string;
  readonly isDirectory: boolean;
  readonly isFile: boolean;
}

/** Lists a folder; resolves null when the folder does not exist or cannot be read. */
export type ListFolder = (path: string) => Promise<readonly ListedEntry[] | null>;

/** Joins path segments with the platform's separator. */
export type JoinPath = (...segments: string[]) => string;

/**
 * Folders under the home directory that agents write to, in the layout of the samples the
 * tests use: Claude Code keeps one folder per project with a JSONL transcript per session, and
 * Codex keeps rollout JSONL files by date, moving old ones to archived_sessions.
 */
const HOME_FOLDERS: readonly { kind: AgentLogKind; segments: readonly string[]; entryPrefix: string }[] = [
  { kind: 'claude-code', segments: ['.claude', 'projects'], entryPrefix: 'claude-code/projects' },
  { kind: 'codex', segments: ['.codex', 'sessions'], entryPrefix: 'codex/sessions' },
  { kind: 'codex', segments: ['.codex', 'archived_sessions'], entryPrefix: 'codex/archived_sessions' },
];

/**
 * Finds the agent log folders and files that exist under `home`. Gemini CLI keeps a folder per
 * project hash under ~/.gemini/tmp; only its `chats` folder and `logs.json` are agent logs, the
 * rest of tmp is scratch space, so each is listed on its own.
 */
export async function findAgentLogs(home: string, list: ListFolder, join: JoinPath): Promise<LogLocation[]> {
  const found: LogLocation[] = [];
  for (const folder of HOME_FOLDERS) {
    const segments = [...folder.segments];
    const last = segments.pop()!;
    const parent = join(home, ...segments);
    const entries = await list(parent);
    if (entries?.some((entry) => entry.name === last && entry.isDirectory)) {
      found.push({ kind: folder.kind, path: join(parent, last), entryPrefix: folder.entryPrefix });
    }
  }
  const geminiTmp = join(home, '.gemini', 'tmp');
  const projects = (await list(geminiTmp)) ?? [];
  for (const project of [...projects].sort(compareNames)) {
    if (!project.isDirectory) continue;
    const entries = (await list(join(geminiTmp, project.name))) ?? [];
    for (const entry of [...entries].sort(compareNames)) {
      const prefix = `gemini-cli/tmp/${project.name}`;
      if (entry.name === 'chats' && entry.isDirectory) {
        found.push({ kind: 'gemini-cli', path: join(geminiTmp, project.name, 'chats'), entryPrefix: `${prefix}/chats` });
      } else if (entry.name === 'logs.json' && entry.isFile) {
        found.push({ kind: 'gemini-cli', path: join(geminiTmp, project.name, 'logs.json'), entryPrefix: prefix });
      }
    }
  }
  return found;
}

function compareNames(a: ListedEntry, b: ListedEntry): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Name of the manifest entry. It is written last, so the zip never starts with it. */
export const COLLECTION_MANIFEST_PATH = 'manifest.json';

/** Version of the collection manifest layout. */
export const COLLECTION_FORMAT = 'custody-collection/1';

/** One collected file as the manifest records it. */
export interface CollectedFile {
  /** Path inside the zip, `/`-separated. */
  readonly entry: string;
  readonly kind: AgentLogKind;
  /** Absolute path on the machine it was collected from. */
  readonly originalPath: string;
  /** Bytes read, which are the bytes stored in the zip. */
  readonly size: number;
  /** SHA-256 of those bytes, lowercase hex. */
  readonly sha256: string;
  /** Times from the file's status before reading, ISO 8601 UTC; null where the file system keeps none. */
  readonly mtime: string;
  readonly ctime: string;
  readonly birthtime: string | null;
  /** True when the size or modification time changed while the file was read (an agent still writing). */
  readonly changedWhileReading: boolean;
}

/** A path that was found but not collected, with the reason. */
export interface SkippedPath {
  readonly originalPath: string;
  readonly reason: string;
}

export interface CollectionManifest {
  readonly format: typeof COLLECTION_FORMAT;
  readonly tool: { readonly name: string; readonly version: string };
  readonly host: string;
  readonly user: string;
  readonly platform: string;
  /** Start and end of the collection, ISO 8601 UTC. */
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly home: string;
  readonly sources: readonly LogLocation[];
  readonly files: readonly CollectedFile[];
  readonly skipped: readonly SkippedPath[];
}
