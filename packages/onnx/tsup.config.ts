import { defineConfig } from 'tsup';

export default defineConfig({
  // index: browser-safe export to bytes; node: the atomic file writer (node:fs).
  entry: ['src/index.ts', 'src/node.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true,
  target: 'es2022',
});
