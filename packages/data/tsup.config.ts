import { defineConfig } from 'tsup';

export default defineConfig({
  // index: browser-safe main entry; node: file-system loaders; mnist: the embedded digits.
  entry: ['src/index.ts', 'src/node.ts', 'src/mnist.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  // Shared chunks in CJS too, so ImageDataset is one class whichever entry created it.
  splitting: true,
  target: 'es2022',
});
