import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

const require = createRequire(import.meta.url);
/**
 * The one tfjs-backend-wasm binary a browser loads (see src/tfjs-wasm.browser.ts);
 * it travels in dist/ so browser bundlers can emit it. Node loads the binaries
 * from tfjs-backend-wasm's own folder; convkit's own kernels are embedded in the JS.
 */
const TFJS_WASM_BROWSER = ['tfjs-backend-wasm-simd.wasm'];

/**
 * The browser build's swap: a relative import `./x` resolves to `./x.browser.ts`
 * where that file exists (src/tfjs-wasm.browser.ts, src/node-worker.browser.ts).
 */
const browserVariants: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'convkit-browser-variants',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const variant = `${resolve(args.resolveDir, args.path)}.browser.ts`;
      return existsSync(variant) ? { path: variant } : undefined;
    });
  },
};

export default defineConfig([
  {
    // Node (and default): ESM + CJS + types.
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    // Leaves the browser build's files to it (the two builds run side by side).
    clean: ['!index.browser.*', '!*.wasm'],
    target: 'es2022',
    shims: true,
  },
  {
    // Browser (`exports` condition `browser`): ESM, no Node built-in; same types.
    entry: { 'index.browser': 'src/index.ts' },
    format: ['esm'],
    platform: 'browser',
    sourcemap: true,
    clean: false,
    target: 'es2022',
    esbuildPlugins: [browserVariants],
    async onSuccess() {
      const dir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
      mkdirSync('dist', { recursive: true });
      for (const f of TFJS_WASM_BROWSER) copyFileSync(join(dir, f), join('dist', f));
    },
  },
]);
