// Lint rules. The layer table lives here: shared/ is pure (no DOM, Node, Electron or UI
// libraries) so that it runs in the import worker, the renderer and the command line alike.

import tseslint from 'typescript-eslint';

// tsconfig.shared.json compiles shared/ without DOM or Node typings, which rejects most uses of
// those APIs; this list also catches the globals that would slip through as `any`.
const DOM_AND_NODE_GLOBALS = [
  'window', 'document', 'self', 'globalThis', 'navigator', 'location', 'history', 'alert', 'confirm',
  'localStorage', 'sessionStorage', 'indexedDB', 'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource',
  'Worker', 'Blob', 'File', 'FileReader', 'DecompressionStream', 'CompressionStream', 'ReadableStream',
  'crypto', 'performance', 'setTimeout', 'setInterval', 'requestAnimationFrame',
  'process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate',
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dist-electron', 'dist-cli', 'release', 'test/fixtures/**/*.js', 'bench/out'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/renderer/**', '**/electron/**', '**/cli/**', '**/test/**'], message: 'shared/ must not import from the other layers.' },
          { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'electron', 'react', 'react-dom', 'dexie', 'd3', 'd3-*'], message: 'shared/ uses no Node, Electron, DOM or UI library.' },
        ],
      }],
      'no-restricted-globals': ['error', ...DOM_AND_NODE_GLOBALS.map((name) => ({ name, message: `shared/ must not use the runtime global "${name}".` }))],
      'no-console': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/electron/**', '**/cli/**', 'electron', 'node:*'], message: 'renderer/ imports only shared/ and its own folders; the bridge is the way to main.' },
        ],
      }],
    },
  },
  {
    files: ['cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**', '**/electron/**', 'electron'], message: 'cli/ imports only shared/.' }] }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/renderer/**', '**/cli/**'], message: 'electron/ imports only shared/.' }],
        // Every channel goes through the typed wrappers, so its types come from shared/bridge.ts.
        paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Use the typed helpers in electron/ipc/channels.ts (main) or electron/preload.ts.' }],
      }],
    },
  },
  {
    files: ['electron/ipc/channels.ts', 'electron/preload.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**', '**/cli/**'], message: 'electron/ imports only shared/.' }] }],
    },
  },
);
