import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

/**
 * The browser build's swap: a relative import `./x` resolves to `./x.browser.ts`
 * where that file exists (src/platform.browser.ts: no `node:fs`, no `webgpu` package).
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
    clean: ['!index.browser.*'],
    target: 'es2022',
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
  },
]);
