// The app's name and version as case files and reports record them, read from package.json at
// build time.

import packageJson from '../../package.json';

export const APP = { name: packageJson.name, version: packageJson.version } as const;
