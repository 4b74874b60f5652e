// The `custody` command line.

import { runReport, type ReportFormat } from './report-command';

const USAGE = `Usage: custody report <path> [--format json|md]

Commands:
  report <path>   Import a bundle (folder, .zip, .tar, .tar.gz, .gz or a plain file) and
                  print its sessions, evidence hashes and diagnostics.

Options:
  --format json|md   Output format of the report (default: json).
  --help             Show this help.
`;

interface Parsed {
  readonly command: string | undefined;
  readonly positional: string[];
  readonly format: string;
  readonly help: boolean;
}

function parseArgs(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  let format = 'json';
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--format') format = argv[++i] ?? '';
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else positional.push(arg);
  }
  return { command: positional.shift(), positional, format, help };
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help || !args.command) {
    process.stdout.write(USAGE);
    return args.help ? 0 : 2;
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
  process.stdout.write(await runReport(path, args.format as ReportFormat));
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
