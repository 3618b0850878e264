/**
 * The public entry points of the workspace packages, discovered from
 * packages/*\/package.json (each `exports` key; `./dist/X.js` maps to
 * `src/X.ts`). Used by the API generator (api.mjs) and by the runnable
 * examples' worker (every browser entry point is bundled into it).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const docsDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(docsDir, '..');
export const packagesDir = join(repoRoot, 'packages');

/** Entry points that exist only in Node or are far too big for a page (kept in sync with .vitepress/runnable/compile.ts). */
const NODE_ONLY = new Set(['@convkit/cli', '@convkit/data/node', '@convkit/data/mnist', '@convkit/tune/node']);

/** Public packages in packages/*: `{ dir, pkg }`. */
export function workspacePackages() {
  return readdirSync(packagesDir)
    .sort()
    .filter((dir) => existsSync(join(packagesDir, dir, 'package.json')))
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')) }))
    .filter(({ pkg }) => !pkg.private);
}

/**
 * The ESM file an `exports` target resolves to outside the browser: a string,
 * or the `import` → `default` path through the `node`/`default` conditions
 * (the browser build, `index.browser.js`, has the same API and source types).
 */
function importTarget(target) {
  if (typeof target === 'string') return target;
  if (target === null || typeof target !== 'object') return undefined;
  for (const condition of ['node', 'import', 'default']) {
    if (condition in target) {
      const found = importTarget(target[condition]);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Every public entry point: `{ specifier, dir, file, browser }`, `file` its source,
 * `browser` false for the Node-only ones.
 */
export function entryPoints() {
  const entries = [];
  for (const { dir, pkg } of workspacePackages()) {
    for (const [key, target] of Object.entries(pkg.exports ?? { '.': pkg.module ?? pkg.main })) {
      if (key === './package.json') continue;
      const built = importTarget(target);
      const m = /^\.\/dist\/(.+)\.(?:c|m)?js$/.exec(built ?? '');
      if (!m) throw new Error(`docs: cannot map ${pkg.name} export "${key}" (${built}) to a source file`);
      const file = join(packagesDir, dir, 'src', `${m[1]}.ts`);
      if (!existsSync(file))
        throw new Error(`docs: ${pkg.name} export "${key}" has no source ${relative(repoRoot, file)}`);
      const specifier = key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`;
      entries.push({ specifier, dir, file, browser: !NODE_ONLY.has(specifier) && !specifier.endsWith('/node') });
    }
  }
  return entries;
}

/**
 * Fails when a package is not a dependency of @convkit/docs: turbo builds only
 * the docs' dependencies before the docs, and the examples' worker imports
 * their dist/.
 */
export function checkDocsDependencies() {
  const docsPkg = JSON.parse(readFileSync(join(docsDir, 'package.json'), 'utf8'));
  const missing = workspacePackages()
    .map(({ pkg }) => pkg.name)
    .filter((name) => !docsPkg.dependencies?.[name]);
  if (missing.length > 0)
    throw new Error(
      `docs: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in docs/package.json "dependencies"; ` +
        `add ${missing.map((n) => `"${n}": "workspace:^"`).join(', ')} (and run pnpm install) so that turbo builds ` +
        'them before the docs and the runnable examples can import them.',
    );
}
