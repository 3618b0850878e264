import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { budgetPlugin, workerBudgetPlugin } from './build/budget.ts';
import { digitsPlugin } from './build/digits.ts';

/** Headers that make the page cross-origin isolated (SharedArrayBuffer → wasm kernels on threads). */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// `vite` and `vite preview` serve the page isolated; the test also serves dist/ without the headers.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative asset URLs: the build works from any sub-path (the docs site publishes it at /demo/).
  base: './',
  plugins: [digitsPlugin(), budgetPlugin()],
  // The worker's build reports which of its chunks load on demand, for the budget.
  worker: { format: 'es', plugins: () => [workerBudgetPlugin()] },
  // Pre-bundling would break backend-wasm's `new URL('./x.wasm', import.meta.url)` in the dev server.
  optimizeDeps: { exclude: ['@convkit/backend-wasm'] },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
});
