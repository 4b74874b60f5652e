// app:info: the app's name, version and runtime.

import { app } from 'electron';
import { handle, type SenderCheck } from './channels';

export function registerAppHandlers(isAllowed: SenderCheck): void {
  handle('app:info', isAllowed, () => ({
    name: app.getName(),
    version: app.getVersion(),
    platform: process.platform,
    arch: process.arch,
    electronVersion: process.versions.electron ?? '',
    chromeVersion: process.versions.chrome ?? '',
  }));
}
