// Runs every check in order: lint, type checks, the production build (the end-to-end tests
// drive it), then all Vitest projects. Prints "N passed, N failed" as its last line.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

function run(label, command, args) {
  console.log(`\n== ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.log(`\n${label} failed (exit ${result.status}).`);
    console.log('0 passed, 1 failed');
    process.exit(result.status ?? 1);
  }
}

run('lint', 'npx', ['eslint', '.']);
run('types (shared)', 'npx', ['tsc', '-p', 'tsconfig.shared.json']);
run('types (renderer, cli, tests)', 'npx', ['tsc', '-p', 'tsconfig.json']);
run('types (electron)', 'npx', ['tsc', '-p', 'tsconfig.electron.json']);
run('build', 'npm', ['run', 'build', '--silent']);

const report = 'vitest-report.json';
if (existsSync(report)) rmSync(report);
console.log('\n== vitest');
const tests = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], { stdio: 'inherit' });
if (!existsSync(report)) {
  console.log('0 passed, 1 failed');
  process.exit(tests.status || 1);
}
const summary = JSON.parse(readFileSync(report, 'utf8'));
console.log(`${summary.numPassedTests} passed, ${summary.numFailedTests} failed`);
process.exit(tests.status ?? 1);
