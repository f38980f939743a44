// Lint, and above all the layering rules that keep the architecture from rotting:
// core knows nothing of Electron, React, the DOM, hosts or the renderer; the renderer never reaches into main
// except the shared contract; the contract depends on nothing but zod, and the renderer ships no zod.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

/** A module of the core other than its entry points (core/app, core/dispatch). */
const CORE_BEYOND_ENTRY = '(^|/)core/(?!(app|dispatch)$)';

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  // Type-aware rules on the TypeScript sources: a promise nobody awaits loses its error (an unhandled rejection, or a
  // failure the user never hears of), and a promise handed to something that ignores it (an event handler) does too.
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's test() and describe() return promises its runner awaits itself.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', name: ['test', 'describe', 'it', 'suite'], package: 'node:test' }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // A missing dependency is a stale value on screen: an error, not a warning that scrolls by.
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'],
    rules: { 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src-main/core/**'],
    rules: restrict(
      ['electron', 'electron/*', 'react', 'react/*', 'react-dom', 'react-dom/*', 'lexical', '@lexical/*', '**/hosts/**', '**/src-renderer/**', '**/src-preload/**'],
      'The core must not depend on Electron, React, Lexical, hosts, the renderer or the preload.',
    ),
  },
  {
    files: ['src-main/contract/**'],
    rules: restrict(
      ['electron', 'react', 'lexical', 'better-sqlite3', 'node:*', '**/core/**', '**/hosts/**', '**/src-renderer/**', '**/src-preload/**'],
      'The contract is pure code shared by both sides: only zod.',
    ),
  },
  {
    files: ['src-renderer/**'],
    rules: restrict(
      ['electron', 'better-sqlite3', 'node:*', '**/src-main/core/**', '**/src-main/hosts/**', '**/src-preload/**'],
      'The renderer talks to main only through the contract (src-main/contract) and the api module.',
    ),
  },
  // The renderer ships no zod (main validates every call; zod's eval probe trips the renderer's CSP): it may import the
  // contract's schemas and call table for their types only, and takes the call names from contract/callNames.
  {
    files: ['src-renderer/**', 'src-preload/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['zod', 'zod/*', '**/contract/calls', '**/contract/schemas'],
              allowTypeImports: true,
              message: 'The renderer and preload ship no zod: import types only (names from contract/callNames).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-preload/**'],
    rules: restrict(['**/src-main/core/**', '**/src-main/hosts/**', '**/src-renderer/**', 'better-sqlite3'], 'The preload only forwards contract calls.'),
  },
  // Hosts translate transport to contract calls: they reach the core through its entry points only (core/app,
  // core/dispatch), so no host opens a store or runs a change of its own beside the commands. Only the Electron host
  // may import Electron.
  {
    files: ['src-main/hosts/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: CORE_BEYOND_ENTRY, message: 'Hosts reach the core through core/app (and core/dispatch) only.' }] }],
    },
  },
  {
    files: ['src-main/hosts/cli/**', 'src-main/hosts/web/**', 'src-main/hosts/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*', '**/hosts/electron/**'], message: 'Only the Electron host may import Electron.' },
            { regex: CORE_BEYOND_ENTRY, message: 'Hosts reach the core through core/app (and core/dispatch) only.' },
          ],
        },
      ],
    },
  },
);
