// Typed wrappers around ipcMain. The other main-process files register handlers and send events
// only through these, so every channel's types come from shared/bridge.ts and every request
// passes the sender check.

import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type {
  BridgeResult,
  EventChannel,
  EventContract,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
} from '../../shared/bridge';
import { toBridgeError } from '../lib/errors';
import { logError, logWarningOnce } from '../lib/log';
import { isTrustedSender, type TrustedSenders } from '../lib/sender';

/** Returns true when a request may be served. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/** Builds a sender check against the app's windows and dist folder. */
export function senderCheck(trusted: TrustedSenders): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    return isTrustedSender(
      { webContentsId: event.sender.id, frameUrl: frame?.url ?? null, isTopFrame: frame?.parent === null },
      trusted,
    );
  };
}

type Handler<C extends InvokeChannel> = (request: InvokeRequest<C>) => InvokeResponse<C> | Promise<InvokeResponse<C>>;

/** Serves one request channel. Failures resolve as `{ ok: false, error }`, never as a rejection. */
export function handle<C extends InvokeChannel>(channel: C, isAllowed: SenderCheck, handler: Handler<C>): void {
  ipcMain.handle(channel, async (event, request: InvokeRequest<C>): Promise<BridgeResult<InvokeResponse<C>>> => {
    if (!isAllowed(event)) {
      logWarningOnce(`ipc: ${channel} from untrusted frame ${event.senderFrame?.url ?? '(gone)'} rejected`);
      const error = { name: 'BridgeFailure', message: `${channel} is only served to the app's own page.`, code: 'untrusted-sender' } as const;
      return { ok: false, error };
    }
    try {
      return { ok: true, value: await handler(request) };
    } catch (thrown) {
      const error = toBridgeError(thrown);
      if (error.code === 'internal') logError(`ipc: ${channel} failed`, { error: thrown });
      return { ok: false, error };
    }
  });
}

/** Sends one event to a page, unless the page is already gone. */
export function send<C extends EventChannel>(contents: WebContents, channel: C, payload: EventContract[C]): void {
  if (!contents.isDestroyed()) contents.send(channel, payload);
}
