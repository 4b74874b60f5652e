// Handlers that deny what the app page must never do: navigate away, open windows, attach a
// <webview>, or gain a browser permission. Each denial is logged once per kind and target, so
// a hostile record that retries in a loop cannot flood the log.

import type { WindowOpenHandlerResponse } from 'electron';
import { logWarningOnce } from './log';

interface Preventable {
  preventDefault(): void;
}

/** 'will-navigate', 'will-frame-navigate' and 'will-redirect': the page stays where it is. */
export function denyNavigation(event: Preventable, url: string): void {
  event.preventDefault();
  logWarningOnce(`guards: navigation to ${url} denied`);
}

/** setWindowOpenHandler: window.open and target=_blank links open nothing. */
export function denyWindowOpen(details: { readonly url: string }): WindowOpenHandlerResponse {
  logWarningOnce(`guards: new window for ${details.url} denied`);
  return { action: 'deny' };
}

/** 'will-attach-webview': <webview> is disabled in the window options as well. */
export function denyWebviewAttach(event: Preventable): void {
  event.preventDefault();
  logWarningOnce('guards: <webview> attach denied');
}

/** setPermissionRequestHandler: every permission request is refused. */
export function denyPermissionRequest(
  _webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
): void {
  logWarningOnce(`guards: permission "${permission}" denied`);
  callback(false);
}

/** setPermissionCheckHandler and setDevicePermissionHandler: every check returns false. */
export function denyPermissionCheck(): boolean {
  return false;
}
