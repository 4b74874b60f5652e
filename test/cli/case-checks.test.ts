import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_PATH } from '../../shared/case-file/manifest';
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
