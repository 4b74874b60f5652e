// Deterministic generator of one large Claude Code session for the graph benchmark: a main agent
// that delegates to sub-agents through Task calls, each sub-agent making thousands of tool calls
// on its own pool of files. Written as a Claude Code project folder: the main transcript and
// `<session>/subagents/agent-<id>.jsonl` per sub-agent, in the shapes Claude Code 2.1 writes.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from './generate.mjs';

const FILE_TOOLS = ['Read', 'Edit', 'Grep'];
const PROGRAMS = ['npm', 'git', 'ls', 'cat', 'node', 'grep', 'find', 'make', 'rg', 'tsc'];

function hex(rand, length) {
  let out = '';
  for (let i = 0; i < length; i += 1) out += Math.floor(rand() * 16).toString(16);
  return out;
}

function uuid(rand) {
  const h = hex(rand, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function callInput(tool, file, rand) {
  if (tool === 'Read') return { file_path: file };
  if (tool === 'Edit') return { file_path: file, old_string: 'const a = 1;', new_string: 'const a = 2;' };
  if (tool === 'Grep') return { pattern: 'TODO', path: file, output_mode: 'content' };
  return { command: `${PROGRAMS[Math.floor(rand() * PROGRAMS.length)]} --version`, description: 'check a tool' };
}

/**
 * Writes the session under `folder` (emptied first). Returns its id, sub-agent ids, call count
 * and line count. `filesPerAgent` sizes each sub-agent's pool of files: the graph contains about
 * 3 × filesPerAgent call groups plus filesPerAgent files per sub-agent.
 */
export function generateGraphSession(folder, { calls = 20_000, subAgents = 5, filesPerAgent = 250, seed = 20260213 } = {}) {
  const rand = mulberry32(seed);
  rmSync(folder, { recursive: true, force: true });
  const sessionId = uuid(rand);
  const cwd = '/home/dev/projects/graph-bench';
  const envelope = { userType: 'external', cwd, sessionId, version: '2.1.39', gitBranch: 'main' };
  const start = Date.UTC(2026, 1, 13, 9, 0, 0);
  const main = [];
  let parent = null;
  let lines = 0;
  const mainLine = (time, fields) => {
    const id = uuid(rand);
    main.push(JSON.stringify({ parentUuid: parent, isSidechain: false, ...envelope, ...fields, uuid: id, timestamp: new Date(time).toISOString() }));
    parent = id;
  };
  mainLine(start, { type: 'user', message: { role: 'user', content: 'Refactor every module and run the tests.' }, permissionMode: 'default' });
  const agents = Array.from({ length: subAgents }, (_unused, index) => ({ id: hex(rand, 7), index, callId: `toolu_${hex(rand, 24)}`, lines: [] }));
  const perAgent = Math.floor(calls / subAgents);
  const assistant = (content) => ({ type: 'assistant', requestId: `req_${hex(rand, 24)}`, message: { model: 'claude-opus-4-6', id: `msg_${hex(rand, 24)}`, type: 'message', role: 'assistant', content, stop_reason: null, usage: { input_tokens: 10, output_tokens: 10 } } });
  let end = start;
  for (const agent of agents) {
    const spawned = start + 1000 + agent.index * 500;
    const task = `Refactor package ${agent.index} and report what changed.`;
    mainLine(spawned, assistant([{ type: 'tool_use', id: agent.callId, name: 'Task', input: { subagent_type: 'general-purpose', description: `Refactor package ${agent.index}`, prompt: task } }]));
    let time = spawned + 200;
    let subParent = null;
    const subLine = (fields) => {
      const id = uuid(rand);
      agent.lines.push(JSON.stringify({ parentUuid: subParent, isSidechain: true, ...envelope, agentId: agent.id, ...fields, uuid: id, timestamp: new Date(time).toISOString() }));
      subParent = id;
    };
    subLine({ type: 'user', message: { role: 'user', content: task } });
    for (let call = 0; call < perAgent; call += 1) {
      const tool = rand() < 0.1 ? 'Bash' : FILE_TOOLS[Math.floor(rand() * FILE_TOOLS.length)];
      const file = `${cwd}/packages/p${agent.index}/src/module-${Math.floor(rand() * filesPerAgent)}.ts`;
      const callId = `toolu_${hex(rand, 24)}`;
      time += 200 + Math.floor(rand() * 1500);
      subLine(assistant([{ type: 'tool_use', id: callId, name: tool, input: callInput(tool, file, rand), caller: { type: 'direct' } }]));
      time += 50 + Math.floor(rand() * 800);
      const failed = rand() < 0.03;
      subLine({ type: 'user', message: { role: 'user', content: [{ tool_use_id: callId, type: 'tool_result', content: failed ? 'Error: exit code 1' : 'ok', is_error: failed }] }, toolUseResult: failed ? 'Error: exit code 1' : { stdout: 'ok', stderr: '', interrupted: false } });
    }
    end = Math.max(end, time);
    agent.finished = time + 100;
  }
  for (const agent of agents) {
    mainLine(agent.finished, {
      type: 'user',
      message: { role: 'user', content: [{ tool_use_id: agent.callId, type: 'tool_result', content: [{ type: 'text', text: 'Done.' }] }] },
      toolUseResult: { status: 'completed', prompt: `Refactor package ${agent.index} and report what changed.`, agentId: agent.id, totalToolUseCount: perAgent },
    });
  }
  const project = join(folder, '-home-dev-projects-graph-bench');
  mkdirSync(join(project, sessionId, 'subagents'), { recursive: true });
  writeFileSync(join(project, `${sessionId}.jsonl`), `${main.join('\n')}\n`);
  lines += main.length;
  for (const agent of agents) {
    writeFileSync(join(project, sessionId, 'subagents', `agent-${agent.id}.jsonl`), `${agent.lines.join('\n')}\n`);
    lines += agent.lines.length;
  }
  return { folder: project, sessionId, subAgents: agents.map((agent) => agent.id), calls: perAgent * subAgents + subAgents, lines };
}
