// A small reader of POSIX shell command lines, enough to tell which programs a command runs and
// with which arguments. It splits on `;`, `&&`, `||`, `|`, `&` and newlines, honours single and
// double quotes and backslashes, and reads the script of `bash -c '…'` and `sh -c '…'`.
// NOTE: it does not expand variables, aliases, functions or command substitutions (`$(…)`
// is kept as one word), so a command hidden behind them is not seen.

export interface SimpleCommand {
  /** Program name without its folder, e.g. `rm` for `/bin/rm`. */
  readonly program: string;
  /** Arguments after the program, unquoted. */
  readonly args: readonly string[];
  /** Wrappers that ran the program, e.g. `sudo` or `env`. */
  readonly wrappers: readonly string[];
  /** Targets of output redirections (`>` and `>>`), except file descriptors and /dev/null. */
  readonly writes: readonly string[];
}

const WRAPPERS = new Set(['sudo', 'doas', 'env', 'nohup', 'time', 'nice', 'ionice', 'timeout', 'xargs', 'exec', 'command', 'builtin', 'stdbuf', 'caffeinate']);
const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'fish']);
const MAX_DEPTH = 3;

interface Token {
  readonly text: string;
  readonly operator: boolean;
}

function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  let inWord = false;
  const flush = () => {
    if (inWord) tokens.push({ text: word, operator: false });
    word = '';
    inWord = false;
  };
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (char === "'") {
      const end = line.indexOf("'", i + 1);
      word += line.slice(i + 1, end === -1 ? line.length : end);
      inWord = true;
      i = end === -1 ? line.length : end;
    } else if (char === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length) j++;
        word += line[j];
      }
      inWord = true;
      i = j;
    } else if (char === '\\' && i + 1 < line.length) {
      if (line[i + 1] !== '\n') word += line[i + 1];
      inWord = true;
      i++;
    } else if (char === ' ' || char === '\t') {
      flush();
    } else if (char === '&' && (line[i - 1] === '>' || line[i + 1] === '>')) {
      // `2>&1` and `&>file` are redirections, not the background operator.
      word += char;
      inWord = true;
    } else if (char === '\n' || char === ';' || char === '|' || char === '&' || char === '(' || char === ')') {
      flush();
      const pair = line.slice(i, i + 2);
      if (pair === '&&' || pair === '||' || pair === ';;') i++;
      tokens.push({ text: char, operator: true });
    } else if (char === '#' && !inWord) {
      const end = line.indexOf('\n', i);
      i = end === -1 ? line.length : end - 1;
    } else {
      word += char;
      inWord = true;
    }
  }
  flush();
  return tokens;
}

function isAssignment(word: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*=/.test(word);
}

function baseName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

function toCommand(words: string[], depth: number, out: SimpleCommand[]): void {
  const writes: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const redirect = /^(\d*|&)(>>?|>\|)(.*)$/.exec(word);
    if (redirect) {
      const target = redirect[3] || words[++i] || '';
      if (target && !target.startsWith('&') && target !== '/dev/null') writes.push(target);
      continue;
    }
    if (/^\d*<{1,3}/.test(word)) {
      if (/^\d*<{1,3}$/.test(word)) i++;
      continue;
    }
    rest.push(word);
  }
  const wrappers: string[] = [];
  let index = 0;
  while (index < rest.length) {
    const word = rest[index]!;
    if (isAssignment(word)) {
      index++;
      continue;
    }
    const name = baseName(word);
    if (!WRAPPERS.has(name)) break;
    wrappers.push(name);
    index++;
    // Options of the wrapper (`sudo -u root`, `timeout 30`) are skipped up to the program.
    while (index < rest.length && (rest[index]!.startsWith('-') || /^\d+[smhd]?$/.test(rest[index]!) || isAssignment(rest[index]!))) {
      const option = rest[index]!;
      index++;
      if ((name === 'sudo' || name === 'doas') && /^-[ugCDhprtT]$/.test(option)) index++;
    }
  }
  if (index >= rest.length) {
    if (writes.length > 0) out.push({ program: '', args: [], wrappers, writes });
    return;
  }
  const program = baseName(rest[index]!);
  const args = rest.slice(index + 1);
  out.push({ program, args, wrappers, writes });
  if (SHELLS.has(program) && depth < MAX_DEPTH) {
    const flag = args.findIndex((arg) => /^-[a-z]*c[a-z]*$/.test(arg));
    const script = flag >= 0 ? args[flag + 1] : undefined;
    if (script) parseInto(script, depth + 1, out);
  }
}

function parseInto(line: string, depth: number, out: SimpleCommand[]): void {
  let words: string[] = [];
  for (const token of tokenize(line)) {
    if (token.operator) {
      if (words.length > 0) toCommand(words, depth, out);
      words = [];
    } else words.push(token.text);
  }
  if (words.length > 0) toCommand(words, depth, out);
}

/** Splits a command line into the simple commands it runs, including those of `bash -c`. */
export function parseCommandLine(line: string): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  if (typeof line !== 'string' || line === '') return out;
  parseInto(line.length > 20_000 ? line.slice(0, 20_000) : line, 0, out);
  return out;
}

/** True when a short option cluster or long option among `args` names one of the flags. */
export function hasFlag(args: readonly string[], short: string, long: readonly string[] = []): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg.startsWith('--')) {
      if (long.includes(arg.split('=')[0]!)) return true;
    } else if (arg.startsWith('-') && arg.length > 1 && [...short].some((flag) => arg.slice(1).includes(flag))) return true;
  }
  return false;
}

/** Arguments that are not options. */
export function operands(args: readonly string[]): string[] {
  return args.filter((arg) => !arg.startsWith('-'));
}
