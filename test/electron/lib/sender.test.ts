import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../electron/lib/sender';

const trusted = { webContentsIds: new Set([3]), distDir: '/app/dist' };
const page = 'file:///app/dist/index.html';

describe('isTrustedSender', () => {
  it('accepts the top frame of our window on the app page', () => {
    expect(isTrustedSender({ webContentsId: 3, frameUrl: page, isTopFrame: true }, trusted)).toBe(true);
  });

  it('rejects another window', () => {
    expect(isTrustedSender({ webContentsId: 4, frameUrl: page, isTopFrame: true }, trusted)).toBe(false);
  });

  it('rejects a subframe', () => {
    expect(isTrustedSender({ webContentsId: 3, frameUrl: page, isTopFrame: false }, trusted)).toBe(false);
  });

  it('rejects a remote or foreign page', () => {
    expect(isTrustedSender({ webContentsId: 3, frameUrl: 'https://example.com/', isTopFrame: true }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 3, frameUrl: 'file:///tmp/evil.html', isTopFrame: true }, trusted)).toBe(false);
  });

  it('rejects a frame that is gone', () => {
    expect(isTrustedSender({ webContentsId: 3, frameUrl: null, isTopFrame: false }, trusted)).toBe(false);
  });
});
