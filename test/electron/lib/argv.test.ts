import { describe, expect, it } from 'vitest';
import { parseOpenPaths } from '../../../electron/lib/argv';

const cwd = '/home/analyst/cases';

describe('parseOpenPaths', () => {
  it('reads paths after the packaged executable', () => {
    const argv = ['/opt/Custody/custody-app', '/evidence/bundle.zip', 'logs/session.jsonl'];
    expect(parseOpenPaths({ argv, defaultApp: false, cwd })).toEqual([
      '/evidence/bundle.zip',
      '/home/analyst/cases/logs/session.jsonl',
    ]);
  });

  it('skips the app path when run as electron <app>', () => {
    const argv = ['/node_modules/electron/dist/electron', '.', '/evidence/case-1'];
    expect(parseOpenPaths({ argv, defaultApp: true, cwd })).toEqual(['/evidence/case-1']);
  });

  it('skips switches before the app path', () => {
    const argv = ['/electron', '--inspect=9229', '.', '--no-sandbox', '/evidence/a.jsonl'];
    expect(parseOpenPaths({ argv, defaultApp: true, cwd })).toEqual(['/evidence/a.jsonl']);
  });

  it('ignores Chromium switches a second instance forwards', () => {
    const argv = ['/opt/Custody/custody-app', '--allow-file-access-from-files', '--original-process-start-time=1', 'b.zip'];
    expect(parseOpenPaths({ argv, defaultApp: false, cwd })).toEqual(['/home/analyst/cases/b.zip']);
  });

  it('treats arguments after -- as paths', () => {
    const argv = ['/opt/Custody/custody-app', '--', '--odd-name.jsonl'];
    expect(parseOpenPaths({ argv, defaultApp: false, cwd })).toEqual(['/home/analyst/cases/--odd-name.jsonl']);
  });

  it('converts file URLs from desktop launchers', () => {
    const argv = ['/opt/Custody/custody-app', 'file:///evidence/with%20space.zip'];
    expect(parseOpenPaths({ argv, defaultApp: false, cwd })).toEqual(['/evidence/with space.zip']);
  });

  it('drops duplicates and empty arguments', () => {
    const argv = ['/opt/Custody/custody-app', 'a.zip', '', './a.zip'];
    expect(parseOpenPaths({ argv, defaultApp: false, cwd })).toEqual(['/home/analyst/cases/a.zip']);
  });

  it('returns nothing without arguments', () => {
    expect(parseOpenPaths({ argv: ['/opt/Custody/custody-app'], defaultApp: false, cwd })).toEqual([]);
    expect(parseOpenPaths({ argv: ['/electron', '.'], defaultApp: true, cwd })).toEqual([]);
  });
});
