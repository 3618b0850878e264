/**
 * Bundles a test fixture with the sources of the convkit packages (esbuild, the bundler tsup
 * runs on) into one CommonJS file that a child process or worker thread can run. npm packages
 * stay outside the bundle; the child finds them through NODE_PATH ({@link childEnv}).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const packagesDir = join(here, '..', '..', '..');

interface EsbuildPlugin {
  name: string;
  setup(build: { onResolve(o: { filter: RegExp }, cb: (a: { path: string }) => { path: string }): void }): void;
}
interface Esbuild {
  build(options: Record<string, unknown> & { plugins: EsbuildPlugin[] }): Promise<unknown>;
}

/**
 * Bundles `entry` into `outfile` (CommonJS).
 *
 * @param entry - The TypeScript entry.
 * @param outfile - The bundle to write.
 * @param format - `cjs` (default; npm packages found through NODE_PATH) or `esm`.
 */
export async function bundle(entry: string, outfile: string, format: 'cjs' | 'esm' = 'cjs'): Promise<void> {
  const require = createRequire(import.meta.url);
  const esbuild = createRequire(require.resolve('tsup'))('esbuild') as Esbuild;
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format,
    // CommonJS dependencies bundled into an ES module still call require('util').
    ...(format === 'esm'
      ? {
          banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
        }
      : {}),
    target: 'node20',
    outfile,
    logLevel: 'error',
    // tfjs's backends register themselves on import although their packages say sideEffects: false.
    ignoreAnnotations: true,
    external: ['bullmq', 'ioredis'],
    plugins: [
      {
        name: 'convkit-sources',
        setup(build) {
          build.onResolve({ filter: /^@convkit\/[\w-]+$/ }, (a) => ({
            path: join(packagesDir, a.path.slice('@convkit/'.length), 'src', 'index.ts'),
          }));
        },
      },
    ],
  });
}

/** The environment of a child that runs a bundle: the tune package's node_modules on NODE_PATH. */
export function childEnv(): NodeJS.ProcessEnv {
  const modules = join(packagesDir, 'tune', 'node_modules');
  return { ...process.env, NODE_PATH: modules };
}
