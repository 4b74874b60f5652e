import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BridgeResult, PrintPdfResult } from '../../../shared/bridge';

type RequestListener = (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;

const electron = vi.hoisted(() => {
  const state = {
    handlers: new Map<string, (event: unknown, request: unknown) => Promise<unknown>>(),
    showSaveDialog: vi.fn(),
    windows: [] as { options: Record<string, unknown>; loadedHtml: string | null; loadedPath: string | null; destroyed: boolean }[],
    printToPDF: vi.fn(async (_options: unknown) => new Uint8Array([0x25, 0x50, 0x44, 0x46])),
    partitions: [] as string[],
    requestListener: null as RequestListener | null,
  };
  return state;
});

vi.mock('electron', async () => {
  const { readFileSync: read } = await import('node:fs');
  class BrowserWindow {
    private readonly record: (typeof electron.windows)[number];
    readonly webContents = { printToPDF: (options: unknown) => electron.printToPDF(options) };
    constructor(options: Record<string, unknown>) {
      this.record = { options, loadedHtml: null, loadedPath: null, destroyed: false };
      electron.windows.push(this.record);
    }
    async loadFile(path: string): Promise<void> {
      this.record.loadedPath = path;
      this.record.loadedHtml = read(path, 'utf8');
    }
    destroy(): void {
      this.record.destroyed = true;
    }
  }
  const printSession = {
    webRequest: {
      onBeforeRequest: (listener: RequestListener) => {
        electron.requestListener = listener;
      },
      onHeadersReceived: () => {},
    },
    setPermissionRequestHandler: () => {},
    setPermissionCheckHandler: () => {},
    setDevicePermissionHandler: () => {},
    setDisplayMediaRequestHandler: () => {},
    setSpellCheckerEnabled: () => {},
  };
  return {
    BrowserWindow,
    dialog: { showSaveDialog: electron.showSaveDialog },
    session: {
      fromPartition: (name: string) => {
        electron.partitions.push(name);
        return printSession;
      },
    },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, request: unknown) => Promise<unknown>) => {
        electron.handlers.set(channel, handler);
      },
    },
  };
});

const trustedEvent = { sender: { id: 1 }, senderFrame: { url: 'file:///app/dist/index.html', parent: null } };
const remoteEvent = { sender: { id: 1 }, senderFrame: { url: 'https://example.com/', parent: null } };
const HTML = '<!doctype html><html><body><h1>Case report</h1></body></html>';
const out = mkdtempSync(join(tmpdir(), 'custody-pdf-out-'));
const temp = mkdtempSync(join(tmpdir(), 'custody-pdf-temp-'));

function print(request: unknown, event: unknown = trustedEvent): Promise<BridgeResult<PrintPdfResult>> {
  return electron.handlers.get('report:print-pdf')!(event, request) as Promise<BridgeResult<PrintPdfResult>>;
}

beforeAll(async () => {
  vi.spyOn(console, 'info').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  const { senderCheck } = await import('../../../electron/ipc/channels');
  const { registerReportHandlers } = await import('../../../electron/ipc/report');
  registerReportHandlers({ isAllowed: senderCheck({ webContentsIds: new Set([1]), distDir: '/app/dist' }), window: () => null, tempRoot: () => temp });
});

beforeEach(() => {
  electron.windows.length = 0;
  electron.partitions.length = 0;
  electron.printToPDF.mockClear();
  electron.showSaveDialog.mockReset();
});

afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(temp, { recursive: true, force: true });
});

describe('report:print-pdf', () => {
  it('prints the HTML and saves it to the chosen path', async () => {
    const target = join(out, 'chosen.pdf');
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const result = await print({ html: HTML, fileName: 'case-report.html' });
    expect(result).toEqual({ ok: true, value: { canceled: false, path: target } });
    expect(electron.printToPDF).toHaveBeenCalledOnce();
    expect(electron.windows).toHaveLength(1);
    expect(electron.windows[0]!.loadedHtml).toBe(HTML);
    expect(electron.windows[0]!.destroyed).toBe(true);
    expect([...readFileSync(target)]).toEqual([0x25, 0x50, 0x44, 0x46]);
  });

  it('suggests the name with a .pdf extension', async () => {
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await print({ html: HTML, fileName: '../secret/my-case-report.html' });
    const options = electron.showSaveDialog.mock.calls[0]![0] as { defaultPath: string };
    expect(options.defaultPath).toBe('my-case-report.pdf');
  });

  it('opens a hidden window without JavaScript', async () => {
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(out, 'options.pdf') });
    await print({ html: HTML, fileName: 'report.html' });
    const options = electron.windows[0]!.options as { show: boolean; webPreferences: Record<string, unknown> };
    expect(options.show).toBe(false);
    expect(options.webPreferences.javascript).toBe(false);
    expect(options.webPreferences.sandbox).toBe(true);
    expect(options.webPreferences.nodeIntegration).toBe(false);
    expect(options.webPreferences.contextIsolation).toBe(true);
    expect(options.webPreferences.preload).toBeUndefined();
    expect(options.webPreferences.partition).toBe('custody-report-print');
    expect(electron.partitions).toEqual(['custody-report-print']);
  });

  it('cancels remote requests of the print window', async () => {
    let pageUrl = '';
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(out, 'filter.pdf') });
    electron.printToPDF.mockImplementationOnce(async () => {
      pageUrl = `file://${electron.windows[0]!.loadedPath}`;
      return new Uint8Array([1]);
    });
    await print({ html: HTML, fileName: 'report.html' });
    const decide = (url: string) => {
      let cancel: boolean | null = null;
      electron.requestListener!({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    expect(decide(pageUrl)).toBe(false);
    expect(decide('data:image/png;base64,AAAA')).toBe(false);
    expect(decide('https://example.com/pixel.png')).toBe(true);
    expect(decide('http://127.0.0.1:4195/')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
  });

  it('prints nothing when the dialog is canceled', async () => {
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    const result = await print({ html: HTML, fileName: 'report.html' });
    expect(result).toEqual({ ok: true, value: { canceled: true } });
    expect(electron.printToPDF).not.toHaveBeenCalled();
    expect(electron.windows).toHaveLength(0);
  });

  it('removes the temporary page', async () => {
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(out, 'temp.pdf') });
    await print({ html: HTML, fileName: 'report.html' });
    expect(existsSync(electron.windows[0]!.loadedPath!)).toBe(false);
    expect(readdirSync(temp)).toEqual([]);
  });

  it('cleans up when printing fails', async () => {
    const target = join(out, 'failed.pdf');
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    electron.printToPDF.mockRejectedValueOnce(new Error('printing failed'));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await print({ html: HTML, fileName: 'report.html' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: 'printing failed' } });
    expect(electron.windows[0]!.destroyed).toBe(true);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(temp)).toEqual([]);
  });

  it.each([
    ['no request', undefined],
    ['empty HTML', { html: '', fileName: 'a.html' }],
    ['HTML of the wrong type', { html: 42, fileName: 'a.html' }],
    ['a missing file name', { html: HTML }],
  ])('rejects %s', async (_name, request) => {
    const result = await print(request);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(electron.showSaveDialog).not.toHaveBeenCalled();
  });

  it('rejects a remote sender', async () => {
    const result = await print({ html: HTML, fileName: 'report.html' }, remoteEvent);
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    expect(electron.showSaveDialog).not.toHaveBeenCalled();
  });
});

describe('pdfFileName', () => {
  it.each([
    ['case-report.html', 'case-report.pdf'],
    ['C:\\cases\\x.html', 'x.pdf'],
    ['report', 'report.pdf'],
    ['', 'case-report.pdf'],
    ['..', 'case-report.pdf'],
    ['a\u0000b?.html', 'ab.pdf'],
  ])('%j becomes %j', async (input, expected) => {
    const { pdfFileName } = await import('../../../electron/ipc/report');
    expect(pdfFileName(input)).toBe(expected);
  });
});
