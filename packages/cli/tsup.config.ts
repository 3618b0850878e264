import { defineConfig } from 'tsup';

export default defineConfig({
  // tune-objective: the module convkit tune's worker threads load (optimizeParallel).
  entry: ['src/index.ts', 'src/bin.ts', 'src/tune-objective.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: ['src/index.ts'] },
  sourcemap: true,
  clean: true,
  splitting: true,
  // import.meta.url (where tune finds tune-objective.js) in the CommonJS build too.
  shims: true,
  target: 'es2022',
});
