/**
 * Finds the system tools that the test suite needs beyond npm packages:
 * a Chromium for the browser tests and clang + wasm-ld + llvm-objdump for the
 * check that the committed WebAssembly module matches its C source.
 *
 * Look-up order for Chromium: the `CONVKIT_CHROMIUM` variable (a path the user
 * points to), then the system's (Debian's `/usr/bin/chromium` and the usual
 * names on the PATH), then a Chromium that playwright's own installer put in
 * its cache. The webgpu tests in Node need the Vulkan loader (`libvulkan1`) and SwiftShader's
 * Vulkan driver, which ships beside Chromium. The distributed tuning tests start Debian's
 * `redis-server` (or the one `CONVKIT_REDIS_SERVER` points to). `scripts/ensure-test-tools.mjs`
 * installs what is missing.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** True when `file` exists and is executable. */
function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable called `name` on the PATH, or undefined. */
export function which(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

// playwright-core is resolved from the browser test's package: the repository root does not depend on it.
const requireFromBrowserTest = createRequire(join(repoRoot, 'apps/browser-smoke/package.json'));

/** The playwright-core module. */
export function playwrightCore() {
  return requireFromBrowserTest('playwright-core');
}

/** playwright-core's folder (its cli.js holds the browser installer). */
export function playwrightCoreDir() {
  return dirname(requireFromBrowserTest.resolve('playwright-core/package.json'));
}

/** Chromium that playwright's installer downloaded into its cache, if any. */
function playwrightChromium() {
  try {
    const path = playwrightCore().chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const SYSTEM_CHROMIUM = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

/**
 * Where the browser tests' Chromium is: `{ path, source }`, or `{ path: undefined, problem }`
 * saying why none was found. An explicit `CONVKIT_CHROMIUM` that does not exist is an
 * error, never silently replaced by another browser.
 */
export function findChromium() {
  const explicit = process.env.CONVKIT_CHROMIUM;
  if (explicit) {
    if (isExecutable(explicit)) return { path: explicit, source: 'CONVKIT_CHROMIUM' };
    return { path: undefined, problem: `CONVKIT_CHROMIUM=${explicit} is not an executable file` };
  }
  if (isExecutable('/usr/bin/chromium')) return { path: '/usr/bin/chromium', source: 'system' };
  for (const name of SYSTEM_CHROMIUM) {
    const path = which(name);
    // Ubuntu's chromium-browser may be a stub that asks for snap: require a real binary answer.
    if (path && answersVersion(path)) return { path, source: 'system' };
  }
  const cached = playwrightChromium();
  if (cached) return { path: cached, source: 'playwright' };
  return {
    path: undefined,
    problem: 'no Chromium found (CONVKIT_CHROMIUM unset, none on the PATH, none in playwright’s cache)',
  };
}

function answersVersion(path) {
  try {
    execFileSync(path, ['--version'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** The tools the wasm check runs (`packages/backend-wasm/scripts/build-wasm.sh`), each path or undefined. */
export function findLlvm() {
  return {
    clang: process.env.CLANG && isExecutable(process.env.CLANG) ? process.env.CLANG : which('clang'),
    wasmLd: which('wasm-ld'),
    objdump: which('llvm-objdump'),
  };
}

/** Major version of a clang binary, or undefined. */
export function clangMajor(clang) {
  try {
    const out = execFileSync(clang, ['--version'], { encoding: 'utf8', timeout: 10_000 });
    const m = /clang version (\d+)/.exec(out);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Folders where a Linux distribution keeps `libvulkan.so.1`. */
const LIB_DIRS = [
  '/usr/lib/x86_64-linux-gnu',
  '/usr/lib/aarch64-linux-gnu',
  '/usr/lib64',
  '/usr/lib',
  '/lib64',
  '/lib',
];

/** The Vulkan loader (`libvulkan.so.1`, Debian's `libvulkan1`) that Dawn opens on Linux, or undefined. */
export function findVulkanLoader() {
  const direct = LIB_DIRS.map((d) => join(d, 'libvulkan.so.1')).find((f) => existsSync(f));
  if (direct) return direct;
  try {
    const out = execFileSync('ldconfig', ['-p'], { encoding: 'utf8', timeout: 10_000 });
    return /libvulkan\.so\.1 .*=> (\S+)/.exec(out)?.[1];
  } catch {
    return undefined;
  }
}

/**
 * SwiftShader's Vulkan driver manifest (`vk_swiftshader_icd.json`), which Chromium ships in its
 * library folder: Debian's folders first, then beside the Chromium `findChromium` finds. The webgpu
 * tests point `VK_ICD_FILENAMES` at it so that Dawn gets a software adapter without a GPU.
 */
export function findSwiftShaderIcd() {
  const dirs = ['/usr/lib/chromium', '/usr/lib64/chromium', '/usr/lib/chromium-browser'];
  try {
    const found = findChromium();
    if (found.path) dirs.push(dirname(realpathSync(found.path)));
  } catch {
    // no Chromium known to the finder; the fixed folders remain
  }
  return dirs.map((d) => join(d, 'vk_swiftshader_icd.json')).find((f) => existsSync(f));
}

/**
 * Where the distributed tuning tests' `redis-server` is: `{ path, source }`, or
 * `{ path: undefined, problem }`. An explicit `CONVKIT_REDIS_SERVER` that is not an executable is
 * an error, never silently replaced by another server.
 */
export function findRedisServer() {
  const explicit = process.env.CONVKIT_REDIS_SERVER;
  if (explicit) {
    if (isExecutable(explicit)) return { path: explicit, source: 'CONVKIT_REDIS_SERVER' };
    return { path: undefined, problem: `CONVKIT_REDIS_SERVER=${explicit} is not an executable file` };
  }
  const path = which('redis-server') ?? (isExecutable('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined);
  if (path) return { path, source: 'system' };
  return { path: undefined, problem: 'no redis-server found (CONVKIT_REDIS_SERVER unset, none on the PATH)' };
}
