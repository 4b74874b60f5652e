import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/samples';

const script = join(REPO_ROOT, 'scripts', 'start-electron.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'custody-start-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(env: Record<string, string | undefined>, args: string[] = []) {
  return spawnSync(process.execPath, [script, ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
}

// The build output must exist for the script to look for Electron at all.
const built = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-node.mjs')], { cwd: REPO_ROOT });

describe.runIf(process.platform === 'linux')('start-electron.mjs', () => {
  it('builds first', () => {
    expect(built.status).toBe(0);
  });

  it('explains a missing runtime and fails', () => {
    const result = run({ ELECTRON_OVERRIDE_DIST_PATH: join(scratch, 'no-electron-here') });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('The Electron runtime is not installed on this machine');
    expect(result.stderr).toContain('npx install-electron');
    expect(result.stderr).toContain('ELECTRON_OVERRIDE_DIST_PATH');
    expect(result.stderr).toContain('npm run web');
  });

  it('launches the runtime with the app and the paths', () => {
    const dist = join(scratch, 'electron-dist');
    const out = join(scratch, 'args.txt');
    rmSync(dist, { recursive: true, force: true });
    spawnSync('mkdir', ['-p', dist]);
    writeFileSync(join(dist, 'electron'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${out}'\nexit 3\n`);
    chmodSync(join(dist, 'electron'), 0o755);
    const result = run({ ELECTRON_OVERRIDE_DIST_PATH: dist, ELECTRON_RUN_AS_NODE: '1' }, ['/evidence/case.zip']);
    expect(result.status).toBe(3);
    expect(spawnSync('cat', [out], { encoding: 'utf8' }).stdout).toBe('.\n/evidence/case.zip\n');
  });
});
