// Lint, including the layer rules: shared is pure, renderer and electron never
// import each other. A violation fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noElectronOrNode = [
  { group: ['electron', 'electron/*'], message: 'shared/ is pure: no Electron.' },
  { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'url', 'stream', 'zlib', 'worker_threads'], message: 'shared/ is pure: no Node modules.' },
  { group: ['**/renderer/**', '**/electron/**', 'react', 'react-dom', 'dexie', 'zustand', 'recharts'], message: 'shared/ imports nothing from the app layers or UI libraries.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-artifacts/**', 'bench-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: noElectronOrNode }],
      // Some library typings (papaparse) pull Node's globals into shared's
      // type check, so the compiler alone does not keep them out.
      'no-restricted-globals': ['error', ...['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate', 'window', 'document', 'localStorage', 'indexedDB']
        .map((name) => ({ name, message: 'shared/ is pure: no Node or DOM globals; take what the host provides as a parameter.' }))],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'electron/*'], message: 'The renderer talks to the host only through renderer/platform.' },
        { group: ['**/electron/**'], message: 'renderer/ never imports electron/.' },
        { group: ['node:*', 'fs', 'path', 'child_process'], message: 'The renderer runs in a browser: no Node modules.' },
      ] }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/renderer/**'], message: 'electron/ never imports renderer/.' },
      ] }],
    },
  },
  {
    files: ['test/**/*.{ts,tsx,mjs,js}', 'build/**/*.{mjs,js}', '*.config.{ts,js}', '.ci/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
