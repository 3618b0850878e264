import { defineConfig } from 'tsup';

export default defineConfig({
  // index: search spaces, samplers, pruners, studies, cross-validation (browser-safe);
  // node: file and Redis storage, worker-thread parallel trials (node:fs, node:worker_threads).
  entry: ['src/index.ts', 'src/node.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true,
  target: 'es2022',
});
