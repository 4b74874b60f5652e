import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, CHANNELS, EVENT_METHODS, INVOKE_METHODS, type CustodyBridge, type OpenRequest } from '../../shared/bridge';

type Listener = (event: unknown, payload: unknown) => void;

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Listener[]>();
  return {
    listeners,
    exposeInMainWorld: vi.fn(),
    invoke: vi.fn(async (channel: string, request: unknown) => ({ ok: true, value: { channel, request } })),
    on: vi.fn((channel: string, listener: Listener) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    }),
  };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: electron.exposeInMainWorld },
  ipcRenderer: { invoke: electron.invoke, on: electron.on, send: vi.fn(), sendSync: vi.fn() },
}));

function emit(channel: string, payload: unknown): void {
  for (const listener of electron.listeners.get(channel) ?? []) listener({ sender: 'ipc event' }, payload);
}

let bridge: CustodyBridge;

beforeAll(async () => {
  await import('../../electron/preload');
  expect(electron.exposeInMainWorld).toHaveBeenCalledOnce();
  bridge = electron.exposeInMainWorld.mock.calls[0]![1] as CustodyBridge;
});

describe('preload', () => {
  it('exposes the bridge as window.custody', () => {
    expect(electron.exposeInMainWorld.mock.calls[0]![0]).toBe(BRIDGE_GLOBAL);
    expect(BRIDGE_GLOBAL).toBe('custody');
  });

  it('exposes exactly the bridge methods', () => {
    const expected = [...Object.keys(INVOKE_METHODS), ...Object.keys(EVENT_METHODS)].sort();
    expect(Object.keys(bridge).sort()).toEqual(expected);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('calls one channel per request method', async () => {
    for (const [method, channel] of Object.entries(INVOKE_METHODS)) {
      electron.invoke.mockClear();
      const call = bridge[method as keyof typeof INVOKE_METHODS] as (request?: unknown) => Promise<unknown>;
      await call({ marker: method });
      expect(electron.invoke).toHaveBeenCalledExactlyOnceWith(channel, { marker: method });
    }
  });

  it('exposes report printing on report:print-pdf', async () => {
    expect(INVOKE_METHODS.printReportToPdf).toBe('report:print-pdf');
    expect(CHANNELS).toContain('report:print-pdf');
    electron.invoke.mockClear();
    await bridge.printReportToPdf({ html: '<p>report</p>', fileName: 'case-report.html' });
    expect(electron.invoke).toHaveBeenCalledExactlyOnceWith('report:print-pdf', { html: '<p>report</p>', fileName: 'case-report.html' });
  });

  it('listens on every event channel', () => {
    const subscribed = electron.on.mock.calls.map(([channel]) => channel).sort();
    expect(subscribed).toEqual(Object.values(EVENT_METHODS).sort());
  });

  it('uses only channels declared in the bridge', () => {
    const used = new Set([...electron.on.mock.calls.map(([channel]) => channel), ...Object.values(INVOKE_METHODS)]);
    for (const channel of used) expect(CHANNELS).toContain(channel);
  });

  it('queues open requests without listeners', () => {
    const early: OpenRequest = { source: 'command-line', bundles: [], failures: [] };
    const late: OpenRequest = { source: 'second-instance', bundles: [], failures: [] };
    emit('bundle:did-request-open', early);

    const received: unknown[] = [];
    const unsubscribe = bridge.onDidRequestOpen((request) => received.push(request));
    expect(received).toEqual([early]);

    emit('bundle:did-request-open', late);
    expect(received).toEqual([early, late]);

    unsubscribe();
    const whileUnsubscribed: OpenRequest = { source: 'menu', bundles: [], failures: [] };
    emit('bundle:did-request-open', whileUnsubscribed);
    expect(received).toEqual([early, late]);

    const next: unknown[] = [];
    bridge.onDidRequestOpen((request) => next.push(request))();
    expect(next).toEqual([whileUnsubscribed]);
  });

  it('hides the Electron event from listeners', () => {
    const received: unknown[][] = [];
    const unsubscribe = bridge.onDidRequestOpen((...args: unknown[]) => received.push(args));
    emit('bundle:did-request-open', { source: 'menu', bundles: [], failures: [] });
    unsubscribe();
    expect(received).toEqual([[{ source: 'menu', bundles: [], failures: [] }]]);
  });
});
