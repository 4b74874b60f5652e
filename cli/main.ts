// The `custody` command line.

import { runVerify } from './case-command';
import { RuleFileError, runReport, type ReportFormat } from './report-command';

const USAGE = `Usage: custody report <path> [--format json|md] [--rules FILE]...
       custody verify <case.custody>

Commands:
  report <path>   Import a bundle (folder, .zip, .tar, .tar.gz, .gz or a plain file) and
                  print its sessions, findings, evidence hashes and diagnostics. A case
                  file (.custody) is verified first; its bundles are reported together
                  with the number of annotations, chains and reviews.
  verify <case>   Check every entry of a case file against its manifest's SHA-256 and
                  size, and its Ed25519 signature when present. Prints what was verified
                  and who signed it; exits 1 on any failure, naming the entry.

Options:
  --format json|md   Output format of the report (default: json).
  --rules FILE       Also run the rules in FILE (Custody rules in JSON or YAML, or Sigma
                     rules); repeat for several files. Invalid rule files stop the report.
  --help             Show this help.
`;

interface Parsed {
  readonly command: string | undefined;
  readonly positional: string[];
  readonly format: string;
  readonly rules: string[];
  readonly help: boolean;
}

function parseArgs(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  let format = 'json';
  const rules: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--format') format = argv[++i] ?? '';
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (arg === '--rules') rules.push(argv[++i] ?? '');
    else if (arg.startsWith('--rules=')) rules.push(arg.slice('--rules='.length));
    else positional.push(arg);
  }
  return { command: positional.shift(), positional, format, rules, help };
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help || !args.command) {
    process.stdout.write(USAGE);
    return args.help ? 0 : 2;
  }
  if (args.command === 'verify') {
    const target = args.positional[0];
    if (!target) {
      process.stderr.write(`custody verify: missing <case.custody>.\n${USAGE}`);
      return 2;
    }
    const result = await runVerify(target);
    process.stdout.write(result.text);
    if (result.failure) process.stderr.write(`custody verify: ${result.failure}\n`);
    return result.failure ? 1 : 0;
  }
  if (args.command !== 'report') {
    process.stderr.write(`custody: unknown command "${args.command}".\n${USAGE}`);
    return 2;
  }
  const path = args.positional[0];
  if (!path) {
    process.stderr.write(`custody report: missing <path>.\n${USAGE}`);
    return 2;
  }
  if (args.format !== 'json' && args.format !== 'md') {
    process.stderr.write(`custody report: invalid --format "${args.format}"; use json or md.\n`);
    return 2;
  }
  if (args.rules.some((file) => file === '')) {
    process.stderr.write('custody report: missing file path after --rules.\n');
    return 2;
  }
  try {
    process.stdout.write(await runReport(path, args.format as ReportFormat, args.rules));
  } catch (error) {
    if (!(error instanceof RuleFileError)) throw error;
    process.stderr.write(`custody report: invalid rule file:\n${error.message}\n`);
    return 2;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`custody: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
