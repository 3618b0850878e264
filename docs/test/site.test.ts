/**
 * The built docs site (docs/.vitepress/dist, from `pnpm docs:build` or the
 * turbo build that `pnpm test` runs) in headless Chromium (Debian's, found by
 * scripts/tools/find.mjs; never a downloaded one), served by a tiny static
 * server on a free port under the base the site was built with (DOCS_BASE):
 * - no dead internal link in any built page (VitePress already fails the build
 *   on dead Markdown links; this also covers the theme's and TypeDoc's hrefs);
 * - the guides and a sample of API pages render without console errors;
 * - the local search finds "Conv2D";
 * - every ```ts run``` example runs to completion in its page and prints.
 * Screenshots of the home page, a guide and an API page go to test-output/screenshots/.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/tools/find.mjs';
import { serveStatic } from '../../scripts/tools/static-server.mjs';

const docsDir = fileURLToPath(new URL('..', import.meta.url));
const dist = join(docsDir, '.vitepress', 'dist');
const screenshots = join(docsDir, '..', 'test-output', 'screenshots');

/** Every file under `dir`, relative to it, with '/' separators. */
function files(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

/** The base the site was built with, read from the app script of its home page (`/`, `/convkit/`…). */
function builtBase(): string {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const m = /<script type="module" src="([^"]*?)assets\/app\.[\w-]+\.js"/.exec(html);
  if (!m) throw new Error('site test: cannot find the base path in dist/index.html');
  return m[1];
}

let browser: Browser | undefined;
let server: Server | undefined;
let site = '';
let base = '/';
let htmlPages: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(dist, 'index.html')))
    throw new Error(
      `site test: ${relative(process.cwd(), dist)} is missing; build the site first (\`pnpm docs:build\`).`,
    );
  const chromiumLookup = findChromium();
  if (chromiumLookup.path === undefined)
    throw new Error(
      `site test: ${chromiumLookup.problem}. Run \`node scripts/ensure-test-tools.mjs\` or set CONVKIT_CHROMIUM.`,
    );
  base = builtBase();
  // The demo (copied into demo/ by the build) is another app, tested by apps/demo/test; links into it are checked.
  htmlPages = files(dist).filter((f) => f.endsWith('.html') && f !== '404.html' && !f.startsWith('demo/'));
  // unknown paths get the site's 404 page with status 404
  const served = await serveStatic(dist, { base, notFoundPage: join(dist, '404.html') });
  server = served.server;
  site = served.url;
  browser = await chromium.launch({
    executablePath: chromiumLookup.path,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  mkdirSync(screenshots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
});

/** A page whose console errors, page errors and failed requests are collected in `problems`. */
async function openPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    // Leaving a page aborts VitePress's prefetches of the pages it links to: not a failure.
    const why = r.failure()?.errorText ?? '';
    if (why !== 'net::ERR_ABORTED') problems.push(`requestfailed: ${r.url()} ${why}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { page, problems };
}

describe('docs site (built, in headless Chromium)', () => {
  it('has no dead internal links', () => {
    const existing = new Set(files(dist));
    const ids = new Map<string, Set<string>>();
    const idsOf = (file: string) => {
      let set = ids.get(file);
      if (!set) {
        const html = readFileSync(join(dist, file), 'utf8');
        set = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
        ids.set(file, set);
      }
      return set;
    };
    const dead: string[] = [];
    let checked = 0;
    for (const from of htmlPages) {
      const html = readFileSync(join(dist, from), 'utf8');
      for (const [, raw] of html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)) {
        const href = raw.replace(/&amp;/g, '&');
        if (/^(?:[a-z]+:|\/\/)/i.test(href) || href === '') continue; // external, mailto:, javascript:
        const url = new URL(href, `http://site${base}${from}`);
        if (!url.pathname.startsWith(base)) {
          dead.push(`${from}: ${href} (outside the base ${base})`);
          continue;
        }
        const path = decodeURIComponent(url.pathname.slice(base.length));
        checked++;
        const target = path === '' || path.endsWith('/') ? `${path}index.html` : path;
        if (!existing.has(target)) {
          dead.push(`${from}: ${href}`);
          continue;
        }
        const hash = decodeURIComponent(url.hash.slice(1));
        if (hash && target.endsWith('.html') && !idsOf(target).has(hash)) dead.push(`${from}: ${href} (no #${hash})`);
      }
    }
    expect(checked).toBeGreaterThan(htmlPages.length);
    expect(dead, `dead internal links:\n${dead.slice(0, 40).join('\n')}`).toEqual([]);
  });

  it('renders the guides and a sample of API pages without console errors', { timeout: 80_000 }, async () => {
    const api = htmlPages.filter((p) => p.startsWith('api/'));
    // Every package's index page, plus the first page of each kind (classes, functions…) in the whole reference.
    const firstOfKind = new Map<string, string>();
    for (const p of api.sort()) {
      const kind = /\/(classes|functions|interfaces|type-aliases|variables|namespaces)\//.exec(p)?.[1];
      if (kind && !firstOfKind.has(kind)) firstOfKind.set(kind, p);
    }
    const sample = [...new Set([...api.filter((p) => p.endsWith('/index.html')), ...firstOfKind.values()])];
    const toVisit = [...htmlPages.filter((p) => !p.startsWith('api/')), ...sample];
    expect(toVisit).toEqual(expect.arrayContaining(['index.html', 'guide/index.html', 'api/index.html']));
    // Two tabs share the list (Chromium renders in its own processes; halves the wall time).
    const tabs = await Promise.all([openPage(), openPage()]);
    const queue = [...toVisit];
    await Promise.all(
      tabs.map(async ({ page, problems }) => {
        for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
          await page.goto(`${site}${path}`, { waitUntil: 'domcontentloaded' });
          // Hydrated: Vue has mounted the app over the server-rendered HTML.
          await page.waitForFunction(() => '__vue_app__' in (document.getElementById('app') ?? {}), undefined, {
            timeout: 15_000,
          });
          expect(await page.locator('.VPContent').count(), `${path} shows content`).toBe(1);
          expect(await page.title(), `${path} has a title`).toMatch(/convkit/);
          expect(problems, `${path} renders without errors`).toEqual([]);
        }
      }),
    );
    await tabs[1].page.close();
    const { page, problems } = tabs[0];
    try {
      await page.goto(`${site}index.html`);
      await page.screenshot({ path: join(screenshots, 'docs-home.png') });
      await page.goto(`${site}guide/index.html`);
      await page.screenshot({ path: join(screenshots, 'docs-guide.png') });
      const conv2d = api.find((p) => p.endsWith('/classes/Conv2D.html')) ?? sample[0];
      await page.goto(`${site}${conv2d}`);
      await page.screenshot({ path: join(screenshots, 'docs-api.png') });
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('finds "Conv2D" with the local search', { timeout: 30_000 }, async () => {
    const { page, problems } = await openPage();
    try {
      await page.goto(site);
      await page.click('#local-search button');
      const input = page.locator('.VPLocalSearchBox input');
      await input.fill('Conv2D');
      const first = page.locator('.VPLocalSearchBox .results .result').first();
      await first.waitFor({ timeout: 15_000 });
      const titles = await page.locator('.VPLocalSearchBox .results .result .titles').allInnerTexts();
      expect(
        titles.some((t) => t.includes('Conv2D')),
        `search results: ${titles.slice(0, 5).join(' | ')}`,
      ).toBe(true);
      // Choosing the result opens a page about Conv2D.
      await first.click();
      await page.waitForURL(/Conv2D/i, { timeout: 10_000 });
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('runs every ts run example in its page', { timeout: 80_000 }, async () => {
    const withExamples = htmlPages.filter((p) => readFileSync(join(dist, p), 'utf8').includes('class="ck-run"'));
    expect(withExamples, 'pages with runnable examples').toContain('guide/index.html');
    const { page, problems } = await openPage();
    let ran = 0;
    try {
      for (const path of withExamples) {
        await page.goto(`${site}${path}`);
        const examples = page.locator('.ck-run');
        const count = await examples.count();
        for (let i = 0; i < count; i++) {
          const example = examples.nth(i);
          await example.locator('.ck-run-button').click();
          await page.waitForFunction(
            (el) => ['done', 'error'].includes(el?.getAttribute('data-status') ?? ''),
            await example.elementHandle(),
            { timeout: 30_000 },
          );
          const output = (await example.locator('.ck-run-output').textContent()) ?? '';
          const note = (await example.locator('.ck-run-note').textContent()) ?? '';
          expect(await example.getAttribute('data-status'), `${path}, run block ${i + 1}:\n${output}`).toBe('done');
          expect(output.trim().length, `${path}, run block ${i + 1} prints something`).toBeGreaterThan(0);
          expect(note).toMatch(/Web Worker on the wasm backend/);
          ran++;
        }
      }
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
    expect(ran).toBeGreaterThan(0);
  });
});
