/**
 * The publishable packages of the workspace and `pnpm pack` for one of them.
 * pnpm 9's `pnpm -r pack` is not a command (`Unknown option: 'recursive'`), so
 * packing every package means packing each one in its folder, as here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Every non-private package under packages/: name → `{ dir, pkg }` (pkg is its package.json). */
export function publishablePackages() {
  const pkgsDir = join(repoRoot, 'packages');
  const all = new Map();
  for (const dir of readdirSync(pkgsDir).sort()) {
    const file = join(pkgsDir, dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    if (pkg.private) continue;
    all.set(pkg.name, { dir: join(pkgsDir, dir), pkg });
  }
  return all;
}

/** Runs `pnpm pack` in `dir` into `destination`; returns the tarball's path. */
export function packPackage(dir, destination) {
  const out = execFileSync('pnpm', ['pack', '--pack-destination', destination], { cwd: dir, encoding: 'utf8' });
  return out.trim().split('\n').pop().trim();
}
