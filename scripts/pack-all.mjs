#!/usr/bin/env node
/**
 * Packs every publishable package into one folder, the tarballs `npm publish`
 * would upload (workspace: versions replaced by real ones). pnpm 9 has no
 * `pnpm -r pack`; this is the command for it. Needs the packages built.
 *
 * Usage: pnpm pack:all [--out DIR]   (default: ./packs)
 */
import { mkdirSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { packPackage, publishablePackages } from './tools/packages.mjs';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'packs' } } });
const out = resolve(process.cwd(), values.out);
mkdirSync(out, { recursive: true });
const rows = [];
for (const [name, { dir, pkg }] of publishablePackages()) {
  const tgz = packPackage(dir, out);
  rows.push({
    package: name,
    version: pkg.version,
    tarball: basename(tgz),
    kB: (statSync(tgz).size / 1024).toFixed(1),
  });
}
console.table(rows);
console.log(`pack:all: ${rows.length} tarballs in ${out}`);
