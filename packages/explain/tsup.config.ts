import { defineConfig } from 'tsup';

export default defineConfig({
  // index: browser-safe attribution methods and rendering; node: the PNG writer (fast-png, node:fs).
  entry: ['src/index.ts', 'src/node.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true,
  target: 'es2022',
});
