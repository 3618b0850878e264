/**
 * scripts/gpu/run.sh, the webgpu bench's runner on the lent GPU machine: it must refuse loudly,
 * naming the fix, before it spends device time on a bundle that is missing or broken. (The whole
 * path, bundle included, is checked by hand on SwiftShader: see the script's header.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const runSh = new URL('../scripts/gpu/run.sh', import.meta.url).pathname;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A repository-like folder holding only scripts/gpu/run.sh (and `.gpu/` files, if given). */
function fakeRepo(gpuFiles: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'convkit-gpu-run-'));
  dirs.push(root);
  mkdirSync(join(root, 'scripts/gpu'), { recursive: true });
  copyFileSync(runSh, join(root, 'scripts/gpu/run.sh'));
  for (const [name, text] of Object.entries(gpuFiles)) {
    mkdirSync(join(root, '.gpu', name, '..'), { recursive: true });
    writeFileSync(join(root, '.gpu', name), text);
  }
  return root;
}

/** Runs the copy's run.sh with OUT and the work folder inside the fake repository. */
function run(root: string, ...args: string[]) {
  const r = spawnSync('bash', [join(root, 'scripts/gpu/run.sh'), ...args], {
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', OUT: join(root, 'out'), CONVKIT_GPU_WORK: join(root, 'work') },
    timeout: 20_000,
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('scripts/gpu/run.sh', () => {
  it('is valid bash', () => {
    expect(() => execFileSync('bash', ['-n', runSh])).not.toThrow();
  });

  it('refuses an unknown argument', () => {
    const r = run(fakeRepo(), '--gpu');
    expect(r.status).toBe(64);
    expect(r.output).toContain('unknown argument --gpu');
  });

  it('says how to make the bundle when .gpu/ is missing, in its output and in summary.md', () => {
    const root = fakeRepo();
    const r = run(root);
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/FAILED: .*\.gpu\/node\.gz is missing: run `node scripts\/gpu\/bundle\.mjs`.*carry/);
    expect(readFileSync(join(root, 'out/summary.md'), 'utf8')).toContain('bundle.mjs');
  });

  it('refuses a bundle that does not match its SHA256SUMS', () => {
    const sum = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'; // sha256 of ''
    const root = fakeRepo({
      'node.gz': 'not empty',
      'app.tar.gz': '',
      'debs/libvulkan1_0_amd64.deb': '',
      SHA256SUMS: `${sum}  node.gz\n${sum}  app.tar.gz\n${sum}  debs/libvulkan1_0_amd64.deb\n`,
    });
    const r = run(root);
    expect(r.status).toBe(1);
    expect(r.output).toContain('does not match its SHA256SUMS');
  });
});
