// Writes the hostile-input corpus: one file per case of damaged, malicious or oversized evidence.
//
//   node scripts/generate-hostile.mjs                 small cases into test/fixtures/hostile/
//   node scripts/generate-hostile.mjs --out DIR       small cases into DIR
//   node scripts/generate-hostile.mjs --large DIR     cases too large to commit, into DIR
//       --long-line-mb N      size of the over-long line (default 4)
//       --tiny-files N        files in the many-tiny-files zip (default 3000)
//
// Output is deterministic: the same script writes the same bytes, so the committed files can be
// checked against a fresh run. Script payloads aim only at the loopback sink on SINK_PORT, which
// the end-to-end tests run to prove that nothing executed.

import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, gzipSync, zipSync } from 'fflate';

export const SINK_PORT = 47913;
const SINK = `http://127.0.0.1:${SINK_PORT}`;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'hostile');

const encoder = new TextEncoder();
const bytes = (text) => encoder.encode(text);

function concat(parts) {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

// Claude Code transcript lines --------------------------------------------------------------

const BASE_TIME = Date.parse('2026-02-01T09:00:00.000Z');
/** Modification time of archive entries, fixed so the output does not depend on the clock. */
const ARCHIVE_TIME = new Date(BASE_TIME);

function uuid(session, index) {
  return `${session.slice(0, 8)}-0000-4000-8000-${String(index).padStart(12, '0')}`;
}

/** Builds the lines of one Claude Code session; `steps` are prompts, tool calls and results. */
function transcript(session, steps, extra = {}) {
  const lines = [];
  let parent = null;
  steps.forEach((step, index) => {
    const id = uuid(session, index + 1);
    const envelope = {
      parentUuid: parent,
      isSidechain: false,
      userType: 'external',
      cwd: extra.cwd ?? '/home/dev/project',
      sessionId: session,
      version: '2.1.40',
      gitBranch: 'main',
      uuid: id,
      timestamp: new Date(BASE_TIME + index * 1000).toISOString(),
    };
    if (step.prompt !== undefined) {
      lines.push({ ...envelope, type: 'user', permissionMode: 'default', message: { role: 'user', content: step.prompt } });
    } else if (step.tool !== undefined) {
      lines.push({
        ...envelope,
        type: 'assistant',
        requestId: `req_${index}`,
        message: {
          model: 'claude-sonnet-4-5',
          id: `msg_${index}`,
          type: 'message',
          role: 'assistant',
          content: [{ type: 'tool_use', id: step.id, name: step.tool, input: step.input }],
          stop_reason: 'tool_use',
          usage: { input_tokens: 1, output_tokens: 1 },
        },
      });
    } else if (step.result !== undefined) {
      lines.push({
        ...envelope,
        type: 'user',
        message: { role: 'user', content: [{ tool_use_id: step.id, type: 'tool_result', content: step.result, is_error: step.error ?? false }] },
        toolUseResult: { stdout: step.result, stderr: '', interrupted: false, isImage: false },
      });
    } else if (step.text !== undefined) {
      lines.push({
        ...envelope,
        type: 'assistant',
        requestId: `req_${index}`,
        message: { model: 'claude-sonnet-4-5', id: `msg_${index}`, type: 'message', role: 'assistant', content: [{ type: 'text', text: step.text }], stop_reason: 'end_turn', usage: { input_tokens: 1, output_tokens: 1 } },
      });
    }
    parent = id;
  });
  return lines.map((line) => JSON.stringify(line));
}

/** Builds a session of `count` numbered prompts, so that a lost record shows. */
function plainSession(session, count, prefix = 'record') {
  const steps = [];
  for (let i = 0; i < count; i++) steps.push({ prompt: `${prefix} ${i}` });
  return transcript(session, steps);
}

const jsonl = (lines, eol = '\n') => bytes(lines.map((line) => `${line}${eol}`).join(''));

// Zip writer ---------------------------------------------------------------------------------
// fflate's zipSync cannot write encrypted entries or arbitrary flags, so small archives are
// written here: local headers, data, central directory and end record.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(data) {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const crcByte = (crc, byte) => (CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8)) >>> 0;

/** Traditional PKWARE encryption (ZipCrypto), as `zip -e` writes it. */
function zipCrypto(data, password, crc) {
  let k0 = 0x12345678;
  let k1 = 0x23456789;
  let k2 = 0x34567890;
  const update = (byte) => {
    k0 = crcByte(k0, byte);
    k1 = (Math.imul((k1 + (k0 & 0xff)) >>> 0, 134775813) + 1) >>> 0;
    k2 = crcByte(k2, k1 >>> 24);
  };
  const keyByte = () => {
    const t = (k2 | 2) & 0xffff;
    return (Math.imul(t, t ^ 1) >>> 8) & 0xff;
  };
  for (const byte of bytes(password)) update(byte);
  const header = new Uint8Array(12);
  for (let i = 0; i < 11; i++) header[i] = (i * 37 + 11) & 0xff;
  header[11] = crc >>> 24;
  const plain = concat([header, data]);
  const out = new Uint8Array(plain.length);
  for (let i = 0; i < plain.length; i++) {
    out[i] = plain[i] ^ keyByte();
    update(plain[i]);
  }
  return out;
}

/**
 * Writes a zip. Entries: { name, data, deflate?, password?, rawName? (bytes), method? }.
 * Returns { zip, centralOffset } so cases can damage the central directory.
 */
function writeZip(entries) {
  const locals = [];

  const centrals = [];
  let offset = 0;
  for (const entry of entries) {
    const name = entry.rawName ?? bytes(entry.name);
    const crc = crc32(entry.data);
    let data = entry.deflate ? deflateSync(entry.data, { level: 9 }) : entry.data;
    let flags = 0x0800;
    if (entry.password) {
      data = zipCrypto(data, entry.password, crc);
      flags |= 0x0001;
    }
    const method = entry.method ?? (entry.deflate ? 8 : 0);

    const local = new Uint8Array(30 + name.length);
    const view = new DataView(local.buffer);
    view.setUint32(0, 0x04034b50, true);
    view.setUint16(4, 20, true);
    view.setUint16(6, flags, true);
    view.setUint16(8, method, true);
    view.setUint32(14, crc, true);
    view.setUint32(18, data.length, true);
    view.setUint32(22, entry.data.length, true);
    view.setUint16(26, name.length, true);
    local.set(name, 30);

    const central = new Uint8Array(46 + name.length);
    const cview = new DataView(central.buffer);
    cview.setUint32(0, 0x02014b50, true);
    cview.setUint16(4, 20, true);
    cview.setUint16(6, 20, true);
    cview.setUint16(8, flags, true);
    cview.setUint16(10, method, true);
    cview.setUint32(16, crc, true);
    cview.setUint32(20, data.length, true);
    cview.setUint32(24, entry.data.length, true);
    cview.setUint16(28, name.length, true);
    cview.setUint32(42, offset, true);
    central.set(name, 46);

    locals.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
  }

  const directory = concat(centrals);
  const end = new Uint8Array(22);
  const eview = new DataView(end.buffer);
  eview.setUint32(0, 0x06054b50, true);
  eview.setUint16(8, entries.length, true);
  eview.setUint16(10, entries.length, true);
  eview.setUint32(12, directory.length, true);
  eview.setUint32(16, offset, true);
  return { zip: concat([...locals, directory, end]), centralOffset: offset };
}

// Tar writer ---------------------------------------------------------------------------------
// Writes ustar members of any type, so cases can hold links and devices without creating them
// on disk (device nodes need root).

/** Builds one ustar header. Member: { name, size?, type?, linkName?, major?, minor? }. */
function tarHeader({ name, size = 0, type = '0', linkName = '', major = 0, minor = 0 }) {
  const header = new Uint8Array(512);
  const put = (text, at, length) => header.set(bytes(text).subarray(0, length), at);
  const octal = (value, at, length) => put(`${value.toString(8).padStart(length - 1, '0')}\0`, at, length);
  put(name, 0, 100);
  octal(0o644, 100, 8);
  octal(0, 108, 8);
  octal(0, 116, 8);
  octal(size, 124, 12);
  octal(Math.floor(ARCHIVE_TIME.getTime() / 1000), 136, 12);
  header.fill(0x20, 148, 156);
  put(type, 156, 1);
  put(linkName, 157, 100);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  octal(major, 329, 8);
  octal(minor, 337, 8);
  const sum = header.reduce((total, byte) => total + byte, 0);
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return header;
}

/** Writes a tar. Members: tarHeader's fields plus `data` for regular files. */
function writeTar(members) {
  const parts = [];
  for (const member of members) {
    const data = member.data ?? new Uint8Array(0);
    parts.push(tarHeader({ ...member, size: data.length }), data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  parts.push(new Uint8Array(1024));
  return concat(parts);
}

// Script and markup payloads ------------------------------------------------------------------

/** Payloads that would run script, load a resource or navigate if evidence were ever rendered as HTML. */
export const MARKUP_PAYLOADS = [
  `<script>window.__pwned=1;fetch('${SINK}/script')</script>`,
  `<img src=x onerror="window.__pwned=1;fetch('${SINK}/img')">`,
  `<a href="javascript:window.__pwned=1">click me</a>`,
  `<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"><script>window.__pwned=1;fetch('${SINK}/svg')</script></svg>`,
  `<iframe src="javascript:parent.__pwned=1"></iframe>`,
  `<meta http-equiv="refresh" content="0;url=${SINK}/meta">`,
  `<link rel="stylesheet" href="${SINK}/css"><style>@import url(${SINK}/import);</style>`,
  `"><img src=${SINK}/attr onerror=window.__pwned=1>`,
  `'--></textarea></title><script>window.__pwned=1</script>`,
  `<object data="${SINK}/object"></object><embed src="${SINK}/embed">`,
  `[click](javascript:window.__pwned=1) ![x](${SINK}/markdown.png) <${SINK}/autolink>`,
];

/** Terminal control sequences: colours, screen clear, title, an OSC 8 hyperlink, bell, backspace. */
export const TERMINAL_PAYLOADS = [
  '\u001b[31mred\u001b[0m \u001b[1;5;41mblink\u001b[0m',
  '\u001b[2J\u001b[Hscreen cleared',
  '\u001b]0;fake window title\u0007',
  `\u001b]8;;${SINK}/osc8\u0007a link\u001b]8;;\u0007`,
  'over\rwritten\b\b\u0007 bell',
];

/** Characters that hide or reorder text: right-to-left override, isolates, zero-width. */
export const BIDI_NAME = 'invoice\u202egnp.exe';

const XSS_SESSION = '5c41f7e0-0000-4000-8000-00000000cafe';

function scriptPayloadTranscript() {
  const steps = [{ prompt: `Please summarise ${MARKUP_PAYLOADS.join(' ')}` }];
  MARKUP_PAYLOADS.forEach((payload, index) => {
    const id = `toolu_markup_${index}`;
    steps.push({ tool: 'Bash', id, input: { command: `echo '${payload}'`, description: payload } });
    steps.push({ id, result: `${payload}\n${TERMINAL_PAYLOADS[index % TERMINAL_PAYLOADS.length]}`, error: index % 3 === 0 });
  });
  TERMINAL_PAYLOADS.forEach((payload, index) => {
    const id = `toolu_ansi_${index}`;
    steps.push({ tool: 'Bash', id, input: { command: `printf '${payload}'` } });
    steps.push({ id, result: payload });
  });
  // Hostile strings in the places that become graph labels: tool names, file paths, sub-agents.
  steps.push({ tool: `<img src=x onerror="window.__pwned=1">`, id: 'toolu_name', input: { x: 1 } });
  steps.push({ id: 'toolu_name', result: 'ok' });
  steps.push({ tool: 'Read', id: 'toolu_read', input: { file_path: `/tmp/<script>window.__pwned=1</script>/${BIDI_NAME}` } });
  steps.push({ id: 'toolu_read', result: 'file body' });
  steps.push({ tool: 'Write', id: 'toolu_write', input: { file_path: `javascript:window.__pwned=1//\u202e.txt`, content: MARKUP_PAYLOADS[3] } });
  steps.push({ id: 'toolu_write', result: 'written' });
  steps.push({
    tool: 'Task',
    id: 'toolu_task',
    input: { description: `<svg onload="window.__pwned=1">`, prompt: MARKUP_PAYLOADS[0], subagent_type: `"><script>window.__pwned=1</script>` },
  });
  steps.push({ id: 'toolu_task', result: MARKUP_PAYLOADS[1] });
  steps.push({ text: `Done. ${MARKUP_PAYLOADS[2]} ${TERMINAL_PAYLOADS[3]}` });
  return transcript(XSS_SESSION, steps, { cwd: `/home/dev/<img src=x onerror="window.__pwned=1">` });
}

// Cases -------------------------------------------------------------------------------------

const S = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Builds every small case, keyed by file name. */
export function smallCases() {
  const cases = {};

  // Multi-byte UTF-8 of every length (2, 3 and 4 bytes) that the tests split at every byte.
  cases['utf8-split.jsonl'] = jsonl(transcript(S(1), [{ prompt: 'café ünïcödé' }, { prompt: '日本語のテキスト' }, { prompt: 'emoji 🎉🔥 and 𝔘𝔫𝔦' }]));

  cases['bom.jsonl'] = concat([new Uint8Array([0xef, 0xbb, 0xbf]), jsonl(plainSession(S(2), 3))]);
  cases['crlf.jsonl'] = jsonl(plainSession(S(3), 3), '\r\n');

  // The last record is cut in the middle, with no line break.
  {
    const lines = plainSession(S(4), 4);
    const last = lines.pop();
    cases['truncated-last-line.jsonl'] = bytes(`${lines.join('\n')}\n${last.slice(0, Math.floor(last.length / 2))}`);
  }

  // Line 2 is a record cut short by a crash, then the next whole record on the same line.
  {
    const lines = plainSession(S(5), 4);
    const cut = lines[1].slice(0, 60);
    cases['glued-record.jsonl'] = bytes(`${lines[0]}\n${cut}${lines[2]}\n${lines[3]}\n`);
  }

  // A preallocated file: a run of NUL bytes between records, and at the end.
  {
    const lines = plainSession(S(6), 3);
    cases['nul-run.jsonl'] = concat([bytes(`${lines[0]}\n`), new Uint8Array(4096), bytes(`${lines[1]}\n${lines[2]}\n`), new Uint8Array(512)]);
  }

  // `\u0000` as a JSON escape inside a valid string is data, not damage.
  cases['escaped-nul.jsonl'] = jsonl(transcript(S(7), [{ prompt: 'before\u0000after' }, { prompt: 'second' }]));

  // Line 2 contains bytes that are not UTF-8 inside a string (a lone continuation byte, an
  // overlong encoding and a truncated sequence).
  {
    const lines = plainSession(S(8), 3);
    const bad = lines[1].replace('record 1', 'record 1 BAD');
    // The line is ASCII, so the character index of "BAD" is its byte offset.
    const at = bad.indexOf('BAD');
    const raw = bytes(bad);
    const corrupt = concat([raw.subarray(0, at), new Uint8Array([0x80, 0xc0, 0xaf, 0xe2, 0x82]), raw.subarray(at + 3)]);
    cases['invalid-utf8.jsonl'] = concat([bytes(`${lines[0]}\n`), corrupt, bytes(`\n${lines[2]}\n`)]);
  }

  cases['empty.jsonl'] = new Uint8Array(0);
  // Records with no fields: alone, spaced, and without a final line break.
  cases['empty-objects.jsonl'] = bytes('{}\n{ }\n\n{}');
  // One record with no fields between the records of a session.
  {
    const lines = plainSession(S(12), 3, 'around');
    cases['empty-object-inside.jsonl'] = jsonl([lines[0], '{}', lines[1], lines[2]]);
  }
  cases['only-newlines.jsonl'] = bytes('\n\n\r\n\n');

  // Zip bombs. Each contains a good entry first, whose records must survive.
  const good = jsonl(plainSession(S(9), 3, 'kept'));
  cases['zip-bomb-ratio.zip'] = zipSync({ 'good.jsonl': good, 'bomb.jsonl': [new Uint8Array(16 * 1024 * 1024), { level: 9 }] }, { mtime: ARCHIVE_TIME });
  {
    const entries = { 'good.jsonl': good };
    for (let i = 0; i < 60; i++) entries[`many/${String(i).padStart(3, '0')}.jsonl`] = bytes(`${JSON.stringify({ type: 'note', i })}\n`);
    cases['zip-bomb-entries.zip'] = zipSync(entries, { level: 9, mtime: ARCHIVE_TIME });
  }
  {
    // Four entries of 256 KiB each, with a ratio far under the limit; the tests lower the total size limit.
    const entries = { 'good.jsonl': good };
    for (let i = 0; i < 4; i++) {
      const lines = [];
      for (let n = 0; lines.join('\n').length < 256 * 1024; n++) lines.push(JSON.stringify({ type: 'filler', part: i, n, pad: `${n * 7919}`.repeat(8) }));
      entries[`part-${i}.jsonl`] = bytes(`${lines.join('\n')}\n`);
    }
    cases['zip-bomb-total.zip'] = zipSync(entries, { level: 6, mtime: ARCHIVE_TIME });
  }

  // Archives nested five deep; the default depth limit is three.
  {
    let inner = zipSync({ 'deepest.jsonl': jsonl(plainSession(S(10), 2, 'deep')) }, { mtime: ARCHIVE_TIME });
    for (let level = 4; level >= 1; level--) inner = zipSync({ [`level-${level}.jsonl`]: jsonl(plainSession(S(10 + level), 1, `level ${level}`)), [`nested-${level}.zip`]: inner }, { mtime: ARCHIVE_TIME });
    cases['nested-depth.zip'] = inner;
  }

  // Entry names that would escape an extraction folder or mislead a reader.
  {
    const names = [
      '../../../../tmp/escape.jsonl',
      '/etc/cron.d/absolute.jsonl',
      'C:\\Windows\\System32\\drive.jsonl',
      `rtl-${BIDI_NAME}.jsonl`,
      'ctl-\u0001\u0007\u001b[31mred\u001b[0m.jsonl',
      `<img src=x onerror="window.__pwned=1">.jsonl`,
    ];
    cases['evil-names.zip'] = writeZip(names.map((name, index) => ({ name, data: jsonl(plainSession(S(20 + index), 1, `named ${index}`)) }))).zip;
  }

  // Tar members that are not regular files, between regular ones with unsafe names. Links and
  // devices must be reported and never followed; the regular members must be read.
  cases['special-members.tar.gz'] = gzipSync(
    writeTar([
      { name: '../../escape.jsonl', data: jsonl(plainSession(S(24), 1, 'escaped')) },
      { name: 'link.jsonl', type: '2', linkName: '/etc/passwd' },
      { name: 'hard.jsonl', type: '1', linkName: '../../escape.jsonl' },
      { name: 'char-device.jsonl', type: '3', major: 1, minor: 3 },
      { name: 'block-device.jsonl', type: '4', major: 8, minor: 1 },
      { name: 'fifo.jsonl', type: '6' },
      { name: 'ctl-link.jsonl', type: '2', linkName: '/tmp/\u001b[31mred\u202e' },
      { name: 'folder/', type: '5' },
      { name: '/abs/absolute.jsonl', data: jsonl(plainSession(S(25), 1, 'absolute')) },
    ]),
    { mtime: ARCHIVE_TIME },
  );

  // An encrypted entry (ZipCrypto, deflated) between two readable ones, and an encrypted stored one.
  cases['encrypted.zip'] = writeZip([
    { name: 'before.jsonl', data: jsonl(plainSession(S(30), 2, 'before')), deflate: true },
    { name: 'secret.jsonl', data: jsonl(plainSession(S(31), 2, 'secret')), deflate: true, password: 'infected' },
    { name: 'secret-stored.jsonl', data: jsonl(plainSession(S(32), 2, 'secret')), password: 'infected' },
    { name: 'after.jsonl', data: jsonl(plainSession(S(33), 2, 'after')) },
  ]).zip;

  // An entry with a compression method Custody does not read (14 is LZMA), between readable ones.
  cases['unsupported-method.zip'] = writeZip([
    { name: 'before.jsonl', data: jsonl(plainSession(S(34), 1, 'before')) },
    { name: 'lzma.jsonl', data: bytes('not really lzma'), method: 14 },
    { name: 'after.jsonl', data: jsonl(plainSession(S(35), 1, 'after')) },
  ]).zip;

  // The central directory overwritten with garbage; the local headers are intact.
  {
    const { zip, centralOffset } = writeZip([
      { name: 'a.jsonl', data: jsonl(plainSession(S(40), 2, 'a')), deflate: true },
      { name: 'b.jsonl', data: jsonl(plainSession(S(41), 2, 'b')) },
    ]);
    const damaged = zip.slice();
    for (let i = centralOffset; i < damaged.length; i++) damaged[i] = (i * 131) & 0xff;
    cases['corrupt-central-directory.zip'] = damaged;
  }

  // A gzip cut in the middle of its deflate stream: the records before the cut survive.
  {
    const lines = [];
    for (let i = 0; i < 400; i++) lines.push(JSON.stringify({ type: 'note', i, text: `line ${i} ${'x'.repeat(i % 50)}` }));
    const gz = gzipSync(bytes(`${lines.join('\n')}\n`), { level: 6, mtime: ARCHIVE_TIME });
    cases['truncated.jsonl.gz'] = gz.subarray(0, Math.floor(gz.length * 0.6));
  }

  cases['script-payloads.jsonl'] = jsonl(scriptPayloadTranscript());
  cases['script-payloads.zip'] = writeZip([
    { name: 'script-payloads.jsonl', data: cases['script-payloads.jsonl'], deflate: true },
    { name: `<script>window.__pwned=1</script>${BIDI_NAME}.jsonl`, data: jsonl(plainSession(S(50), 2, MARKUP_PAYLOADS[1])) },
    { name: `\u001b[31mansi-name\u001b[0m.jsonl`, data: jsonl(plainSession(S(51), 1, TERMINAL_PAYLOADS[0])) },
  ]).zip;
  return cases;
}

/** Byte parts of the long-line case: records before and after the line, and the line's own start and end. */
export const LONG_LINE_PARTS = (() => {
  const lines = plainSession(S(60), 4, 'around');
  return { before: bytes(`${lines[0]}\n${lines[1]}\n`), open: bytes('{"type":"user","blob":"'), close: bytes('"}\n'), after: bytes(`${lines[2]}\n${lines[3]}\n`) };
})();

/**
 * Writes JSONL records with one line of `lineBytes` bytes (line break excluded) as line 3, in
 * slices, so a line of hundreds of megabytes never sits in memory whole.
 */
export function writeLongLineFile(path, lineBytes) {
  const { before, open, close, after } = LONG_LINE_PARTS;
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, before);
    writeSync(fd, open);
    const slice = new Uint8Array(16 * 1024 * 1024).fill(0x61);
    let left = lineBytes - open.length - (close.length - 1);
    while (left > 0) {
      const part = slice.subarray(0, Math.min(left, slice.length));
      writeSync(fd, part);
      left -= part.length;
    }
    writeSync(fd, close);
    writeSync(fd, after);
  } finally {
    closeSync(fd);
  }
}

/** Builds a zip of `count` one-record files. */
export function tinyFilesZip(count) {
  const entries = {};
  for (let i = 0; i < count; i++) entries[`tiny/${String(i).padStart(5, '0')}.jsonl`] = bytes(`${JSON.stringify({ type: 'note', i })}\n`);
  return zipSync(entries, { level: 0, mtime: ARCHIVE_TIME });
}

function writeAll(dir, files) {
  mkdirSync(dir, { recursive: true });
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
}

function option(args, name, fallback) {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args[at + 1]);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const large = args.indexOf('--large');
  if (large === -1) {
    const cases = smallCases();
    const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : FIXTURES;
    if (!out) throw new Error('--out needs a target folder, for example --out /tmp/hostile');
    writeAll(out, cases);
    console.log(`wrote ${Object.keys(cases).length} cases to ${out}`);
  } else {
    const dir = args[large + 1];
    if (!dir) throw new Error('--large needs a target folder, for example --large /tmp/hostile');
    const lineBytes = option(args, '--long-line-mb', 4) * 1024 * 1024;
    writeAll(dir, { 'tiny-files.zip': tinyFilesZip(option(args, '--tiny-files', 3000)) });
    writeLongLineFile(join(dir, 'long-line.jsonl'), lineBytes);
    console.log(`wrote long-line.jsonl (${lineBytes} byte line) and tiny-files.zip to ${dir}`);
  }
}
