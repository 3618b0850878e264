#!/usr/bin/env node
/**
 * Builds `.gpu/` (ignored by git): everything that `scripts/gpu/run.sh` needs to run the webgpu
 * benchmarks on the lent GPU machine, which has no Node.js, no node_modules and no network.
 *
 *   node scripts/gpu/bundle.mjs [--no-build]
 *
 * `.gpu/` then holds (about 41 MiB; the device tool carries at most 64 MiB with the working tree):
 * - `node.gz`: this machine's Node binary (stripped when `strip` exists), gzip-compressed;
 * - `app.tar.gz`: an esbuild bundle of bench/webgpu-train.mjs, bench/webgpu-profile.mjs and
 *   scripts/gpu/probe.mjs with all their imports (tfjs, the convkit packages' dist), the
 *   tfjs-backend-wasm `.wasm` files beside it (the wasm row; convkit's own wasm kernels are inlined
 *   in its JS), and `node_modules/webgpu` with only its JS and the linux-x64 `dawn.node`;
 * - `debs/`: the Vulkan/GL loader packages (libvulkan1 …) from `apt-get download`, which run.sh
 *   unpacks with `dpkg -x` (the device README's recipe);
 * - `manifest.json` and `SHA256SUMS`: versions, sizes and sha256 of the above.
 *
 * Then, in a session lent a GPU, one device `run` call (see docs/guide/webgpu.md, "Measuring on a
 * real GPU"):
 *   command: bash scripts/gpu/run.sh     carry: [".gpu"]     timeout_s: 560
 *
 * --no-build: skip `pnpm turbo run build` of the packages the benches import (default: build; it
 * is a cache hit when nothing changed).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { constants, createGzip } from 'node:zlib';

const root = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(root, '.gpu');
const MAX_MIB = 55;
/** The packages the bundled scripts import from their dist folders. */
const PACKAGES = ['backend-webgpu', 'backend-wasm', 'layers', 'optim', 'core'];
/** The device README's loader packages (Debian, amd64). */
const DEBS = ['libvulkan1', 'libegl1', 'libglvnd0', 'libopengl0', 'libgl1', 'libglx0', 'libgles2'];
const ENTRIES = ['bench/webgpu-train.mjs', 'bench/webgpu-profile.mjs', 'scripts/gpu/probe.mjs'];

const log = (msg) => console.log(`bundle: ${msg}`);
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Fails with a message that says what to do. */
function fail(msg) {
  console.error(`bundle: FAILED: ${msg}`);
  process.exit(1);
}

/** Runs a command, inheriting stdio; fails with `why` when it exits non-zero. */
function run(cmd, args, opts = {}, why = `${cmd} ${args.join(' ')}`) {
  try {
    execFileSync(cmd, args, { stdio: 'inherit', ...opts });
  } catch (err) {
    fail(`${why}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** sha256 of a file, hex. */
function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** gzip -9 of `src` into `dest`. */
async function gzipFile(src, dest) {
  await pipeline(createReadStream(src), createGzip({ level: constants.Z_BEST_COMPRESSION }), createWriteStream(dest));
}

/** Total size of the files under `dir`. */
function duSize(dir) {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? duSize(p) : statSync(p).size;
  }
  return total;
}

if (process.platform !== 'linux' || process.arch !== 'x64') {
  fail(
    `the GPU machine is linux-x64 and this Node is ${process.platform}-${process.arch}: bundle on a linux-x64 machine`,
  );
}

// 1. Build the packages the benches import (turbo: a cache hit when nothing changed).
if (!process.argv.includes('--no-build')) {
  const filters = PACKAGES.map((p) => `--filter=@convkit/${p}...`);
  run('pnpm', ['turbo', 'run', 'build', ...filters], { cwd: root }, 'building the packages');
}
for (const p of PACKAGES) {
  if (!existsSync(join(root, 'packages', p, 'dist/index.js'))) {
    fail(`packages/${p}/dist/index.js is missing: run pnpm turbo run build --filter=@convkit/${p}...`);
  }
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const stage = mkdtempSync(join(tmpdir(), 'convkit-gpu-bundle-'));
const app = join(stage, 'app');

// 2. esbuild: the root does not depend on it, tsup (the packages' bundler) does.
const requireFromTsup = createRequire(createRequire(join(root, 'package.json')).resolve('tsup'));
const esbuild = requireFromTsup('esbuild');
const backendWebgpu = join(root, 'packages/backend-webgpu');
const requireFromWebgpu = createRequire(join(backendWebgpu, 'package.json'));
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: ENTRIES.map((e) => join(root, e)),
  outdir: app,
  outbase: root,
  entryNames: '[name]',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // No code splitting: a split-off CommonJS module reached by import() exposes only a default export
  // (tfjs-backend-webgpu's WebGPUBackend would be undefined); inlined, import() gets Node's named exports.
  splitting: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Plain Node runs every import: keep the side-effect imports that packages' "sideEffects" fields
  // would let esbuild drop (core's import of tfjs-backend-cpu, which registers the cpu backend).
  ignoreAnnotations: true,
  // Dawn's loader finds dawn.node beside its own index.js: it travels as a package (step 4).
  external: ['webgpu'],
  // CommonJS dependencies (tfjs-backend-wasm's emscripten loader) use require and __dirname, which
  // an ES module lacks; __dirname is then the bundle's folder, where the .wasm files are copied.
  banner: {
    js: [
      "import { createRequire as __ckCreateRequire } from 'node:module';",
      "import { dirname as __ckDirname } from 'node:path';",
      "import { fileURLToPath as __ckFileURLToPath } from 'node:url';",
      'const require = __ckCreateRequire(import.meta.url);',
      'const __filename = __ckFileURLToPath(import.meta.url);',
      'const __dirname = __ckDirname(__filename);',
    ].join('\n'),
  },
  logLevel: 'warning',
  metafile: true,
});
if (result.errors.length) fail('esbuild reported errors (above)');
const inputs = Object.keys(result.metafile.inputs);
log(`bundled ${ENTRIES.join(', ')}: ${inputs.length} modules, ${mib(duSize(app))} of JS`);

// 3. tfjs-backend-wasm's binaries, beside the bundle (its Node loader reads them from __dirname).
const tfjsWasmDir = join(
  dirname(
    createRequire(join(root, 'packages/backend-wasm/package.json')).resolve(
      '@tensorflow/tfjs-backend-wasm/package.json',
    ),
  ),
  'dist',
);
for (const f of readdirSync(tfjsWasmDir).filter((n) => n.endsWith('.wasm'))) {
  copyFileSync(join(tfjsWasmDir, f), join(app, f));
}

// 4. The webgpu package: its JS and the linux-x64 Dawn only (the other platforms' binaries stay).
const webgpuDir = dirname(requireFromWebgpu.resolve('webgpu/package.json'));
const webgpuPkg = JSON.parse(readFileSync(join(webgpuDir, 'package.json'), 'utf8'));
const webgpuOut = join(app, 'node_modules/webgpu');
mkdirSync(join(webgpuOut, 'dist/linux-x64'), { recursive: true });
for (const f of ['package.json', 'index.js', 'LICENSE.md']) {
  if (existsSync(join(webgpuDir, f))) copyFileSync(join(webgpuDir, f), join(webgpuOut, f));
}
const dawn = join(webgpuDir, 'dist/linux-x64/dawn.node');
if (!existsSync(dawn)) fail(`${dawn} is missing (pnpm install --frozen-lockfile installs the webgpu package)`);
copyFileSync(dawn, join(webgpuOut, 'dist/linux-x64/dawn.node'));
const importsOfIndex = [...readFileSync(join(webgpuDir, 'index.js'), 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)]
  .map((m) => m[1])
  .filter((s) => !s.startsWith('node:') && !['path', 'url', 'module', 'fs', 'os'].includes(s));
if (importsOfIndex.length) fail(`webgpu's index.js imports ${importsOfIndex.join(', ')}, which the bundle lacks`);
run('tar', ['-czf', join(OUT, 'app.tar.gz'), '-C', stage, 'app'], {}, 'packing app.tar.gz');

// 5. Node: this machine's binary, stripped of symbols when strip exists (a third smaller), gzipped.
const nodeCopy = join(stage, 'node');
try {
  execFileSync('strip', ['-o', nodeCopy, process.execPath], { stdio: 'ignore' });
  log(`node: ${process.execPath} (${process.version}), stripped`);
} catch {
  copyFileSync(process.execPath, nodeCopy);
  log(`node: ${process.execPath} (${process.version}), not stripped (no strip)`);
}
const nodeCheck = execFileSync(nodeCopy, ['-e', 'process.stdout.write(process.version)'], { encoding: 'utf8' });
if (nodeCheck !== process.version) fail(`the stripped node answered ${nodeCheck}, not ${process.version}`);
const libs = execFileSync('ldd', [nodeCopy], { encoding: 'utf8' });
await gzipFile(nodeCopy, join(OUT, 'node.gz'));

// 6. The Vulkan/GL loaders (Debian packages; the device README's list), downloaded with apt-get.
const debDir = join(OUT, 'debs');
mkdirSync(debDir, { recursive: true });
const lists = mkdtempSync(join(tmpdir(), 'convkit-gpu-apt-'));
mkdirSync(join(lists, 'partial'));
const apt = [
  '-oAPT::Architecture=amd64',
  '-oAPT::Architectures=amd64',
  `-oDir::State::Lists=${lists}`,
  // as root, apt's _apt user cannot write into the worktree: download as the caller, without the warning
  '-oAPT::Sandbox::User=root',
];
run('apt-get', [...apt, '-qq', 'update'], { stdio: ['ignore', 'ignore', 'inherit'] }, 'apt-get update');
run('apt-get', [...apt, '-qq', 'download', ...DEBS], { cwd: debDir }, 'apt-get download of the loader packages');
rmSync(lists, { recursive: true, force: true });
const debs = readdirSync(debDir).filter((f) => f.endsWith('.deb'));
if (!debs.some((f) => f.startsWith('libvulkan1_'))) fail('apt-get download gave no libvulkan1 .deb');

// 7. Manifest and sizes.
const files = ['node.gz', 'app.tar.gz', ...debs.map((f) => `debs/${f}`)];
const manifest = {
  built: new Date().toISOString(),
  node: {
    version: process.version,
    from: process.execPath,
    libraries: libs
      .trim()
      .split('\n')
      .map((l) => l.trim()),
  },
  webgpu: webgpuPkg.version,
  entries: ENTRIES,
  modules: inputs.length,
  files: Object.fromEntries(
    files.map((f) => [f, { bytes: statSync(join(OUT, f)).size, sha256: sha256(join(OUT, f)) }]),
  ),
};
writeFileSync(join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
// run.sh checks the copy that arrived with `sha256sum -c` (no Node there yet).
const sums = Object.entries(manifest.files).map(([f, { sha256: h }]) => `${h}  ${f}\n`);
writeFileSync(join(OUT, 'SHA256SUMS'), sums.join(''));
rmSync(stage, { recursive: true, force: true });

for (const [f, { bytes }] of Object.entries(manifest.files)) log(`${mib(bytes).padStart(9)}  .gpu/${f}`);
const total = duSize(OUT);
log(`total ${mib(total)} in ${relative(process.cwd(), OUT) || OUT}`);
if (total > MAX_MIB * 2 ** 20) fail(`.gpu/ is ${mib(total)}, over the ${MAX_MIB} MiB meant to travel`);
