import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fashionMnistDirs, loadTrainTest } from '@convkit/cli';
import { ConfigError } from '@convkit/core';
import { describe, expect, it, onTestFinished, vi } from 'vitest';

describe('CLI data directory', () => {
  it('an explicit $CONVKIT_DATA_DIR or --data-dir that does not exist is a ConfigError, not a silent fallback', async () => {
    const root = mkdtempSync(join(tmpdir(), 'convkit-cli-dir-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    const missing = join(root, 'fashion-mnist');
    vi.stubEnv('CONVKIT_DATA_DIR', missing);
    onTestFinished(() => {
      vi.unstubAllEnvs();
    });
    const load = () => loadTrainTest({ data: 'fashion-mnist', seed: 0 });
    await expect(load()).rejects.toBeInstanceOf(ConfigError);
    await expect(load()).rejects.toThrow(`$CONVKIT_DATA_DIR is ${missing}, which does not exist`);
    expect(fashionMnistDirs()).not.toContain(missing);
    await expect(loadTrainTest({ data: 'fashion-mnist', dataDir: join(root, 'other'), seed: 0 })).rejects.toThrow(
      /--data-dir is .*other, which does not exist/,
    );
  });
});
