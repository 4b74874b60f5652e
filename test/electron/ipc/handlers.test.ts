import { beforeAll, describe, expect, it, vi } from 'vitest';
import { INVOKE_METHODS, type BridgeResult } from '../../../shared/bridge';
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

beforeAll(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'info').mockImplementation(() => {});
  const { senderCheck } = await import('../../../electron/ipc/channels');
  const { registerAppHandlers } = await import('../../../electron/ipc/app');
  const { registerBundleHandlers } = await import('../../../electron/ipc/bundle');
  const { FileRegistry } = await import('../../../electron/lib/file-registry');
  const isAllowed = senderCheck({ webContentsIds: new Set([1]), distDir });
  registerAppHandlers(isAllowed);
  registerBundleHandlers({ isAllowed, registry: new FileRegistry(), window: () => null });
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
