// Locks down the session and every web page the app creates: requests other than the app's own
// files are cancelled, the content security policy is set on responses, and navigation, new
// windows, <webview> and permissions are denied.

import type { Session, WebContents } from 'electron';
import { withContentSecurityPolicy } from './lib/csp';
import {
  denyNavigation,
  denyPermissionCheck,
  denyPermissionRequest,
  denyWebviewAttach,
  denyWindowOpen,
} from './lib/guards';
import { logWarningOnce } from './lib/log';
import { isRequestAllowed, type RequestPolicy } from './lib/request-filter';

export function applySessionPolicy(session: Session, policy: RequestPolicy): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isRequestAllowed(details.url, policy);
    if (!allowed) logWarningOnce(`security: request to ${details.url} cancelled`);
    callback({ cancel: !allowed });
  });
  // NOTE: Chromium may deliver file: responses without running this hook; the meta tag in
  // renderer/index.html carries the same policy for that case.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });

  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.setDevicePermissionHandler(denyPermissionCheck);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  // The spellchecker would download its dictionaries from a remote server.
  session.setSpellCheckerEnabled(false);
}

export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => denyNavigation(event, event.url));
  contents.on('will-frame-navigate', (event) => denyNavigation(event, event.url));
  contents.on('will-redirect', (event) => denyNavigation(event, event.url));
  contents.on('will-attach-webview', (event) => denyWebviewAttach(event));
  contents.setWindowOpenHandler(denyWindowOpen);
}
