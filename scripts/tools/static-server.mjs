/**
 * The static file server of the browser tests (the demo, the docs site, the
 * browser-smoke pages): a built folder served on 127.0.0.1 at a random port —
 * a secure context, as WebGPU needs — optionally cross-origin isolated
 * (COOP/COEP, so the wasm kernels may use threads) and under a base path.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * Serves `root` on 127.0.0.1. A path ending in `/` serves its `index.html`; paths
 * outside `root` get 403, paths outside `base` and missing files 404 (with the
 * `notFoundPage` file as body when given). Responses are never cached.
 *
 * @param {string} root - The folder to serve.
 * @param {{ isolated?: boolean; base?: string; notFoundPage?: string }} [options] -
 *   `isolated` adds COOP/COEP; `base` (default `/`) is the path the folder is served under;
 *   `notFoundPage` is a file sent with every 404.
 * @returns {Promise<{ server: import('node:http').Server; origin: string; url: string }>}
 *   The server (close it when done), its origin and the URL of `base`.
 */
export async function serveStatic(root, options = {}) {
  const { isolated = false, base = '/', notFoundPage } = options;
  const notFound = async (res) => {
    const body = notFoundPage === undefined ? 'not found' : await readFile(notFoundPage);
    res.writeHead(404, { 'Content-Type': MIME['.html'] }).end(body);
  };
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(base)) return void (await notFound(res));
    const rel = path.slice(base.length);
    const file = normalize(join(root, rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel));
    if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return void res.writeHead(403).end();
    let body;
    try {
      body = await readFile(file);
    } catch {
      return void (await notFound(res));
    }
    const headers = { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' };
    if (isolated) {
      headers['Cross-Origin-Opener-Policy'] = 'same-origin';
      headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
    }
    res.writeHead(200, headers).end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { server, origin, url: `${origin}${base}` };
}
