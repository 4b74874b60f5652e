// The bridge between the renderer and the Electron main process: every channel, its direction
// and its payload types. The preload script exposes exactly the methods of `CustodyBridge` on
// `window.custody`. In a plain browser that global is absent, and the renderer falls back to
// browser file pickers.
//
// Reading evidence bytes: main never hands the renderer a path it can read by itself. When the
// user picks files or a folder (dialog, menu, command line, second instance), main stats them,
// registers each file under an opaque handle and sends the list. The renderer then pulls the
// bytes with `readChunk(handle, offset)`, at most `MAX_CHUNK_BYTES` per call, and asks for the
// next chunk only after it has consumed the previous one. Main keeps no file contents between
// calls, so memory on both sides stays bounded by one chunk per reader however large the file
// is. Handles are released with `releaseFiles` once an import is finished.

/** Name of the global under which the preload script exposes the bridge (`window.custody`). */
export const BRIDGE_GLOBAL = 'custody';

/** Largest chunk that `bundle:read-chunk` returns, in bytes (4 MiB). */
export const MAX_CHUNK_BYTES = 4 << 20;

/** Chunk size the renderer requests when it has no reason to choose another, in bytes (1 MiB). */
export const DEFAULT_CHUNK_BYTES = 1 << 20;

// ---------------------------------------------------------------------------------------------
// Errors

/** Reasons a bridge call fails that the renderer can show or act on. */
export type BridgeErrorCode =
  /** A path given on the command line or by the operating system does not exist. */
  | 'not-found'
  /** The operating system denied access to a file or folder. */
  | 'permission-denied'
  /** A path is neither a regular file nor a folder (socket, device, broken link). */
  | 'unsupported-file-type'
  /** A folder contains more files than `MAX_FOLDER_FILES`. */
  | 'too-many-files'
  /** The handle was never issued, or was released. */
  | 'unknown-handle'
  /** A request argument has the wrong type or is out of range. */
  | 'invalid-argument'
  /** The request came from a frame other than the app's own page. */
  | 'untrusted-sender'
  /** Reading a file failed after it was opened (I/O error, file changed or removed). */
  | 'read-failed'
  /** Any other failure; this is a bug in Custody. */
  | 'internal';

/** An error as it crosses the bridge: a plain record, because Error objects lose fields there. */
export interface BridgeError {
  /** Class name of the original error in main, for example `Error` or `RangeError`. */
  readonly name: string;
  /** Sentence for the user, naming the value that failed. */
  readonly message: string;
  readonly code: BridgeErrorCode;
}

/** Outcome of every request: either the value or the serialised error, never a rejection. */
export type BridgeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: BridgeError };

/** Largest number of files that one opened folder may contain. */
export const MAX_FOLDER_FILES = 100_000;

// ---------------------------------------------------------------------------------------------
// Payloads

/** Opaque id that main issues for one readable file. */
export type FileHandle = string;

/** One file that the renderer may read through `readChunk`. */
export interface BridgeFile {
  readonly handle: FileHandle;
  /** Path relative to the opened folder with `/` separators, or the base name of a lone file. */
  readonly path: string;
  /** Size in bytes when the file was opened. */
  readonly size: number;
  /** Last modification time when the file was opened, in milliseconds since the Unix epoch. */
  readonly modifiedMs: number;
}

/** A file or folder the user opened, with every regular file it contains. */
export interface BridgeBundle {
  readonly kind: 'file' | 'folder';
  /** Absolute path on disk, as the user gave it. */
  readonly location: string;
  /** Base name of `location`. */
  readonly name: string;
  /** For a file, exactly one entry; for a folder, its regular files in path order. */
  readonly files: readonly BridgeFile[];
  /** Entries of a folder that were left out (symbolic links and special files), by relative path. */
  readonly skipped: readonly string[];
}

/** A path that could not be opened, with the reason. */
export interface BridgeOpenFailure {
  readonly location: string;
  readonly error: BridgeError;
}

/** Bundles opened in one step, plus the paths that failed. */
export interface OpenedBundles {
  readonly bundles: readonly BridgeBundle[];
  readonly failures: readonly BridgeOpenFailure[];
}

/** Request of `bundle:open-dialog`: pick one or more files, or one folder. */
export interface OpenDialogRequest {
  readonly kind: 'files' | 'folder';
}

/** Response of `bundle:open-dialog`. `canceled` is true, with no bundles, when the user closed it. */
export interface OpenDialogResult extends OpenedBundles {
  readonly canceled: boolean;
}

/** Request of `bundle:read-chunk`. */
export interface ReadChunkRequest {
  readonly handle: FileHandle;
  /** Byte offset to read from; a whole number from 0 up to the file size. */
  readonly offset: number;
  /** Bytes to read, from 1 to `MAX_CHUNK_BYTES`; defaults to `DEFAULT_CHUNK_BYTES`. */
  readonly length?: number;
}

/** Request of `bundle:release`. */
export interface ReleaseFilesRequest {
  readonly handles: readonly FileHandle[];
}

/** Response of `app:info`. */
export interface AppInfo {
  readonly name: string;
  /** Version of the app from package.json. */
  readonly version: string;
  /** Node's `process.platform` in main, for example `linux`, `darwin` or `win32`. */
  readonly platform: string;
  /** Node's `process.arch` in main, for example `x64` or `arm64`. */
  readonly arch: string;
  readonly electronVersion: string;
  readonly chromeVersion: string;
}

/** Origin of a request to open paths. */
export type OpenRequestSource = 'menu' | 'command-line' | 'second-instance' | 'operating-system';

/** Response of `bundle:open-local-logs`: this machine's agent log folders, opened in place. */
export interface LocalLogs extends OpenedBundles {
  /** Home directory that was searched. */
  readonly home: string;
}

/** Payload of `app:run-command`: a command chosen from the application menu. */
export interface RunCommandRequest {
  /** A `CommandId` from shared/commands.ts. */
  readonly id: string;
}

/** Largest report HTML that `report:print-pdf` accepts, in UTF-16 code units (64 Mi). */
export const MAX_REPORT_HTML_LENGTH = 64 << 20;

/** Request of `report:print-pdf`. */
export interface PrintPdfRequest {
  /** The complete, self-contained report page, as the renderer built it. */
  readonly html: string;
  /** File name proposed in the save dialog; main replaces a missing or different extension with `.pdf`. */
  readonly fileName: string;
}

/** Response of `report:print-pdf`: the saved file's absolute path, or canceled when the user closed the dialog. */
export type PrintPdfResult = { readonly canceled: true } | { readonly canceled: false; readonly path: string };

/** Payload of `bundle:did-request-open`. */
export interface OpenRequest extends OpenedBundles {
  readonly source: OpenRequestSource;
}

// ---------------------------------------------------------------------------------------------
// Channels

/** Renderer-to-main requests, keyed by channel: the request argument and the response value. */
export interface InvokeContract {
  'app:info': { request: void; response: AppInfo };
  'bundle:open-dialog': { request: OpenDialogRequest; response: OpenDialogResult };
  'bundle:read-chunk': { request: ReadChunkRequest; response: Uint8Array };
  'bundle:release': { request: ReleaseFilesRequest; response: void };
  'bundle:open-local-logs': { request: void; response: LocalLogs };
  'report:print-pdf': { request: PrintPdfRequest; response: PrintPdfResult };
}

/** Main-to-renderer events, keyed by channel: the payload. */
export interface EventContract {
  'bundle:did-request-open': OpenRequest;
  'app:run-command': RunCommandRequest;
}

export type InvokeChannel = keyof InvokeContract;
export type EventChannel = keyof EventContract;
export type InvokeRequest<C extends InvokeChannel> = InvokeContract[C]['request'];
export type InvokeResponse<C extends InvokeChannel> = InvokeContract[C]['response'];

/** Bridge method name to request channel; the preload script exposes one function per entry. */
export const INVOKE_METHODS = {
  getAppInfo: 'app:info',
  openBundleDialog: 'bundle:open-dialog',
  readChunk: 'bundle:read-chunk',
  releaseFiles: 'bundle:release',
  openLocalLogs: 'bundle:open-local-logs',
  printReportToPdf: 'report:print-pdf',
} as const satisfies Record<string, InvokeChannel>;

/** Bridge method name to event channel; each method subscribes a listener. */
export const EVENT_METHODS = {
  onDidRequestOpen: 'bundle:did-request-open',
  onRunCommand: 'app:run-command',
} as const satisfies Record<string, EventChannel>;

/** Every channel name, for allow-lists and tests. */
export const CHANNELS: readonly (InvokeChannel | EventChannel)[] = [
  ...Object.values(INVOKE_METHODS),
  ...Object.values(EVENT_METHODS),
];

/** Removes the listener that a subscription added. */
export type Unsubscribe = () => void;

/** The API on `window.custody`. Every request resolves with a `BridgeResult`; none rejects. */
export interface CustodyBridge {
  /** Fetches the app's name, version, platform and runtime versions. */
  getAppInfo(): Promise<BridgeResult<AppInfo>>;

  /**
   * Shows the native open dialog for files (several allowed) or one folder and registers what
   * the user picked. Each picked file becomes a bundle of kind `file`; a folder becomes one
   * bundle listing its regular files.
   */
  openBundleDialog(request: OpenDialogRequest): Promise<BridgeResult<OpenDialogResult>>;

  /**
   * Reads up to `length` bytes of a registered file from `offset`. A response shorter than
   * requested means the end of the file was reached; an empty one means `offset` is at the end.
   */
  readChunk(request: ReadChunkRequest): Promise<BridgeResult<Uint8Array>>;

  /** Forgets handles so that main can close their files. Unknown handles are ignored. */
  releaseFiles(request: ReleaseFilesRequest): Promise<BridgeResult<void>>;

  /**
   * Finds the agent logs under the user's home directory (Claude Code projects, Codex sessions
   * and archived sessions, Gemini CLI chats and logs) and registers each folder or file as a
   * bundle, read in place without copying. Resolves with no bundles when none exist.
   */
  openLocalLogs(): Promise<BridgeResult<LocalLogs>>;

  /**
   * Prints the report HTML to PDF in a hidden window with JavaScript disabled and saves it where
   * the user chooses in the native save dialog. Resolves with `canceled` when the dialog is closed.
   */
  printReportToPdf(request: PrintPdfRequest): Promise<BridgeResult<PrintPdfResult>>;

  /** Subscribes to commands chosen from the application menu. */
  onRunCommand(listener: (request: RunCommandRequest) => void): Unsubscribe;

  /**
   * Subscribes to requests from main to open bundles: from the File menu, from paths on the
   * command line at start-up, from a second launch of the app, or from the operating system.
   * The bundles are registered already; read them as those from `openBundleDialog`.
   */
  onDidRequestOpen(listener: (request: OpenRequest) => void): Unsubscribe;
}

// Compile-time checks that CustodyBridge has exactly one method per channel, with the channel's
// types, so the hand-written interface above cannot drift from the contract.
type InvokeMethodType<C extends InvokeChannel> = InvokeRequest<C> extends void
  ? () => Promise<BridgeResult<InvokeResponse<C>>>
  : (request: InvokeRequest<C>) => Promise<BridgeResult<InvokeResponse<C>>>;

type DerivedBridge = {
  [M in keyof typeof INVOKE_METHODS]: InvokeMethodType<(typeof INVOKE_METHODS)[M]>;
} & {
  [M in keyof typeof EVENT_METHODS]: (
    listener: (payload: EventContract[(typeof EVENT_METHODS)[M]]) => void,
  ) => Unsubscribe;
};

type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const bridgeMatchesContract: MutuallyAssignable<CustodyBridge, DerivedBridge> = true;
void bridgeMatchesContract;
