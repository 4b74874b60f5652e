// Deterministic generator of a Claude Code-like bundle: an uncompressed tar of session
// transcripts (`projects/<project>/<session>.jsonl`). Lines follow the shapes Claude Code 2.1
// writes: user prompts, assistant text and tool_use, user tool_result with outputs from a few
// hundred bytes to 200 KB, and bash/hook progress lines. The same seed gives the same bytes, and
// with the default session sizes a smaller bundle contains the first sessions of a larger one.

import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { Zip, ZipPassThrough } from 'fflate';

export function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the session tool call result file module import export function const return await async error warning ' +
  'config test build deploy user agent token request response value index table query stream chunk buffer ' +
  'parse render layout graph node edge worker cache state props effect hook route handler server client ' +
  'größe naïve café résumé 数据 ошибка'
).split(' ');
const CODE = [
  'export async function handle(request: Request): Promise<Response> {',
  '  const { data, error } = await client.query("SELECT * FROM events WHERE id = $1", [id]);',
  '  if (error) throw new Error(`query failed: ${error.message}`);',
  '    at Object.<anonymous> (/home/dev/project/src/index.ts:42:17)',
  '[2026-02-12T16:02:25.284Z] INFO  worker-3 processed 1024 records in 38ms',
  '[2026-02-12T16:02:25.301Z] WARN  cache miss for key "session:4d5611e5" (retrying)',
  '  "dependencies": { "react": "19.3.1", "dexie": "4.4.7" },',
  'def parse(line):\n    return json.loads(line)\t# tab and "quotes"',
  '     │ {:ok, {type, _, _, _}} when type in \'-_\' ->',
  '}',
];

function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

function hex(rand, length) {
  let out = '';
  while (out.length < length) out += Math.floor(rand() * 0x100000000).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

function uuid(rand) {
  const h = hex(rand, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function sentence(rand, words) {
  const out = [];
  for (let i = 0; i < words; i += 1) out.push(pick(rand, WORDS));
  return out.join(' ');
}

/** Tool output of about `bytes` characters: code and log lines with a numbered prefix. */
function output(rand, bytes) {
  const lines = [];
  let size = 0;
  let number = 1;
  while (size < bytes) {
    const line = rand() < 0.7 ? `${String(number).padStart(5)}\t${pick(rand, CODE)}` : `${number}: ${sentence(rand, 6 + Math.floor(rand() * 12))}`;
    lines.push(line);
    size += line.length + 1;
    number += 1;
  }
  return lines.join('\n');
}

function outputSize(rand) {
  const roll = rand();
  if (roll < 0.7) return 200 + Math.floor(rand() * 2800);
  if (roll < 0.9) return 3000 + Math.floor(rand() * 17000);
  return 20000 + Math.floor(rand() * 180000);
}

const TOOLS = ['Bash', 'Read', 'Edit', 'Grep', 'Glob', 'Write'];

function toolInput(rand, name, cwd) {
  const file = `${cwd}/src/${pick(rand, WORDS)}/${pick(rand, WORDS)}.ts`;
  switch (name) {
    case 'Bash':
      return { command: `npm test -- ${pick(rand, WORDS)}`, description: sentence(rand, 5) };
    case 'Read':
      return { file_path: file };
    case 'Edit':
      return { file_path: file, old_string: pick(rand, CODE), new_string: pick(rand, CODE) };
    case 'Grep':
      return { pattern: pick(rand, WORDS), path: cwd, output_mode: 'content' };
    case 'Glob':
      return { pattern: `**/*${pick(rand, WORDS)}*.ts` };
    default:
      return { file_path: file, content: output(rand, 500 + Math.floor(rand() * 3000)) };
  }
}

/** Yields the lines of one session, about `targetBytes` long. */
function* sessionLines(rand, targetBytes) {
  const sessionId = uuid(rand);
  const cwd = `/home/dev/projects/bench-${hex(rand, 4)}`;
  const envelope = { isSidechain: false, userType: 'external', cwd, sessionId, version: '2.1.39', gitBranch: 'main' };
  let time = Date.UTC(2026, 1, 12, 16, 0, 0) + Math.floor(rand() * 86400000);
  let parent = null;
  let size = 0;
  const line = (fields) => {
    time += 50 + Math.floor(rand() * 4000);
    const uuidValue = uuid(rand);
    const text = JSON.stringify({ parentUuid: parent, ...envelope, ...fields, uuid: uuidValue, timestamp: new Date(time).toISOString() });
    parent = uuidValue;
    size += text.length + 1;
    return text;
  };
  const mode = rand() < 0.5 ? 'bypassPermissions' : 'default';
  yield line({ type: 'user', message: { role: 'user', content: sentence(rand, 20 + Math.floor(rand() * 40)) }, permissionMode: mode });
  while (size < targetBytes) {
    const messageId = `msg_${hex(rand, 24)}`;
    const model = rand() < 0.8 ? 'claude-opus-4-6' : 'claude-sonnet-4-5-20250929';
    const usage = { input_tokens: Math.floor(rand() * 100), cache_read_input_tokens: Math.floor(rand() * 50000), output_tokens: Math.floor(rand() * 2000) };
    const assistant = (content) => ({ type: 'assistant', requestId: `req_${hex(rand, 24)}`, message: { model, id: messageId, type: 'message', role: 'assistant', content, stop_reason: null, usage } });
    yield line(assistant([{ type: 'text', text: sentence(rand, 10 + Math.floor(rand() * 60)) }]));
    const calls = 1 + Math.floor(rand() * 4);
    for (let i = 0; i < calls; i += 1) {
      const name = pick(rand, TOOLS);
      const callId = `toolu_${hex(rand, 24)}`;
      yield line(assistant([{ type: 'tool_use', id: callId, name, input: toolInput(rand, name, cwd), caller: { type: 'direct' } }]));
      const progress = name === 'Bash' ? Math.floor(rand() * 4) : 0;
      for (let p = 0; p < progress; p += 1) {
        const partial = output(rand, 200 + Math.floor(rand() * 1500));
        yield line({ type: 'progress', data: { type: 'bash_progress', output: partial, fullOutput: partial, elapsedTimeSeconds: p + 1 }, toolUseID: `bash-progress-${p}`, parentToolUseID: callId });
      }
      const isError = rand() < 0.05;
      const result = output(rand, outputSize(rand));
      yield line({
        type: 'user',
        message: { role: 'user', content: [{ tool_use_id: callId, type: 'tool_result', content: result, is_error: isError }] },
        toolUseResult: isError ? `Error: ${result.slice(0, 200)}` : { stdout: result.slice(0, 1000), stderr: '', interrupted: false },
      });
    }
    if (rand() < 0.3) yield line({ type: 'progress', data: { type: 'hook_progress', hookEvent: 'PostToolUse', hookName: 'PostToolUse:Bash', command: '/home/dev/.claude/hooks/check.sh' }, toolUseID: uuid(rand), parentToolUseID: uuid(rand) });
  }
}

function tarHeader(name, size) {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100, 'ascii');
  header.write('0001750\0', 108, 'ascii');
  header.write('0001750\0', 116, 'ascii');
  header.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  header.write(`${Math.floor(Date.UTC(2026, 1, 12) / 1000).toString(8).padStart(11, '0')}\0`, 136, 'ascii');
  header.write('        ', 148, 'ascii');
  header.write('0', 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

/**
 * Writes a tar bundle of at least `targetBytes` bytes to `path`. Returns its size, line count and
 * session count. By default sessions are 1 to 8 MB, so their number grows with `targetBytes`.
 * With `sessionCount`, the bundle contains that many sessions of about equal size instead.
 */
export function generateBundle(path, targetBytes, seed = 20260212, sessionCount = undefined) {
  const rand = mulberry32(seed);
  const fd = openSync(path, 'w');
  let written = 0;
  let lines = 0;
  let sessions = 0;
  try {
    while (sessionCount === undefined ? written < targetBytes : sessions < sessionCount) {
      const sessionBytes =
        sessionCount === undefined
          ? 1_000_000 + Math.floor(rand() * 7_000_000)
          : Math.ceil((targetBytes - written) / (sessionCount - sessions));
      const text = [...sessionLines(rand, sessionBytes)];
      lines += text.length;
      const body = Buffer.from(`${text.join('\n')}\n`, 'utf8');
      const project = `-home-dev-projects-bench-${sessions % 7}`;
      const sessionId = JSON.parse(text[0]).sessionId;
      const header = tarHeader(`projects/${project}/${sessionId}.jsonl`, body.length);
      writeSync(fd, header);
      writeSync(fd, body);
      const padding = (512 - (body.length % 512)) % 512;
      if (padding > 0) writeSync(fd, Buffer.alloc(padding));
      written += 512 + body.length + padding;
      sessions += 1;
    }
    writeSync(fd, Buffer.alloc(1024));
    written += 1024;
  } finally {
    closeSync(fd);
  }
  return { path, bytes: written, lines, sessions };
}

/**
 * Writes the files of a tar made by generateBundle into a zip at `zipPath`, stored without
 * compression (fflate's streaming Zip), one file at a time. Returns the zip's size.
 */
export function tarToZip(tarPath, zipPath) {
  const input = openSync(tarPath, 'r');
  const output = openSync(zipPath, 'w');
  let written = 0;
  let failure = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else {
      writeSync(output, chunk);
      written += chunk.length;
    }
  });
  try {
    const header = Buffer.alloc(512);
    for (let offset = 0; readSync(input, header, 0, 512, offset) === 512 && header[0] !== 0; ) {
      const name = header.toString('utf8', 0, 100).replace(/\0.*$/s, '');
      const size = parseInt(header.toString('ascii', 124, 135), 8);
      const body = Buffer.alloc(size);
      readSync(input, body, 0, size, offset + 512);
      const file = new ZipPassThrough(name);
      file.mtime = new Date(Date.UTC(2026, 1, 12));
      zip.add(file);
      file.push(new Uint8Array(body.buffer, body.byteOffset, body.length), true);
      offset += 512 + Math.ceil(size / 512) * 512;
    }
    zip.end();
    if (failure) throw failure;
  } finally {
    closeSync(input);
    closeSync(output);
  }
  return written;
}
