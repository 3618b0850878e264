/**
 * Publishes the demo beside the docs: copies apps/demo/dist (a static site
 * with relative asset URLs, built by turbo before the docs) into
 * .vitepress/dist/demo/, where the site's "Demo" link points. The built site
 * is then one folder that works from any static host and sub-path.
 */
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const demoDist = fileURLToPath(new URL('../../apps/demo/dist/', import.meta.url));
const target = fileURLToPath(new URL('../.vitepress/dist/demo/', import.meta.url));

if (!existsSync(`${demoDist}index.html`)) {
  console.error(
    'docs: apps/demo/dist/index.html is missing; build the demo first (`pnpm docs:build` does: turbo builds ' +
      "the docs' dependencies, the demo among them).",
  );
  process.exit(1);
}
rmSync(target, { recursive: true, force: true });
cpSync(demoDist, target, { recursive: true });
console.log('docs: the demo is published at <site>/demo/ (from apps/demo/dist)');
