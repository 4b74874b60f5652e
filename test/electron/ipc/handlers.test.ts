import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { INVOKE_METHODS, type BridgeResult, type LocalLogs } from '../../../shared/bridge';
import { sample } from '../../helpers/samples';

type Handler = (event: unknown, request: unknown) => Promise<BridgeResult<unknown>>;

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, request: unknown) => Promise<unknown>>(),
  showOpenDialog: vi.fn(),
}));

vi.mock('electron', () => ({
  app: { getName: () => 'Custody', getVersion: () => '0.1.0' },
  dialog: { showOpenDialog: electron.showOpenDialog },
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, request: unknown) => Promise<unknown>) => {
      if (electron.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      electron.handlers.set(channel, handler);
    },
  },
}));

const distDir = '/app/dist';
const trustedEvent = { sender: { id: 1 }, senderFrame: { url: 'file:///app/dist/index.html', parent: null } };
const subframeEvent = { sender: { id: 1 }, senderFrame: { url: 'file:///app/dist/index.html', parent: {} } };
const otherWindowEvent = { sender: { id: 2 }, senderFrame: { url: 'file:///app/dist/index.html', parent: null } };
const remoteEvent = { sender: { id: 1 }, senderFrame: { url: 'https://example.com/', parent: null } };

function handler(channel: string): Handler {
  const found = electron.handlers.get(channel);
  if (!found) throw new Error(`no handler for ${channel}`);
  return found as Handler;
}

// A folder laid out like a home directory, with the Codex samples where Codex writes them.
const home = mkdtempSync(join(tmpdir(), 'custody-home-'));
mkdirSync(join(home, '.codex', 'sessions', '2026', '02', '23'), { recursive: true });
cpSync(sample('codex', 'sessions'), join(home, '.codex', 'sessions'), { recursive: true });
mkdirSync(join(home, '.gemini', 'tmp', 'abc', 'chats'), { recursive: true });

afterAll(() => rmSync(home, { recursive: true, force: true }));

beforeAll(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'info').mockImplementation(() => {});
  const { senderCheck } = await import('../../../electron/ipc/channels');
  const { registerAppHandlers } = await import('../../../electron/ipc/app');
  const { registerBundleHandlers } = await import('../../../electron/ipc/bundle');
  const { FileRegistry } = await import('../../../electron/lib/file-registry');
  const isAllowed = senderCheck({ webContentsIds: new Set([1]), distDir });
  registerAppHandlers(isAllowed);
  const registry = new FileRegistry();
  registerBundleHandlers({ isAllowed, registry, window: () => null });
  const { registerLocalLogHandlers } = await import('../../../electron/ipc/local-logs');
  registerLocalLogHandlers({ isAllowed, registry, home: () => home });
  const { registerReportHandlers } = await import('../../../electron/ipc/report');
  registerReportHandlers({ isAllowed, window: () => null });
});

describe('IPC handlers', () => {
  it('serve exactly the bridge requests', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(Object.values(INVOKE_METHODS).sort());
  });

  it('answer app:info', async () => {
    const result = await handler('app:info')(trustedEvent, undefined);
    expect(result).toMatchObject({ ok: true, value: { name: 'Custody', version: '0.1.0', platform: process.platform } });
  });

  it.each([
    ['a subframe', subframeEvent],
    ['another window', otherWindowEvent],
    ['a remote page', remoteEvent],
  ])('reject requests from %s', async (_name, event) => {
    for (const channel of Object.values(INVOKE_METHODS)) {
      const result = await handler(channel)(event, undefined);
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    }
  });

  it('return errors as records with codes', async () => {
    const result = await handler('bundle:read-chunk')(trustedEvent, { handle: 'unknown', offset: 0 });
    expect(result).toEqual({
      ok: false,
      error: { name: 'BridgeFailure', message: 'No open file has the handle "unknown".', code: 'unknown-handle' },
    });
  });

  it('open the local agent logs in place', async () => {
    const result = (await handler('bundle:open-local-logs')(trustedEvent, undefined)) as BridgeResult<LocalLogs>;
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.home).toBe(home);
    expect(result.value.failures).toEqual([]);
    expect(result.value.bundles.map((bundle) => [bundle.kind, bundle.location])).toEqual([
      ['folder', join(home, '.codex', 'sessions')],
      ['folder', join(home, '.gemini', 'tmp', 'abc', 'chats')],
    ]);
    const codex = result.value.bundles[0]!;
    expect(codex.files.map((file) => file.path.split('/').pop())).toHaveLength(3);
    const chunk = (await handler('bundle:read-chunk')(trustedEvent, { handle: codex.files[0]!.handle, offset: 0, length: 16 })) as BridgeResult<Uint8Array>;
    expect(chunk.ok && new TextDecoder().decode(chunk.value)).toBe('{"timestamp":"20');
  });

  it('reject an invalid dialog kind', async () => {
    const result = await handler('bundle:open-dialog')(trustedEvent, { kind: 'anything' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(electron.showOpenDialog).not.toHaveBeenCalled();
  });

  it('register what the dialog picked and read it', async () => {
    const path = sample('claude-code', 'short.jsonl');
    electron.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [path] });
    const opened = await handler('bundle:open-dialog')(trustedEvent, { kind: 'files' });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const picked = opened.value as { bundles: { files: { handle: string; size: number }[] }[] };
    const file = picked.bundles[0]!.files[0]!;

    const chunk = await handler('bundle:read-chunk')(trustedEvent, { handle: file.handle, offset: 0, length: 16 });
    expect(chunk).toMatchObject({ ok: true, value: { length: 16 } });

    await handler('bundle:release')(trustedEvent, { handles: [file.handle] });
    const afterRelease = await handler('bundle:read-chunk')(trustedEvent, { handle: file.handle, offset: 0 });
    expect(afterRelease).toMatchObject({ ok: false, error: { code: 'unknown-handle' } });
  });

  it('return canceled when the dialog is closed', async () => {
    electron.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    const result = await handler('bundle:open-dialog')(trustedEvent, { kind: 'folder' });
    expect(result).toEqual({ ok: true, value: { canceled: true, bundles: [], failures: [] } });
  });
});
