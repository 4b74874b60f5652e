// Decides whether an IPC message comes from our page: the top frame of one of our windows,
// showing a file from the app's dist folder. Messages from anything else (a frame the page
// embedded, a page that navigated despite the guards, another window) are rejected.

import { isAppFileUrl } from './request-filter';

export interface SenderInfo {
  /** webContents id of the sender. */
  readonly webContentsId: number;
  /** URL of the sending frame, or null when the frame is gone. */
  readonly frameUrl: string | null;
  /** True when the sending frame is the top frame of its page. */
  readonly isTopFrame: boolean;
}

export interface TrustedSenders {
  readonly webContentsIds: ReadonlySet<number>;
  readonly distDir: string;
}

export function isTrustedSender(sender: SenderInfo, trusted: TrustedSenders): boolean {
  return (
    trusted.webContentsIds.has(sender.webContentsId) &&
    sender.isTopFrame &&
    sender.frameUrl !== null &&
    isAppFileUrl(sender.frameUrl, trusted.distDir)
  );
}
