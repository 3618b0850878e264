#!/usr/bin/env node
/**
 * Makes sure the tools that `pnpm test` needs beyond npm packages are here,
 * and installs them when they are not, saying what it does and why:
 *
 * - Chromium, for the browser test (a Vite page that trains on the wasm
 *   backend). Used in this order: the one `CONVKIT_CHROMIUM` points to, the
 *   system's, one playwright already downloaded. If none: on Debian/Ubuntu as
 *   root, Debian's `chromium` package (`apt-get install chromium`); elsewhere,
 *   playwright's own installer (`playwright-core install chromium`, into
 *   ~/.cache/ms-playwright).
 * - On Linux, the Vulkan loader (`libvulkan1`) for the webgpu tests: Dawn (the
 *   `webgpu` package) runs them on SwiftShader's Vulkan driver, which Chromium
 *   ships beside its binary. If missing: on Debian/Ubuntu as root,
 *   `apt-get install libvulkan1`; elsewhere the script stops with the command.
 * - redis-server, for the distributed tuning tests (two worker processes share
 *   one study on a Redis server the test starts on a free port). If missing:
 *   on Debian/Ubuntu as root, `apt-get install redis-server`; elsewhere the
 *   script stops with the command to run.
 * - clang, wasm-ld and llvm-objdump, for the check that the committed
 *   WebAssembly kernels are what their C source builds to. If missing: on
 *   Debian/Ubuntu as root, `apt-get install clang lld llvm`; elsewhere the
 *   script stops with the command to run.
 *
 * Exits 1 with one message when a tool can be neither found nor installed.
 * Usage: node scripts/ensure-test-tools.mjs
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  clangMajor,
  findChromium,
  findLlvm,
  findRedisServer,
  findSwiftShaderIcd,
  findVulkanLoader,
  playwrightCoreDir,
  which,
} from './tools/find.mjs';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = process.platform === 'linux' && which('apt-get') !== undefined && existsSync('/etc/debian_version');
let aptUpdated = false;

function say(line) {
  console.log(`test tools: ${line}`);
}

function fail(lines) {
  console.error(['', 'pnpm test cannot run the whole suite:', ...lines.map((l) => `  ${l}`), ''].join('\n'));
  process.exit(1);
}

/** apt-get install as root; true when it succeeded. */
function aptInstall(packages, why) {
  say(
    `installing ${packages.join(', ')} from the distribution's packages (${why}): apt-get install -y ${packages.join(' ')}`,
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    const up = spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (up.status !== 0) return false;
    aptUpdated = true;
  }
  const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
  return r.status === 0;
}

function ensureChromium() {
  let found = findChromium();
  if (found.path) return say(`chromium ${found.path} (${found.source})`);
  if (process.env.CONVKIT_CHROMIUM) {
    fail([
      found.problem,
      'Point CONVKIT_CHROMIUM at a Chromium or Chrome binary, or unset it to use or install the system one.',
    ]);
  }
  const why = 'the browser test trains a CNN in headless Chromium';
  if (hasApt && isRoot) {
    aptInstall(['chromium'], why);
    found = findChromium();
    if (found.path) return say(`chromium ${found.path} (installed from the distribution)`);
  }
  // Not Debian/Ubuntu, not root, or the distribution has no usable chromium package (Ubuntu's is a snap stub).
  say(
    `no system Chromium${hasApt && !isRoot ? ' and not root (apt-get needs root)' : ''}: downloading one with playwright's installer into ~/.cache/ms-playwright (${why})`,
  );
  try {
    const cli = join(playwrightCoreDir(), 'cli.js');
    const r = spawnSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'inherit' });
    if (r.status === 0) {
      found = findChromium();
      if (found.path) return say(`chromium ${found.path} (playwright)`);
    }
  } catch {
    // reported below
  }
  fail([
    `No Chromium for the browser test: ${found.problem ?? 'none found'}, and installing one failed.`,
    hasApt
      ? "Install Debian's: `sudo apt-get install chromium`, or point CONVKIT_CHROMIUM at a Chromium/Chrome binary."
      : 'Install Chromium or Chrome and point CONVKIT_CHROMIUM at its binary, or run `npx playwright-core install chromium` where the network allows it.',
  ]);
}

function ensureLlvm() {
  let tools = findLlvm();
  const missing = () =>
    Object.entries({ clang: tools.clang, 'wasm-ld': tools.wasmLd, 'llvm-objdump': tools.objdump })
      .filter(([, p]) => !p)
      .map(([n]) => n);
  if (missing().length > 0 && hasApt && isRoot) {
    aptInstall(
      ['clang', 'lld', 'llvm'],
      `${missing().join(', ')} rebuild the WebAssembly kernels to check them against their C source`,
    );
    tools = findLlvm();
  }
  if (missing().length > 0) {
    fail([
      `${missing().join(', ')} not found: the wasm check rebuilds packages/backend-wasm/csrc with clang + lld.`,
      hasApt
        ? 'Install them as root: `sudo apt-get install clang lld llvm`.'
        : 'Install LLVM with the WebAssembly target (clang, wasm-ld, llvm-objdump) and put it on the PATH.',
    ]);
  }
  say(`clang ${clangMajor(tools.clang) ?? '?'} ${tools.clang}, wasm-ld ${tools.wasmLd}, llvm-objdump ${tools.objdump}`);
}

function ensureVulkan() {
  if (process.platform !== 'linux') return; // Dawn uses Metal / D3D12 there
  let loader = findVulkanLoader();
  if (!loader && hasApt && isRoot) {
    aptInstall(['libvulkan1'], 'the webgpu tests run Dawn on the SwiftShader Vulkan driver');
    loader = findVulkanLoader();
  }
  if (!loader) {
    fail([
      'libvulkan.so.1 not found: the webgpu tests run Dawn (the `webgpu` package) on a Vulkan driver.',
      hasApt
        ? 'Install the Vulkan loader as root: `sudo apt-get install libvulkan1`.'
        : "Install your distribution's Vulkan loader (libvulkan.so.1).",
    ]);
  }
  const icd = findSwiftShaderIcd();
  say(`vulkan loader ${loader}, SwiftShader driver ${icd ?? 'not found (the webgpu tests need a GPU driver then)'}`);
}

function ensureRedis() {
  let found = findRedisServer();
  if (!found.path && !process.env.CONVKIT_REDIS_SERVER && hasApt && isRoot) {
    aptInstall(['redis-server'], 'the distributed tuning tests share one study between two workers on a Redis server');
    found = findRedisServer();
  }
  if (!found.path) {
    fail([
      `${found.problem}: the distributed tuning tests start a throw-away Redis server.`,
      hasApt
        ? "Install Debian's as root: `sudo apt-get install redis-server` (the tests start their own on a free port), or point CONVKIT_REDIS_SERVER at a redis-server binary."
        : 'Install Redis (redis-server on the PATH), or point CONVKIT_REDIS_SERVER at a redis-server binary.',
    ]);
  }
  say(`redis-server ${found.path} (${found.source})`);
}

ensureChromium();
ensureVulkan();
ensureLlvm();
ensureRedis();
