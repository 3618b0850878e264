import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'tsup';

const require = createRequire(import.meta.url);
const TFJS_WASM = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  shims: true,
  // tfjs-backend-wasm's binaries travel in dist/ so browser bundlers can emit them
  // (see src/tfjs-wasm.ts); convkit's own kernels are embedded in the JS.
  async onSuccess() {
    const dir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
    mkdirSync('dist', { recursive: true });
    for (const f of TFJS_WASM) copyFileSync(join(dir, f), join('dist', f));
  },
});
