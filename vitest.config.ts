import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import sibling packages from source, so `vitest` needs no prior build;
// the pack smoke test (scripts/pack-smoke.mjs) checks the built tarballs.
const packagesDir = fileURLToPath(new URL('./packages', import.meta.url));
const alias = [
  // `@convkit/data/node` → packages/data/src/node (subpath entries)
  { find: /^@convkit\/([\w-]+)\/([\w/-]+)$/, replacement: `${packagesDir}/$1/src/$2.ts` },
  ...readdirSync(packagesDir).map((name) => ({
    find: new RegExp(`^@convkit/${name}$`),
    replacement: `${packagesDir}/${name}/src/index.ts`,
  })),
];

export default defineConfig({
  resolve: { alias },
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'apps/*/test/**/*.test.ts',
      'test/**/*.test.ts',
      'docs/test/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The once-per-process "train on wasm instead of cpu" hint is tested on its own (core.test.ts).
    env: { CONVKIT_BACKEND_HINT: '0' },
  },
});
