import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/case-file/canonical';
import { SIGNATURE_PATH } from '../../shared/case-file/manifest';
import { sha256Hex } from '../../shared/io/hash';
import { writeCaseFileBytes } from '../../shared/case-file/write';
import { REPO_ROOT } from '../helpers/samples';
import { replaceEntry, rezip, sampleCase, sampleCaseWithArchive } from '../shared/case-file/helpers';

const cli = join(REPO_ROOT, 'dist-cli', 'custody.mjs');
const folder = mkdtempSync(join(tmpdir(), 'custody-case-checks-'));

function custody(...args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
}

function save(name: string, bytes: Uint8Array): string {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return path;
}

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-node.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('custody verify on redacted files', () => {
  it('never calls an original hash verified', async () => {
    const input = await sampleCase();
    const path = save('redacted.custody', await writeCaseFileBytes(input, { redaction: { kinds: ['secrets', 'home-path'] } }));
    const result = custody('verify', path);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const original = input.bundles![0]!.evidence[0]!.sha256;
    const line = result.stdout.split('\n').find((text) => text.includes(original));
    expect(line).toContain('(original, as recorded)');
    expect(result.stdout).toContain("the original's SHA-256 is as recorded, not verified");
  });

  it('rejects swapped evidence under a redacted flag', async () => {
    const { [SIGNATURE_PATH]: _signature, ...entries } = unzipSync(await writeCaseFileBytes(await sampleCase()));
    const swapped = 'bundles/001/00001.jsonl';
    const forged = new TextEncoder().encode(new TextDecoder().decode(entries[swapped]).replace('aws', 'gcp'));
    const path = save('spoof.custody', rezip(await replaceEntry(entries, swapped, forged, (manifest) => ({ ...manifest, redacted: true, redactedKinds: ['secrets'] }))));
    const result = custody('verify', path);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`evidence entry ${swapped} differs from its original`);
    expect(result.stdout).not.toContain('Verified');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(/^FAILED: /);
  });

  it('rejects an original archive in a redacted file', async () => {
    const { [SIGNATURE_PATH]: _signature, ...entries } = unzipSync(await writeCaseFileBytes(await sampleCaseWithArchive()));
    const bundles = entries['bundles.json']!;
    const path = save('redacted-original.custody', rezip(await replaceEntry(entries, 'bundles.json', bundles, (manifest) => ({ ...manifest, redacted: true, includesOriginals: false }))));
    const result = custody('verify', path);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('bundles/002/original.zip: a redacted case file cannot carry an original archive');
  });
});

type BundleJson = { name: string; sha256: string; original: { entry: string; sha256: string; size: number } | null; evidence: { path: string; entry: string | null; sha256: string; size: number; format: string | null }[] };

/** Writes the sample case with its archive, unsigned, after `edit` changed bundles.json and possibly the archive. */
async function tamperedArchiveCase(name: string, edit: (bundles: BundleJson[], entries: Record<string, Uint8Array>) => Promise<Record<string, Uint8Array>>): Promise<string> {
  const { [SIGNATURE_PATH]: _signature, ...entries } = unzipSync(await writeCaseFileBytes(await sampleCaseWithArchive()));
  const bundles = JSON.parse(new TextDecoder().decode(entries['bundles.json'])) as BundleJson[];
  const changed = await edit(bundles, entries);
  return save(name, rezip(await replaceEntry(changed, 'bundles.json', new TextEncoder().encode(canonicalJson(bundles)))));
}

describe('carried archives against bundles.json', () => {
  it('rejects an invented evidence file', async () => {
    const path = await tamperedArchiveCase('invented.custody', async (bundles, entries) => {
      bundles[1]!.evidence.push({ path: 'invented.jsonl', entry: null, sha256: 'a'.repeat(64), size: 10, format: 'claude-code' });
      return entries;
    });
    for (const command of ['verify', 'report']) {
      const result = custody(command, path);
      expect(result.status, command).toBe(1);
      expect(result.stderr, command).toContain('bundle "claude-projects.zip": bundles.json lists the file "invented.jsonl", which the archive does not yield');
    }
    expect(custody('verify', path).stdout).not.toContain('Verified');
  });

  it('rejects a replaced archive with updated hashes', async () => {
    const path = await tamperedArchiveCase('replaced.custody', async (bundles, entries) => {
      const junk = new Uint8Array(5000).fill(0x41);
      junk.set([0x50, 0x4b, 0x03, 0x04]);
      const sha256 = await sha256Hex(junk);
      bundles[1]!.sha256 = sha256;
      bundles[1]!.original = { ...bundles[1]!.original!, sha256, size: junk.length };
      return replaceEntry(entries, 'bundles/002/original.zip', junk);
    });
    const result = custody('verify', path);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/bundle "claude-projects\.zip": bundles\.json lists the file "[^"]+", which the archive does not yield \(\d+ more difference\(s\)\)/);
  });
});
