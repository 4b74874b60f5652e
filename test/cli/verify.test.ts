import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCaseFileBytes } from '../../shared/case-file/write';
import { REPO_ROOT } from '../helpers/samples';
import { asVersion1, makeSigner, sampleCase, sampleCaseWithArchive } from '../shared/case-file/helpers';

const cli = join(REPO_ROOT, 'dist-cli', 'custody.mjs');
const folder = mkdtempSync(join(tmpdir(), 'custody-verify-'));

function custody(...args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
}

let casePath: string;
let archivePath: string;
let entries: Record<string, Uint8Array>;

beforeAll(async () => {
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-node.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  const bytes = await writeCaseFileBytes(await sampleCase(), { signer: await makeSigner() });
  casePath = join(folder, 'sample.custody');
  writeFileSync(casePath, bytes);
  entries = unzipSync(bytes);
  archivePath = join(folder, 'archive.custody');
  writeFileSync(archivePath, await writeCaseFileBytes(await sampleCaseWithArchive(), { signer: await makeSigner() }));
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('custody verify', () => {
  it('prints entries and signer of a good file', () => {
    const result = custody('verify', casePath);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('examiner  Ann');
    expect(result.stdout).toContain('signature valid Ed25519');
    expect(result.stdout).toMatch(/ok +[0-9a-f]{64} +5776  bundles\/001\/00001\.jsonl/);
    expect(result.stdout).toContain('Verified 8 entries.');
  });

  it('fails naming each tampered entry', () => {
    const archiveEntries = unzipSync(new Uint8Array(readFileSync(archivePath)));
    const cases = [
      { label: 'sample', files: entries },
      { label: 'archive', files: archiveEntries },
    ];
    expect(Object.keys(archiveEntries)).toContain('bundles/002/original.zip');
    for (const { label, files } of cases) {
      for (const name of Object.keys(files)) {
        const flipped = files[name]!.slice();
        flipped[flipped.length >> 1]! ^= 0x01;
        const path = join(folder, `flipped-${label}-${name.replace(/\//g, '_')}.custody`);
        writeFileSync(path, zipSync({ ...files, [name]: flipped }));
        const result = custody('verify', path);
        expect(result.status, `${label} ${name}`).toBe(1);
        expect(result.stderr, `${label} ${name}`).toContain(name);
        expect(result.stdout, `${label} ${name}`).toContain('FAILED');
      }
    }
  });

  it('fails on a file that is not a zip', () => {
    const path = join(folder, 'text.custody');
    writeFileSync(path, 'not a case file');
    const result = custody('verify', path);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('(zip)');
  });
});

describe('custody report on a case file', () => {
  it('reports the bundles and record counts', () => {
    const result = custody('report', casePath);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { sessions: { id: string }[]; evidence: { file: string; sha256: string }[]; caseFile: Record<string, unknown> };
    expect(report.sessions.map((session) => session.id)).toContain('c0ffee00-1111-4222-8333-444455556666');
    expect(report.evidence.map((item) => item.file).sort()).toEqual(['cross-source/cloudtrail.json', 'cross-source/transcript.jsonl']);
    expect(report.caseFile.annotations).toBe(1);
    expect(report.caseFile.chains).toBe(1);
    expect(report.caseFile.examiner).toBe('Ann');
    expect(report.caseFile.signer).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects a tampered case file', () => {
    const flipped = entries['bundles/001/00002.json']!.slice();
    flipped[10]! ^= 0x01;
    const path = join(folder, 'tampered-report.custody');
    writeFileSync(path, zipSync({ ...entries, 'bundles/001/00002.json': flipped }));
    const result = custody('report', path);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('bundles/001/00002.json');
  });

  it('adds a case section to the Markdown report', () => {
    const result = custody('report', casePath, '--format', 'md');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('## Case file');
    expect(result.stdout).toContain('1 annotation(s), 1 chain(s), 1 review(s)');
  });
});

describe('case files with original archives', () => {
  it('verifies the original entry', () => {
    const result = custody('verify', archivePath);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/ok +16027f88fb57cc15a3baf98d42e91166ad0a8083e8320a0dddfb7de2a4d123eb +493570  bundles\/002\/original\.zip/);
  });

  it('reports the sessions inside the original', () => {
    const result = custody('report', archivePath);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { sessions: { id: string }[]; evidence: { file: string }[] };
    expect(report.sessions.map((session) => session.id)).toContain('4d5611e5-241a-462a-8d15-5122611a9569');
    expect(report.evidence.map((item) => item.file)).toContain('claude-projects.zip/projects/-home-dev-projects-spotter/4d5611e5-241a-462a-8d15-5122611a9569.jsonl');
  });

  it('verifies and reports a format version 1 file', async () => {
    const path = join(folder, 'version1.custody');
    writeFileSync(path, await asVersion1(new Uint8Array(readFileSync(casePath))));
    const verified = custody('verify', path);
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout).toContain('Verified 8 entries.');
    const report = custody('report', path);
    expect(report.status, report.stderr).toBe(0);
    const parsed = JSON.parse(report.stdout) as { evidence: { file: string }[] };
    expect(parsed.evidence.map((item) => item.file).sort()).toEqual(['cross-source/cloudtrail.json', 'cross-source/transcript.jsonl']);
  });
});
