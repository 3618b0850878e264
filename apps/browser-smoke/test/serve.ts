/**
 * Static file server and Chromium launch shared by the browser-smoke tests:
 * a built `dist/` served on 127.0.0.1 (a secure context, as WebGPU needs),
 * optionally cross-origin isolated, and the Chromium `scripts/tools/find.mjs`
 * finds (never a downloaded one).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { findChromium } from '../../../scripts/tools/find.mjs';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/** Flags every test launches Chromium with: no sandbox (containers), no network chatter. */
export const BASE_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Serves `root` on 127.0.0.1 at a random port.
 *
 * @param root - Folder to serve (paths outside it get 403).
 * @param isolated - Adds COOP/COEP, making the page cross-origin isolated.
 * @returns The server (close it when done) and its base URL.
 */
export async function serve(root: string, isolated: boolean): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      const headers: Record<string, string> = {
        'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
      };
      if (isolated) {
        headers['Cross-Origin-Opener-Policy'] = 'same-origin';
        headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
      }
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/` };
}

/**
 * Launches the Chromium that `findChromium` finds, headless.
 *
 * @param what - The test's name, for the error message.
 * @param args - Flags added to {@link BASE_CHROMIUM_ARGS}.
 * @throws Error saying how to get a Chromium when there is none (the tests never skip).
 */
export async function launchChromium(what: string, args: string[]): Promise<Browser> {
  const found = findChromium();
  if (found.path === undefined) {
    throw new Error(
      `${what}: ${found.problem}. Run \`node scripts/ensure-test-tools.mjs\` (pnpm test does) to install one, ` +
        'or point CONVKIT_CHROMIUM at a Chromium binary. This test does not skip.',
    );
  }
  return chromium.launch({ executablePath: found.path, args: [...BASE_CHROMIUM_ARGS, ...args] });
}
