// Lint: the recommended JS and TypeScript rules, no type-aware rules (they cost minutes on 2 cores),
// and the stage rule (eslint/stage-boundaries.js).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import stages from './eslint/stage-boundaries.js';

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'dist/', 'test-artifacts/', 'bench/out/', 'coverage/', '**/*.wasm'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        performance: 'readonly',
        fetch: 'readonly',
        document: 'readonly',
        window: 'readonly',
        WebAssembly: 'readonly',
        structuredClone: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        queueMicrotask: 'readonly',
        SharedArrayBuffer: 'readonly',
        Atomics: 'readonly',
        globalThis: 'readonly',
        crypto: 'readonly',
        location: 'readonly',
        history: 'readonly',
        localStorage: 'readonly',
        sessionStorage: 'readonly',
        HTMLElement: 'readonly',
        HTMLSelectElement: 'readonly',
        HTMLInputElement: 'readonly',
        FormData: 'readonly',
        Blob: 'readonly',
        EventSource: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  // The stage table of docs/architecture.md: which stage may import which, and only through index.ts.
  {
    files: ['src/**/*.ts', 'web/src/**/*.ts'],
    plugins: { stages },
    rules: { 'stages/stage-boundaries': 'error' },
  },
);
