import { describe, expect, it, vi } from 'vitest';
import {
  denyNavigation,
  denyPermissionCheck,
  denyPermissionRequest,
  denyWebviewAttach,
  denyWindowOpen,
} from '../../../electron/lib/guards';

vi.spyOn(console, 'warn').mockImplementation(() => {});

describe('guards', () => {
  it('prevents navigation', () => {
    const event = { preventDefault: vi.fn() };
    denyNavigation(event, 'https://example.com/');
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('denies new windows', () => {
    expect(denyWindowOpen({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('prevents webview attach', () => {
    const event = { preventDefault: vi.fn() };
    denyWebviewAttach(event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])(
    'refuses permission request %s',
    (permission) => {
      const callback = vi.fn();
      denyPermissionRequest({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    },
  );

  it('fails every permission check', () => {
    expect(denyPermissionCheck()).toBe(false);
  });
});
