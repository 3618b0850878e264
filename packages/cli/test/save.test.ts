/**
 * The CLI's --out: refused before any training when it is not convkit's own
 * output, a failed save after training rescues the model to the temp dir and
 * says where, and a run without --out says that nothing was saved.
 */
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@convkit/cli';
import { numTensors } from '@convkit/core';
import { loadModel, saveModel } from '@convkit/layers';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getPreset } from '../src/presets';

// Fault injection: a full disk under `fault.under` (the save code imports node:fs/promises dynamically).
const fault = vi.hoisted(() => ({ under: undefined as string | undefined }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const open = async (...args: Parameters<typeof actual.open>): Promise<FileHandle> => {
    const file = String(args[0]);
    if (fault.under !== undefined && args[1] === 'wx' && file.startsWith(fault.under)) {
      throw Object.assign(new Error(`ENOSPC: no space left on device, open '${file}'`), { code: 'ENOSPC' });
    }
    return actual.open(...args);
  };
  return { ...actual, default: { ...actual, open }, open };
});

const root = mkdtempSync(join(tmpdir(), 'convkit-cli-save-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Everything the command prints, through `log` and on stderr (where errors go). */
let lines: string[] = [];
const log = (l: string) => lines.push(...l.split('\n'));
beforeEach(() => {
  lines = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => log(a.map(String).join(' ')));
});
afterEach(() => {
  vi.restoreAllMocks();
  fault.under = undefined;
});

const quickTrain = [
  '--model',
  'small',
  '--backend',
  'wasm',
  '--train-count',
  '256',
  '--test-count',
  '64',
  '--epochs',
  '1',
  '--batch-size',
  '64',
  '--quiet',
];

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    out[name] = lstatSync(p).isFile() ? readFileSync(p).toString('base64') : 'dir';
  }
  return out;
}

describe('convkit --out', () => {
  it('is refused before any training when it is not convkit output; the files stay as they were', async () => {
    const dir = join(root, 'refuse');
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data', 'notes.txt'), 'mine');
    writeFileSync(join(dir, 'report.ckz'), 'not a compressed model');
    writeFileSync(join(dir, 'results.json'), '{"mine": true}');
    const before = { top: snapshot(dir), data: snapshot(join(dir, 'data')) };
    const t0 = performance.now();
    expect(await runCli(['train', ...quickTrain, '--out', join(dir, 'data')], log)).toBe(2);
    expect(await runCli(['compress', ...quickTrain, '--out', join(dir, 'report.ckz')], log)).toBe(2);
    expect(await runCli(['train', ...quickTrain, '--out', '/'], log)).toBe(2);
    expect(await runCli(['compress', ...quickTrain, '--report-json', join(dir, 'results.json')], log)).toBe(2);
    expect(performance.now() - t0).toBeLessThan(5000); // no training happened
    const text = lines.join('\n');
    expect(text).toContain(`refusing to save the model to ${join(dir, 'data')}: it is a folder that is not`);
    expect(text).toContain(`refusing to save the compressed model to ${join(dir, 'report.ckz')}`);
    expect(text).toContain('refusing to save the model to /: it is the root of the file system');
    expect(text).toContain(
      `refusing to save the report to ${join(dir, 'results.json')}: it is a file that is not a convkit`,
    );
    expect(text).not.toMatch(/held-out accuracy|convkit-rescue/);
    expect({ top: snapshot(dir), data: snapshot(join(dir, 'data')) }).toEqual(before);
  });

  it('a save that fails after training puts the model in a temp folder and says where, exit 2', async () => {
    const out = join(root, 'full-disk', 'model');
    fault.under = join(root, 'full-disk');
    const before = numTensors();
    expect(await runCli(['train', ...quickTrain, '--out', out], log)).toBe(2);
    expect(numTensors()).toBe(before);
    const message = lines.find((l) => l.includes('could not save the model'));
    expect(message).toBeDefined();
    const m = new RegExp(
      `could not save the model to ${out}: no space left on device; the trained model was saved to (\\S+) instead`,
    ).exec(message as string);
    expect(m).not.toBeNull();
    const rescued = (m as RegExpExecArray)[1];
    expect(rescued.startsWith(join(tmpdir(), 'convkit-rescue-'))).toBe(true);
    const model = await loadModel(rescued);
    expect(model.countParams()).toBeGreaterThan(0);
    model.dispose();
    rmSync(join(rescued, '..'), { recursive: true, force: true });
    expect(readdirSync(join(root, 'full-disk'))).toEqual([]);
  });

  it('train and compress without --out say on their last line that nothing was saved', async () => {
    expect(await runCli(['train', ...quickTrain], log)).toBe(0);
    expect(lines.at(-1)).toMatch(/^The model was not saved: run again with --out DIR to save it/);

    const dir = join(root, 'saved');
    const model = getPreset('small').build([28, 28, 1], 10);
    await saveModel(model, dir);
    model.dispose();
    lines = [];
    const args = [
      'compress',
      '--backend',
      'wasm',
      '--train-count',
      '256',
      '--test-count',
      '64',
      '--quiet',
      '--model-dir',
      dir,
      '--quantize',
      'none',
      '--prune',
      '0',
    ];
    const errors: string[] = [];
    expect(await runCli(args, log, (l: string) => errors.push(l)), errors.join('\n')).toBe(0);
    expect(lines.at(-1)).toMatch(/^The compressed model was not saved: run again with --out FILE\.ckz/);
  });
});
