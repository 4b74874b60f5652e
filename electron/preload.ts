// Preload script of the main window. It runs sandboxed, so esbuild bundles it as CommonJS with
// 'electron' as its only import. It exposes exactly the methods of CustodyBridge on
// window.custody, one function per channel. The page gets no generic invoke or send, and
// listeners never see Electron's event object.

import { contextBridge, ipcRenderer } from 'electron';
import {
  BRIDGE_GLOBAL,
  EVENT_METHODS,
  INVOKE_METHODS,
  type BridgeResult,
  type CustodyBridge,
  type EventChannel,
  type EventContract,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type Unsubscribe,
} from '../shared/bridge';

// Events that arrive while the page has no listener wait here for the next listener. Paths from
// the command line arrive this way, before the page subscribes. Past this many, the oldest are
// dropped.
const MAX_QUEUED_EVENTS = 100;

function invoker<C extends InvokeChannel>(channel: C) {
  return (request?: InvokeRequest<C>): Promise<BridgeResult<InvokeResponse<C>>> =>
    ipcRenderer.invoke(channel, request);
}

function subscriber<C extends EventChannel>(channel: C) {
  type Payload = EventContract[C];
  const listeners = new Set<(payload: Payload) => void>();
  const queued: Payload[] = [];

  ipcRenderer.on(channel, (_event, payload: Payload) => {
    if (listeners.size === 0) {
      if (queued.length === MAX_QUEUED_EVENTS) queued.shift();
      queued.push(payload);
      return;
    }
    for (const listener of listeners) listener(payload);
  });

  return (listener: (payload: Payload) => void): Unsubscribe => {
    listeners.add(listener);
    for (const payload of queued.splice(0)) listener(payload);
    return () => {
      listeners.delete(listener);
    };
  };
}

const bridge: CustodyBridge = {
  getAppInfo: invoker(INVOKE_METHODS.getAppInfo),
  openBundleDialog: invoker(INVOKE_METHODS.openBundleDialog),
  readChunk: invoker(INVOKE_METHODS.readChunk),
  releaseFiles: invoker(INVOKE_METHODS.releaseFiles),
  openLocalLogs: invoker(INVOKE_METHODS.openLocalLogs),
  printReportToPdf: invoker(INVOKE_METHODS.printReportToPdf),
  onDidRequestOpen: subscriber(EVENT_METHODS.onDidRequestOpen),
  onRunCommand: subscriber(EVENT_METHODS.onRunCommand),
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
