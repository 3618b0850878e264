import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

/**
 * The browser build's swap: a relative import `./x` resolves to `./x.browser.ts`
 * where that file exists (the stand-ins of Node-only modules, e.g.
 * src/models/io/node-fs.browser.ts).
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

/** The browser build's shared chunks: emptied when that build starts (the Node build's clean spares them). */
const BROWSER_CHUNKS = 'browser-chunks';
const freshBrowserChunks: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'convkit-fresh-browser-chunks',
  setup(build) {
    build.onStart(() => {
      rmSync(resolve('dist', BROWSER_CHUNKS), { recursive: true, force: true });
    });
  },
};

export default defineConfig([
  {
    // Node (and default): ESM + CJS + types. `keras` is the `@convkit/layers/keras` entry (its
    // zip/HDF5 readers load only there); the code both entries use is in shared chunks (`splitting`),
    // so a model that `loadKerasModel` returns is an instance of the main entry's classes.
    entry: ['src/index.ts', 'src/keras.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    splitting: true,
    // Leaves the browser build's files to it (the two builds run side by side).
    clean: ['!index.browser.*', '!keras.browser.*', `!${BROWSER_CHUNKS}/**`],
    target: 'es2022',
  },
  {
    // Browser (`exports` condition `browser`): ESM, no Node built-in; same types.
    entry: { 'index.browser': 'src/index.ts', 'keras.browser': 'src/keras.ts' },
    format: ['esm'],
    platform: 'browser',
    // Shared chunks as in the Node build, in their own folder so the Node build's clean spares them.
    splitting: true,
    esbuildOptions(options) {
      options.chunkNames = `${BROWSER_CHUNKS}/[name]-[hash]`;
    },
    sourcemap: true,
    clean: false,
    target: 'es2022',
    esbuildPlugins: [browserVariants, freshBrowserChunks],
  },
]);
