/**
 * Generates the API reference (docs/api/, gitignored) from the TSDoc of every
 * public entry point of every package in packages/*: TypeDoc reads each
 * package's `exports` map (`./dist/node.js` → `src/node.ts`), so a new package
 * or a new subpath entry is documented without touching this file.
 *
 * One TypeDoc module per entry point, named like the import specifier
 * (`@convkit/core`, `@convkit/data/node`); with typedoc-plugin-markdown's
 * `excludeScopesInPaths` the pages land at `/api/<package>/…` and
 * `/api/<package>/<subpath>/…` (see docs/README.md for the URL scheme).
 *
 * Run by the docs `build` and `dev` scripts; `node scripts/api.mjs` alone
 * regenerates it.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, Converter, ReflectionKind } from 'typedoc';
import { checkDocsDependencies, entryPoints } from './entry-points.mjs';

const docsDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(docsDir, '..');
const packagesDir = join(repoRoot, 'packages');
const outDir = join(docsDir, 'api');
const cacheDir = join(docsDir, 'node_modules', '.cache', 'convkit-api');

/** A tsconfig for the whole workspace whose `paths` resolve `@convkit/*` to the sources, so cross-package types link. */
function writeTsconfig(entries) {
  const paths = {};
  for (const { specifier, file } of entries) paths[specifier] = [file];
  mkdirSync(cacheDir, { recursive: true });
  const tsconfig = join(cacheDir, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify(
      {
        extends: join(repoRoot, 'tsconfig.base.json'),
        compilerOptions: { noEmit: true, paths },
        include: [...new Set(entries.map((e) => join(packagesDir, e.dir, 'src')))],
      },
      null,
      2,
    ),
  );
  return tsconfig;
}

async function main() {
  const started = performance.now();
  checkDocsDependencies();
  const entries = entryPoints();
  const bySource = new Map(entries.map((e) => [e.file, e.specifier]));
  const app = await Application.bootstrapWithPlugins({
    entryPoints: entries.map((e) => e.file),
    entryPointStrategy: 'resolve',
    tsconfig: writeTsconfig(entries),
    plugin: ['typedoc-plugin-markdown', 'typedoc-vitepress-theme'],
    out: outDir,
    docsRoot: docsDir,
    name: 'convkit API',
    readme: 'none',
    entryFileName: 'index',
    excludeScopesInPaths: true,
    excludePrivate: true,
    excludeProtected: true,
    excludeInternal: true,
    // tidy, tensor4d, ops.conv2d… are tfjs-core's, re-exported: documented with tfjs-core's own comments.
    excludeExternals: false,
    skipErrorChecking: true,
    disableGit: true,
    sourceLinkTemplate: 'https://github.com/convkit/convkit/blob/main/{path}#L{line}',
    displayBasePath: repoRoot,
    hidePageHeader: true,
    hideBreadcrumbs: false,
    useCodeBlocks: true,
    expandObjects: false,
    parametersFormat: 'table',
    interfacePropertiesFormat: 'table',
    classPropertiesFormat: 'table',
    typeDeclarationFormat: 'table',
    sidebar: { autoConfiguration: true, format: 'vitepress', pretty: true, collapsed: true },
    validation: { notExported: false, invalidLink: true, invalidPath: true, rewrittenLink: true },
    logLevel: 'Warn',
  });
  // Modules are named after their import specifier, not their path (core/src → @convkit/core).
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (_context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module)) return;
    for (const [file, specifier] of bySource) {
      const rel = relative(repoRoot, file)
        .replace(/\.ts$/, '')
        .replace(/\/index$/, '');
      if (reflection.name === rel) reflection.name = specifier;
    }
  });
  // Re-exported tfjs-core symbols: name the npm file, with no (dead) link into this repository.
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    for (const reflection of Object.values(context.project.reflections)) {
      for (const source of reflection.sources ?? []) {
        const inPackage = /[\\/]node_modules[\\/](?!.*[\\/]node_modules[\\/])(.*)$/.exec(source.fullFileName);
        if (!inPackage) continue;
        source.url = undefined;
        source.fileName = inPackage[1].replaceAll('\\', '/');
      }
    }
  });
  const project = await app.convert();
  if (!project) throw new Error('api: TypeDoc could not convert the packages (see the messages above)');
  await app.generateOutputs(project);
  const pages = countPages(outDir);
  console.log(
    `api: ${entries.length} entry points → ${pages} pages in ${relative(repoRoot, outDir)}/ (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}

function countPages(dir) {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) n += countPages(join(dir, entry.name));
    else if (entry.name.endsWith('.md')) n++;
  }
  return n;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
