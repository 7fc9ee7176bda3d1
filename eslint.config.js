import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'test-results/', 'playwright-report/', '.bench/', 'data/', '**/*.tmp.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['entrypoints/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
    },
  },
  {
    // The pure folders' import rules are in .dependency-cruiser.cjs; WXT's auto-imported `browser`
    // global (and the other storage globals) need no import, so they are caught here.
    files: ['lib/{detect,value,templates,reminders,nba,pipelines,segments,outreach,cadences}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['browser', 'chrome', 'indexedDB', 'localStorage', 'sessionStorage'].map((name) => ({
          name,
          message: 'This folder decides and does no I/O: read and write in lib/db or lib/settings and pass the data in.',
        })),
      ],
    },
  },
  {
    // A plain live query re-runs after every page of a first sync; the sync status hooks stay
    // plain on purpose (the progress line must move, and they read one meta row).
    files: ['components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}'],
    ignores: ['components/sync/{use-held-live-query,use-sync-status,use-sync-settings,use-membership}.ts', 'components/sync/SyncStatusLine.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'dexie-react-hooks',
              importNames: ['useLiveQuery'],
              message: 'Use useHeldLiveQuery (components/sync/use-held-live-query.ts): it holds during a many-page first sync instead of re-running after every page.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  {
    // Tool configuration that must be CommonJS (.dependency-cruiser.cjs).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
  {
    // Command-line tools and tests print their results.
    files: ['tools/**', 'test/**', 'server/**'],
    rules: { 'no-console': 'off' },
  },
);
