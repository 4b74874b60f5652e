// Writes a case file: a zip whose manifest lists every other entry with its SHA-256 and size,
// and an optional Ed25519 signature over the manifest's bytes.

import { zipSync, type Zippable } from 'fflate';
import { sha256Hex } from '../io/hash';
import type { ContainerKind } from '../model/evidence';
import { encodeBase64 } from './base64';
import { canonicalBytes } from './canonical';
import type { CaseBundle, CaseEvidence, CaseOriginal, CaseRecords, OriginalOmission, Redaction } from './content';
import { CASE_FORMAT, CASE_FORMAT_VERSION, MANIFEST_PATH, SIGNATURE_PATH, type CaseManifest, type EntryRole, type ManifestEntry } from './manifest';
import { redactRecords, redactBytes, type RedactionOptions } from './redact';
import { ED25519, type SignatureFile } from './signature';

export interface BundleToExport {
  readonly name: string;
  readonly kind: ContainerKind;
  readonly sha256: string | null;
  /**
   * The archive file of a zip, tar or gzip bundle as it was imported; null for a plain file or a
   * folder, and for an archive whose file was not stored.
   */
  readonly original: Uint8Array | null;
  readonly evidence: readonly { readonly path: string; readonly sha256: string; readonly size: number; readonly format: string | null; readonly bytes: Uint8Array }[];
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

/** Builds the case file's bytes. Everything is held in memory, so case size is bounded by it. */
export async function writeCaseFile(input: CaseToExport, options: WriteOptions = {}): Promise<Uint8Array> {
  const files: Zippable = {};
  const entries: ManifestEntry[] = [];
  const add = async (path: string, role: EntryRole, bytes: Uint8Array) => {
    files[path] = [bytes, { level: role === 'evidence' ? 6 : 9 }];
    entries.push({ path, role, sha256: await sha256Hex(bytes), size: bytes.length });
  };

  const redactions: Redaction[] = [];
  const records = options.redaction ? await redactRecords(input, options.redaction, redactions) : input;

  let includesOriginals = false;
  if (input.bundles) {
    const bundles: CaseBundle[] = [];
    for (const [bundleIndex, bundle] of input.bundles.entries()) {
      const folder = `bundles/${pad(bundleIndex + 1, 3)}`;
      // The original archive replaces the bundle's evidence entries: importing it restores
      // every evidence file. A redacted export never carries it, because it holds the secrets.
      let original: CaseOriginal | null = null;
      if (bundle.original && !options.redaction) {
        const entry = `${folder}/original${originalExtension(bundle)}`;
        const sha256 = await sha256Hex(bundle.original);
        if (sha256 !== bundle.sha256) throw new Error(`The stored original file of bundle "${bundle.name}" has SHA-256 ${sha256}, but the bundle has ${bundle.sha256}; remove the bundle and import it again.`);
        files[entry] = [bundle.original, { level: 0 }];
        entries.push({ path: entry, role: 'original', sha256, size: bundle.original.length });
        original = { entry, sha256, size: bundle.original.length };
        includesOriginals = true;
      }
      const evidence: CaseEvidence[] = [];
      for (const [fileIndex, file] of bundle.evidence.entries()) {
        if (original) {
          evidence.push({ path: file.path, entry: null, sha256: file.sha256, size: file.size, format: file.format });
          continue;
        }
        const entry = `${folder}/${pad(fileIndex + 1, 5)}${entryExtension(file.path)}`;
        const bytes = options.redaction ? await redactBytes(file.bytes, entry, file.path, options.redaction, redactions) : file.bytes;
        await add(entry, 'evidence', bytes);
        evidence.push({ path: file.path, entry, sha256: file.sha256, size: file.size, format: file.format });
      }
      const originalOmitted = original ? null : omission(bundle, options.redaction !== undefined);
      bundles.push({ name: bundle.name, kind: bundle.kind, sha256: bundle.sha256, original, originalOmitted, evidence });
    }
    await add('bundles.json', 'bundles', canonicalBytes(bundles));
  }
  await add('annotations.json', 'annotations', canonicalBytes(records.annotations));
  await add('chains.json', 'chains', canonicalBytes(records.chains));
  await add('reviews.json', 'reviews', canonicalBytes(records.reviews));
  await add('log.json', 'log', canonicalBytes(records.log));
  if (records.findings) await add('findings.json', 'findings', canonicalBytes(records.findings));
  if (options.redaction) await add('redactions.json', 'redactions', canonicalBytes(redactions));

  const manifest: CaseManifest = {
    format: CASE_FORMAT,
    formatVersion: CASE_FORMAT_VERSION,
    case: { id: input.caseId, title: input.title },
    examiner: input.examiner,
    createdAt: new Date(input.createdAt).toISOString(),
    exportedAt: new Date(input.exportedAt).toISOString(),
    app: input.app,
    redacted: options.redaction !== undefined,
    redactedKinds: options.redaction ? [...options.redaction.kinds] : [],
    includesEvidence: input.bundles !== null,
    includesOriginals,
    entries,
  };
  const manifestBytes = canonicalBytes(manifest);
  const ordered: Zippable = { [MANIFEST_PATH]: [manifestBytes, { level: 0 }] };
  if (options.signer) {
    const signature: SignatureFile = {
      algorithm: ED25519,
      publicKey: encodeBase64(options.signer.publicKey),
      signature: encodeBase64(await options.signer.sign(manifestBytes)),
    };
    ordered[SIGNATURE_PATH] = [canonicalBytes(signature), { level: 0 }];
  }
  return zipSync({ ...ordered, ...files }, { mtime: zipTime(input.exportedAt) });
}
