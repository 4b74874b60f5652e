// Turns what the user dropped or picked into import inputs: one per dropped file, one per
// dropped or picked folder (its files with their paths relative to the folder).

export type ImportInput =
  | { readonly kind: 'file'; readonly file: File }
  | { readonly kind: 'folder'; readonly name: string; readonly files: readonly { readonly path: string; readonly file: File }[] };

/** Files picked with `<input webkitdirectory>` carry their path in webkitRelativePath. */
export function folderFromPicker(files: FileList): ImportInput | null {
  const list = Array.from(files);
  if (list.length === 0) return null;
  const first = list[0]!.webkitRelativePath || list[0]!.name;
  const name = first.split('/')[0] ?? 'folder';
  return {
    kind: 'folder',
    name,
    files: list.map((file) => ({ path: (file.webkitRelativePath || file.name).split('/').slice(1).join('/') || file.name, file })),
  };
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walkDirectory(directory: FileSystemDirectoryEntry, prefix: string, out: { path: string; file: File }[]): Promise<void> {
  const reader = directory.createReader();
  // readEntries returns at most about 100 entries per call; call until it returns none.
  for (;;) {
    const batch = await readEntries(reader);
    if (batch.length === 0) break;
    for (const entry of batch) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory) await walkDirectory(entry as FileSystemDirectoryEntry, path, out);
      else if (entry.isFile) out.push({ path, file: await entryFile(entry as FileSystemFileEntry) });
    }
  }
}

/** Reads a drop: plain files become file inputs, folders are walked recursively. */
export async function inputsFromDrop(transfer: DataTransfer): Promise<ImportInput[]> {
  const inputs: ImportInput[] = [];
  const entries = Array.from(transfer.items)
    .filter((item) => item.kind === 'file')
    .map((item) => ({ entry: item.webkitGetAsEntry?.() ?? null, file: item.getAsFile() }));
  for (const { entry, file } of entries) {
    if (entry?.isDirectory) {
      const files: { path: string; file: File }[] = [];
      await walkDirectory(entry as FileSystemDirectoryEntry, '', files);
      files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      inputs.push({ kind: 'folder', name: entry.name, files });
    } else if (file) {
      inputs.push({ kind: 'file', file });
    }
  }
  return inputs;
}
