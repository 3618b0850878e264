import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // tfjs-core ships its gradient registrations only as extension-less ESM
  // files, which neither Node's ESM loader nor require() can load: bundle them.
  noExternal: [/^@tensorflow\/tfjs-core\/dist\/register_all_gradients/],
});
