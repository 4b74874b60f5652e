// report:print-pdf: prints the case report to PDF. The report page is written to a fresh
// temporary folder and loaded in a hidden window with JavaScript disabled and no preload. The
// window runs in its own in-memory session, whose request filter allows only files in that
// folder and in-memory (data:, blob:) URLs, so every remote request is cancelled. The report
// needs nothing else: its styles are inline and its images are data: URLs.

import { BrowserWindow, dialog, session, type BrowserWindowConstructorOptions, type SaveDialogOptions } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_REPORT_HTML_LENGTH, type PrintPdfRequest, type PrintPdfResult } from '../../shared/bridge';
import { BridgeFailure } from '../lib/errors';
import { logInfo } from '../lib/log';
import { applySessionPolicy } from '../security';
import { handle, type SenderCheck } from './channels';

/** Session of the print window. Without the `persist:` prefix Electron keeps it in memory only. */
export const PRINT_PARTITION = 'custody-report-print';

const DEFAULT_PDF_NAME = 'case-report.pdf';

/** Options of the hidden print window: no script, no Node, no preload, sandboxed. */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 1024,
    height: 768,
    webPreferences: {
      partition: PRINT_PARTITION,
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: false,
    },
  };
}

/** Turns the suggested name into a bare file name ending in `.pdf`, without folders or control characters. */
export function pdfFileName(suggested: string): string {
  const base = (suggested.split(/[\\/]/).pop() ?? '').replace(/[\p{Cc}:*?"<>|]/gu, '').trim();
  const stem = base.replace(/\.[^.]*$/, '').replace(/^\.+/, '');
  return stem ? `${stem}.pdf` : DEFAULT_PDF_NAME;
}

function checkRequest(request: unknown): PrintPdfRequest {
  const { html, fileName } = (request ?? {}) as Partial<Record<keyof PrintPdfRequest, unknown>>;
  if (typeof html !== 'string' || html.length === 0) {
    throw new BridgeFailure('invalid-argument', 'The report HTML is missing or empty; build the report again and retry.');
  }
  if (html.length > MAX_REPORT_HTML_LENGTH) {
    throw new BridgeFailure('invalid-argument', `The report HTML has ${html.length} characters, more than the limit of ${MAX_REPORT_HTML_LENGTH}.`);
  }
  if (typeof fileName !== 'string') {
    throw new BridgeFailure('invalid-argument', `File name ${JSON.stringify(fileName)} is invalid; pass a string.`);
  }
  return { html, fileName };
}

// Each print points the print session's request filter at its own folder. Prints run one at a
// time, because a second print would otherwise cancel the requests of the first one's page.
let printing: Promise<unknown> = Promise.resolve();

async function renderPdf(html: string, tempRoot: string): Promise<Uint8Array> {
  const folder = await mkdtemp(join(tempRoot, 'custody-report-'));
  let window: BrowserWindow | null = null;
  try {
    const page = join(folder, 'report.html');
    await writeFile(page, html, 'utf8');
    applySessionPolicy(session.fromPartition(PRINT_PARTITION), { distDir: folder, dev: false });
    window = new BrowserWindow(printWindowOptions());
    await window.loadFile(page);
    return await window.webContents.printToPDF({ printBackground: true });
  } finally {
    window?.destroy();
    await rm(folder, { recursive: true, force: true });
  }
}

export interface ReportHandlerContext {
  readonly isAllowed: SenderCheck;
  /** Parent window of the save dialog, or null for a free-standing dialog. */
  readonly window: () => BrowserWindow | null;
  /** Folder in which the temporary report page is written. Defaults to the operating system's temp folder. */
  readonly tempRoot?: () => string;
}

/** Shows the save dialog, prints the report and writes the PDF to the chosen path. Prints nothing when the dialog is canceled. */
export async function printReportToPdf(request: unknown, context: Omit<ReportHandlerContext, 'isAllowed'>): Promise<PrintPdfResult> {
  const { html, fileName } = checkRequest(request);
  const options: SaveDialogOptions = {
    title: 'Save Report as PDF',
    defaultPath: pdfFileName(fileName),
    filters: [{ name: 'PDF document', extensions: ['pdf'] }],
  };
  const parent = context.window();
  const picked = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (picked.canceled || !picked.filePath) return { canceled: true };

  const tempRoot = context.tempRoot?.() ?? tmpdir();
  const run = printing.then(() => renderPdf(html, tempRoot));
  printing = run.catch(() => undefined);
  const pdf = await run;
  await writeFile(picked.filePath, pdf);
  logInfo('report: saved the case report as PDF', { path: picked.filePath, bytes: pdf.length });
  return { canceled: false, path: picked.filePath };
}

export function registerReportHandlers({ isAllowed, ...context }: ReportHandlerContext): void {
  handle('report:print-pdf', isAllowed, (request) => printReportToPdf(request, context));
}
