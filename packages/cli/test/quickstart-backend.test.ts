/**
 * `convkit quickstart --backend`: parsed like train's (default wasm), listed
 * in the help, and honoured by the quick start (every other quickstart
 * setting stays pinned). The real run of `quickstart --backend webgpu` is
 * far too slow on a software adapter (12 epochs of 8,000 digits), so this
 * runs it with the Vulkan loader pointed at a driver file that does not
 * exist: the command must reach `setBackend('webgpu')` through the webgpu
 * package and stop there with the backend's typed error (exit code 2), before
 * any training. Needs a fresh process (vitest's forks pool gives each file
 * one): the loader reads VK_ICD_FILENAMES once, when Dawn starts.
 */
import { tmpdir } from 'node:os';
import { commandHelp, parseCommandLine, QUICKSTART, quickstartOptions, runCli, USAGE, UsageError } from '@convkit/cli';
import { getBackend } from '@convkit/core';
import { describe, expect, it } from 'vitest';

const missingIcd = '/nonexistent/convkit-test/vk_missing_icd.json';
process.env.VK_ICD_FILENAMES = missingIcd;
process.env.XDG_RUNTIME_DIR ??= tmpdir();

describe('quickstart --backend', () => {
  it('defaults to wasm and takes cpu, wasm or webgpu; anything else is a usage error', () => {
    expect(parseCommandLine(['quickstart']).options.backend).toBe('wasm');
    for (const b of ['cpu', 'wasm', 'webgpu'] as const) {
      expect(parseCommandLine(['quickstart', '--backend', b]).options.backend).toBe(b);
      expect(parseCommandLine(['quickstart', `--backend=${b}`]).options.backend).toBe(b);
    }
    let err: unknown;
    try {
      parseCommandLine(['quickstart', '--backend', 'tpu']);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect(String((err as Error).message)).toMatch(/--backend.*tpu/);
    expect(String((err as Error).message)).toMatch(/cpu.*wasm.*webgpu/);
  });

  it('the quick start keeps the chosen backend and pins everything else', () => {
    const pinned = { ...QUICKSTART };
    delete (pinned as { backend?: string }).backend;
    const webgpu = quickstartOptions(parseCommandLine(['quickstart', '--backend', 'webgpu', '--seed', '7']).options);
    expect(webgpu).toMatchObject({ ...pinned, backend: 'webgpu', seed: 7 });
    expect(quickstartOptions(parseCommandLine(['quickstart']).options)).toMatchObject({ ...pinned, backend: 'wasm' });
    // a flag quickstart does not take is still refused, not silently pinned
    expect(() => parseCommandLine(['quickstart', '--epochs', '1'])).toThrow(UsageError);
  });

  it('is in the help of quickstart and in the overview', () => {
    const line = commandHelp('quickstart')
      .split('\n')
      .find((l) => l.trimStart().startsWith('--backend'));
    expect(line).toBeDefined();
    expect(line).toMatch(/cpu.*wasm.*webgpu/);
    expect(line).toMatch(/\(default wasm\)/);
    expect(commandHelp('quickstart')).toMatch(/on wasm \(or --backend cpu\|webgpu\)/);
    expect(USAGE).toContain('convkit quickstart [--backend cpu|wasm|webgpu]');
  });

  it('--backend webgpu reaches setBackend("webgpu") and stops with its typed error before training', async () => {
    expect((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu, 'fresh process').toBeUndefined();
    const out: string[] = [];
    const errors: string[] = [];
    const t0 = Date.now();
    const code = await runCli(
      ['quickstart', '--backend', 'webgpu', '--quiet'],
      (l) => out.push(l),
      (l) => errors.push(l),
    );
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(code).toBe(2);
    expect(out[0]).toMatch(/^convkit quickstart: .*\(backend webgpu\)/);
    expect(out.slice(1).join('\n'), 'nothing trained').not.toMatch(/epoch|accuracy/i);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^convkit: Backend 'webgpu' \(@convkit\/backend-webgpu\) failed to initialise: .*No WebGPU adapter/,
    );
    expect(errors[0]).toContain(`VK_ICD_FILENAMES names ${missingIcd}, which does not exist`);
    expect(getBackend()).not.toBe('webgpu');
  });
});
