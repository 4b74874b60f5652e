import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/samples';

interface BuilderConfig {
  appId?: string;
  productName?: string;
  asar?: boolean;
  files?: string[];
  directories?: { output?: string };
  publish?: unknown;
  fileAssociations?: { ext?: string; name?: string; role?: string }[];
  linux?: { target?: string[] };
  win?: { target?: string[] };
  mac?: { target?: string[] };
}

const config = parse(readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(config.appId).toBe('dev.custody.app');
    expect(config.productName).toBe('Custody');
  });

  it('packages only the build output into an asar', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(['dist/**', 'dist-electron/**', 'package.json']);
    expect(config.directories?.output).toBe('release');
  });

  it('publishes nothing', () => {
    expect(config).toHaveProperty('publish');
    expect(config.publish).toBeNull();
  });

  it('builds the installers of each platform', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis', 'portable']);
    expect(config.mac?.target).toEqual(['dmg']);
  });

  it('associates .custody case files', () => {
    expect(config.fileAssociations).toHaveLength(1);
    expect(config.fileAssociations![0]).toMatchObject({ ext: 'custody', name: 'Custody case', role: 'Viewer' });
  });
});
