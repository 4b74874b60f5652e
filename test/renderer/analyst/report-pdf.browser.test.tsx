// The "Save as PDF" button of the case view: shown only with the desktop bridge, and sending the
// report HTML to main.

import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CustodyBridge, PrintPdfRequest, PrintPdfResult } from '../../../shared/bridge';
import { CaseView } from '../../../renderer/views/case/CaseView';

let root: Root | null = null;
let host: HTMLElement | null = null;

async function mount(): Promise<HTMLElement> {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  root.render(<CaseView />);
  await vi.waitFor(() => expect(host!.querySelector('section[aria-label="Export"]')).not.toBeNull());
  return host;
}

function installBridge(result: PrintPdfResult) {
  const printReportToPdf = vi.fn(async (_request: PrintPdfRequest) => ({ ok: true as const, value: result }));
  Object.defineProperty(window, 'custody', { value: { printReportToPdf } as Partial<CustodyBridge>, configurable: true });
  return printReportToPdf;
}

const pdfButton = (element: HTMLElement) => [...element.querySelectorAll('button')].find((button) => button.textContent === 'Save as PDF…');

afterEach(async () => {
  root?.unmount();
  host?.remove();
  root = null;
  delete (window as { custody?: unknown }).custody;
});

describe('case view PDF export', () => {
  it('hides the button without the bridge', async () => {
    const element = await mount();
    expect(element.textContent).toContain('Save HTML report…');
    expect(pdfButton(element)).toBeUndefined();
  });

  it('sends the report HTML to main', async () => {
    const print = installBridge({ canceled: false, path: '/cases/case-report.pdf' });
    const element = await mount();
    pdfButton(element)!.click();
    await vi.waitFor(() => expect(element.querySelector('[data-testid="export-status"]')?.textContent).toBe('Saved /cases/case-report.pdf.'), { timeout: 10_000 });
    expect(print).toHaveBeenCalledOnce();
    const request = print.mock.calls[0]![0];
    expect(request.html.startsWith('<!doctype html>')).toBe(true);
    expect(request.html).toContain('Content-Security-Policy');
    expect(request.fileName).toMatch(/-report\.html$/);
  });

  it('reports a canceled save', async () => {
    installBridge({ canceled: true });
    const element = await mount();
    pdfButton(element)!.click();
    await vi.waitFor(() => expect(element.querySelector('[data-testid="export-status"]')?.textContent).toBe('Saving the PDF was canceled.'), { timeout: 10_000 });
  });
});
