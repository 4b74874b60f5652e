// The `custody` command line.

import { runVerify } from './case-command';
import { CollectUsageError, defaultHome, defaultOutputName, runCollect } from './collect-command';
import { RuleFileError, runReport, type ReportFormat } from './report-command';

const USAGE = `Usage: custody report <path> [--format json|md] [--rules FILE]...
       custody verify <case.custody>
       custody collect [--out FILE] [--home DIR] [--otel PATH]... [PATH]...

Commands:
  report <path>   Import a bundle (folder, .zip, .tar, .tar.gz, .gz or a plain file) and
                  print its sessions, findings, evidence hashes and diagnostics. A case
                  file (.custody) is verified first; its bundles are reported together
                  with the number of annotations, chains and reviews.
  verify <case>   Check every entry of a case file against its manifest's SHA-256 and
                  size, and its Ed25519 signature when present. Prints what was verified
                  and who signed it; exits 1 on any failure, naming the entry.
  collect [PATH]  Copy this machine's agent logs (Claude Code, Codex and Gemini CLI under
                  the home directory), OpenTelemetry files given with --otel and any PATHs
                  into a new zip with manifest.json: each file's SHA-256, size, times,
                  source kind and original path. Sources are only read.

Options:
  --out FILE         Zip that collect writes; must not exist yet (default:
                     custody-collection-<host>-<time>.zip in the current folder).
  --home DIR         Home directory whose agent logs collect reads (default: yours).
  --otel PATH        OpenTelemetry file or folder to collect; repeat for several.
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
  readonly out: string | undefined;
  readonly home: string | undefined;
  readonly otel: string[];
}

function parseArgs(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  let format = 'json';
  const rules: string[] = [];
  let help = false;
  let out: string | undefined;
  let home: string | undefined;
  const otel: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--format') format = argv[++i] ?? '';
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (arg === '--rules') rules.push(argv[++i] ?? '');
    else if (arg.startsWith('--rules=')) rules.push(arg.slice('--rules='.length));
    else if (arg === '--out') out = argv[++i] ?? '';
    else if (arg.startsWith('--out=')) out = arg.slice('--out='.length);
    else if (arg === '--home') home = argv[++i] ?? '';
    else if (arg.startsWith('--home=')) home = arg.slice('--home='.length);
    else if (arg === '--otel') otel.push(argv[++i] ?? '');
    else if (arg.startsWith('--otel=')) otel.push(arg.slice('--otel='.length));
    else positional.push(arg);
  }
  return { command: positional.shift(), positional, format, rules, help, out, home, otel };
}

async function collect(args: Parsed): Promise<number> {
  if (args.out === '' || args.home === '' || args.otel.some((path) => path === '')) {
    process.stderr.write('custody collect: missing value after --out, --home or --otel.\n');
    return 2;
  }
  try {
    const result = await runCollect({
      out: args.out ?? defaultOutputName(new Date()),
      home: args.home ?? defaultHome(),
      otel: args.otel,
      paths: args.positional,
    });
    const bytes = result.manifest.files.reduce((sum, file) => sum + file.size, 0);
    process.stdout.write(`${result.out}: ${result.manifest.files.length} files, ${bytes} bytes, ${result.manifest.skipped.length} skipped\n`);
    for (const item of result.manifest.skipped) process.stderr.write(`custody collect: skipped ${item.originalPath}: ${item.reason}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof CollectUsageError)) throw error;
    process.stderr.write(`custody collect: ${error.message}\n`);
    return 2;
  }
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
  if (args.command === 'collect') return collect(args);
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
