// Writes a case file: a zip whose manifest lists every other entry with its SHA-256 and size,
// and an optional Ed25519 signature over the manifest's bytes. Entries are streamed to the
// output as they are read, and the manifest and signature follow them, because the manifest
// lists the hashes computed on the way.

import type { ContainerKind } from '../model/evidence';
import { encodeBase64 } from './base64';
import { concatBytes } from '../io/bytes';
import { canonicalBytes } from './canonical';
import type { CaseBundle, CaseEvidence, CaseOriginal, CaseRecords, OriginalOmission } from './content';
import { CASE_FORMAT, CASE_FORMAT_VERSION, MANIFEST_PATH, SIGNATURE_PATH, type CaseManifest, type EntryRole, type ManifestEntry } from './manifest';
import { Redactor, type RedactionOptions } from './redact';
import { learnRecords, redactRecords } from './redact-case';
import { ED25519, type SignatureFile } from './signature';
import { ZipStream, type ZipOutput } from './zip-stream';

/** Bytes read on demand, in order, such as stored evidence read one chunk row at a time. */
export interface ContentSource {
  readonly size: number;
  chunks(): AsyncIterable<Uint8Array>;
}

export interface EvidenceToExport {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  readonly format: string | null;
  readonly content: ContentSource;
}

export interface BundleToExport {
  readonly name: string;
  readonly kind: ContainerKind;
  readonly sha256: string | null;
  /**
   * The archive file of a zip, tar or gzip bundle as it was imported. It is null for a plain
   * file or a folder, and for an archive whose file was not stored.
   */
  readonly original: ContentSource | null;
  readonly evidence: readonly EvidenceToExport[];
}

export interface CaseToExport extends CaseRecords {
  readonly caseId: string;
  readonly title: string;
  readonly examiner: string;
  /** Milliseconds since the Unix epoch. */
  readonly createdAt: number;
  readonly exportedAt: number;
  readonly app: { readonly name: string; readonly version: string };
  /** Null leaves the evidence out of the case file. */
  readonly bundles: readonly BundleToExport[] | null;
}

export interface CaseSigner {
  /** Raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

export interface WriteOptions {
  readonly signer?: CaseSigner;
  readonly redaction?: RedactionOptions;
}

/** Extension for an evidence entry: the original's when it is short and plain, so the zip lists readable names. */
function entryExtension(path: string): string {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(path);
  return match ? `.${match[1]!.toLowerCase()}` : '';
}

// Zip headers store DOS dates, which cover 1980 to 2107; fflate accepts 1980 to 2099.
const ZIP_EARLIEST = Date.UTC(1980, 0, 2);
const ZIP_LATEST = Date.UTC(2099, 11, 31);
const zipTime = (ms: number) => new Date(Math.min(ZIP_LATEST, Math.max(ZIP_EARLIEST, ms)));

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Extension for an original archive's entry, from its kind and name: `.zip`, `.tar`, `.tar.gz` or `.gz`. */
function originalExtension(bundle: BundleToExport): string {
  if (bundle.kind === 'zip') return '.zip';
  if (bundle.kind === 'tar') return '.tar';
  return /\.(tar\.gz|tgz)$/i.test(bundle.name) ? '.tar.gz' : '.gz';
}

function omission(bundle: BundleToExport, redacted: boolean): OriginalOmission {
  if (bundle.kind === 'plain' || bundle.kind === 'folder') return 'not-archive';
  return redacted ? 'redacted' : 'not-stored';
}

/** Wraps bytes in memory as a content source. */
export function bytesContent(bytes: Uint8Array): ContentSource {
  return {
    size: bytes.length,
    async *chunks() {
      yield bytes;
    },
  };
}

async function readAll(content: ContentSource): Promise<Uint8Array> {
  const bytes = new Uint8Array(content.size);
  let at = 0;
  for await (const chunk of content.chunks()) {
    if (at + chunk.length > bytes.length) throw new Error(`the content is longer than its ${content.size} bytes`);
    bytes.set(chunk, at);
    at += chunk.length;
  }
  if (at !== bytes.length) throw new Error(`the content has ${at} bytes, ${content.size} expected`);
  return bytes;
}

/** Writes one bundle's original or evidence entries; returns the bundle as `bundles.json` lists it. */
async function writeBundle(zip: ZipStream, entries: ManifestEntry[], bundle: BundleToExport, bundleIndex: number, options: WriteOptions, redactor: Redactor | null): Promise<CaseBundle> {
  const folder = `bundles/${pad(bundleIndex + 1, 3)}`;
  // The original archive replaces the bundle's evidence entries: importing it restores every
  // evidence file. A redacted export never carries it, because it contains the secrets.
  let original: CaseOriginal | null = null;
  if (bundle.original && !redactor) {
    // Stored without compression: archives are compressed already, and the receiver can read
    // a stored entry in place.
    const entry: ManifestEntry = { ...(await zip.add(`${folder}/original${originalExtension(bundle)}`, bundle.original.chunks(), 0)), role: 'original' };
    if (entry.sha256 !== bundle.sha256) {
      throw new Error(`The stored original file of bundle "${bundle.name}" has SHA-256 ${entry.sha256}, but the bundle has ${bundle.sha256}; remove the bundle and import it again.`);
    }
    entries.push(entry);
    original = { entry: entry.path, sha256: entry.sha256, size: entry.size };
  }
  // bundles.json locations are JSON pointers into that entry.
  const name = redactor ? await redactor.text(bundle.name, 'bundles.json', `/${bundleIndex}/name`) : bundle.name;
  const evidence: CaseEvidence[] = [];
  for (const [fileIndex, file] of bundle.evidence.entries()) {
    const path = redactor ? await redactor.text(file.path, 'bundles.json', `/${bundleIndex}/evidence/${fileIndex}/path`) : file.path;
    const listed = { path, sha256: file.sha256, size: file.size, format: file.format };
    if (original) {
      evidence.push({ ...listed, entry: null });
      continue;
    }
    const entryPath = `${folder}/${pad(fileIndex + 1, 5)}${entryExtension(file.path)}`;
    // NOTE: redaction works on a whole evidence file, so a redacted export keeps each evidence
    // file in memory while it is written.
    const chunks = redactor ? [await redactor.bytes(await readAll(file.content), entryPath, path)] : file.content.chunks();
    entries.push({ ...(await zip.add(entryPath, chunks, 6)), role: 'evidence' });
    evidence.push({ ...listed, entry: entryPath });
  }
  const originalOmitted = original ? null : omission(bundle, redactor !== null);
  return { name, kind: bundle.kind, sha256: bundle.sha256, original, originalOmitted, evidence };
}

/**
 * Teaches the redactor the user names found anywhere in the export: in every evidence file, read
 * once here and again when it is written, in the bundle names and paths, and in the records.
 */
async function learnCase(redactor: Redactor, input: CaseToExport): Promise<void> {
  redactor.learn(input.examiner);
  redactor.learn(input.title);
  for (const bundle of input.bundles ?? []) {
    redactor.learn(bundle.name);
    for (const file of bundle.evidence) {
      redactor.learn(file.path);
      redactor.learnBytes(await readAll(file.content));
    }
  }
  learnRecords(redactor, input);
}

/**
 * Writes the case file to `output`, entry by entry: evidence and originals first, then the
 * records, the manifest and the signature. Raises an error naming the bundle when a stored
 * original does not match its bundle's SHA-256.
 */
export async function writeCaseFile(input: CaseToExport, output: ZipOutput, options: WriteOptions = {}): Promise<void> {
  const zip = new ZipStream(output, zipTime(input.exportedAt));
  const entries: ManifestEntry[] = [];
  const add = async (path: string, role: EntryRole, bytes: Uint8Array) => {
    entries.push({ ...(await zip.add(path, [bytes], 9)), role });
  };

  const redactor = options.redaction ? new Redactor(options.redaction) : null;
  if (redactor) await learnCase(redactor, input);
  const records = redactor ? await redactRecords(input, redactor) : input;
  // manifest.json locations are JSON pointers into the manifest.
  const title = redactor ? await redactor.text(input.title, MANIFEST_PATH, '/case/title') : input.title;
  const examiner = redactor ? await redactor.text(input.examiner, MANIFEST_PATH, '/examiner') : input.examiner;

  if (input.bundles) {
    const bundles: CaseBundle[] = [];
    for (const [bundleIndex, bundle] of input.bundles.entries()) bundles.push(await writeBundle(zip, entries, bundle, bundleIndex, options, redactor));
    await add('bundles.json', 'bundles', canonicalBytes(bundles));
  }
  await add('annotations.json', 'annotations', canonicalBytes(records.annotations));
  await add('chains.json', 'chains', canonicalBytes(records.chains));
  await add('reviews.json', 'reviews', canonicalBytes(records.reviews));
  await add('log.json', 'log', canonicalBytes(records.log));
  if (records.findings) await add('findings.json', 'findings', canonicalBytes(records.findings));
  if (redactor) await add('redactions.json', 'redactions', canonicalBytes(redactor.redactions));

  const manifest: CaseManifest = {
    format: CASE_FORMAT,
    formatVersion: CASE_FORMAT_VERSION,
    case: { id: input.caseId, title },
    examiner,
    createdAt: new Date(input.createdAt).toISOString(),
    exportedAt: new Date(input.exportedAt).toISOString(),
    app: input.app,
    redacted: options.redaction !== undefined,
    redactedKinds: options.redaction ? [...options.redaction.kinds] : [],
    includesEvidence: input.bundles !== null,
    includesOriginals: entries.some((entry) => entry.role === 'original'),
    entries,
  };
  const manifestBytes = canonicalBytes(manifest);
  await zip.add(MANIFEST_PATH, [manifestBytes], 0);
  if (options.signer) {
    const signature: SignatureFile = {
      algorithm: ED25519,
      publicKey: encodeBase64(options.signer.publicKey),
      signature: encodeBase64(await options.signer.sign(manifestBytes)),
    };
    await zip.add(SIGNATURE_PATH, [canonicalBytes(signature)], 0);
  }
  zip.end();
}

/** Writes a case file into memory, for tests and small cases; the app streams with writeCaseFile. */
export async function writeCaseFileBytes(input: CaseToExport, options: WriteOptions = {}): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  await writeCaseFile(input, (chunk) => parts.push(chunk), options);
  return concatBytes(parts);
}
