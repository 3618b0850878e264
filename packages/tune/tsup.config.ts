import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // index: search spaces, samplers, pruners, studies, cross-validation (browser-safe);
    // node: file and Redis storage, worker-thread parallel trials (node:fs, node:worker_threads).
    entry: ['src/index.ts', 'src/node.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: true,
    // import.meta.url (where optimizeParallel finds parallel-worker.js) in the CommonJS build too.
    shims: true,
    target: 'es2022',
  },
  {
    // The worker threads' entry of optimizeParallel: ESM only (it imports the user's objective
    // module, ESM or CommonJS), loaded by path from the ESM and the CommonJS builds alike.
    entry: { 'parallel-worker': 'src/parallel/thread-worker.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'es2022',
  },
]);
