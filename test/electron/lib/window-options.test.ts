import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../electron/lib/window-options';

describe('mainWindowOptions', () => {
  const production = mainWindowOptions({ preloadPath: '/app/dist-electron/preload.cjs', dev: false }).webPreferences!;

  it('isolates and sandboxes the page', () => {
    expect(production.contextIsolation).toBe(true);
    expect(production.sandbox).toBe(true);
    expect(production.nodeIntegration).toBe(false);
    expect(production.nodeIntegrationInWorker).toBe(false);
    expect(production.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security and disables webview and spellcheck', () => {
    expect(production.webSecurity).toBe(true);
    expect(production.allowRunningInsecureContent).toBe(false);
    expect(production.webviewTag).toBe(false);
    expect(production.spellcheck).toBe(false);
    expect(production.navigateOnDragDrop).toBe(false);
  });

  it('uses the given preload script', () => {
    expect(production.preload).toBe('/app/dist-electron/preload.cjs');
  });

  it('enables developer tools only in dev', () => {
    expect(production.devTools).toBe(false);
    expect(mainWindowOptions({ preloadPath: '/p', dev: true }).webPreferences!.devTools).toBe(true);
  });
});
