#!/usr/bin/env node
/**
 * Proves that every publishable package works when installed from its packed
 * tarball into an empty project: `pnpm pack`, `npm install` the tarball (plus
 * the tarballs of the convkit packages it depends on), then import it with
 * both ESM `import` and CJS `require`. Also checks that a package pulls in no
 * convkit package it does not declare (e.g. @convkit/data must not bring
 * @convkit/layers). Needs the packages built (`pnpm build`).
 *
 * Usage: node scripts/pack-smoke.mjs [package-dir-name ...]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packPackage, publishablePackages } from './tools/packages.mjs';

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
  const row = { package: pkg.name, install: 'ok', esm: 'ok', cjs: 'ok', extra: '' };
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
      row.extra = `unexpected: ${unexpected.join(', ')}`;
      failed++;
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
    row.extra = String(err.stderr ?? err).slice(0, 300);
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
