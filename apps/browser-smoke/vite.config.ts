import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Headers that make the page cross-origin isolated (SharedArrayBuffer, threads). */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Absolute path of a page of this app. */
function page(name: string): string {
  return fileURLToPath(new URL(name, import.meta.url));
}

// `vite` / `vite preview` serve isolated pages; the test serves dist/ itself, with and without.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    // index.html: the wasm smoke run; webgpu.html: the cpu-vs-webgpu training parity check.
    rollupOptions: { input: { index: page('index.html'), webgpu: page('webgpu.html') } },
  },
  server: { headers: isolation },
  preview: { headers: isolation },
});
