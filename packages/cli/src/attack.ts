/** `convkit attack`: clean and robust accuracy of a saved model under FGSM or PGD at several ε. */
import { dispose, setSeed } from '@convkit/core';
import { loadModel } from '@convkit/layers';
import { Adam } from '@convkit/optim';
import { formatRobustTable, type RobustAccuracyRow, robustAccuracy } from '@convkit/robust';
import type { CommonOptions } from './args';
import { loadTrainTest } from './datasets';
import { formatDuration } from './table';
import { useBackend } from './train';

/** Radii attacked when `--eps` is not given. */
export const DEFAULT_ATTACK_EPS = [0.1, 0.2, 0.3];

/** PGD steps of `convkit attack` when `--steps` is not given. */
export const DEFAULT_ATTACK_STEPS = 20;

/** Images per attacked batch. */
const BATCH = 100;

/**
 * Loads `--model-dir`, attacks its held-out images at every `--eps` and
 * prints the table of clean and robust accuracy (progress on stderr when it
 * is a terminal, unless `--quiet`). Resolves to the rows.
 */
export async function attack(
  options: CommonOptions,
  log: (line: string) => void = console.log,
): Promise<RobustAccuracyRow[]> {
  await useBackend(options.backend);
  const model = await loadModel(options.modelDir as string);
  try {
    model.compile({ optimizer: new Adam(), loss: 'sparseCategoricalCrossentropy' });
    const { test } = await loadTrainTest(options);
    setSeed(options.seed);
    const eps = options.eps ?? DEFAULT_ATTACK_EPS;
    const steps = options.attack === 'pgd' ? (options.steps ?? DEFAULT_ATTACK_STEPS) : 1;
    const what =
      options.attack === 'pgd'
        ? `PGD-${steps} (${options.norm}, random start${options.stepSize ? `, step ${options.stepSize}` : ', step 2.5·eps/steps'})`
        : `FGSM (${options.norm}${options.stepSize ? `, step ${options.stepSize}` : ''})`;
    if (!options.quiet)
      log(`convkit attack: ${options.modelDir} under ${what} on ${test.size} held-out images of ${options.data}`);
    const batch = test.toBatch();
    const tty = !options.quiet && process.stderr.isTTY;
    const t0 = performance.now();
    try {
      const rows = await robustAccuracy(model, batch.xs, batch.ys, {
        eps,
        attack: options.attack,
        norm: options.norm,
        steps,
        stepSize: options.stepSize,
        seed: options.seed,
        batchSize: BATCH,
        onProgress: tty ? (p) => process.stderr.write(`\r${p.samples}/${test.size} images attacked`) : undefined,
      });
      if (tty) process.stderr.write('\n');
      log(formatRobustTable(rows));
      if (!options.quiet)
        log(`${test.size} held-out images, attacked in ${formatDuration((performance.now() - t0) / 1000)}`);
      return rows;
    } finally {
      dispose([batch.xs, batch.ys]);
    }
  } finally {
    model.dispose();
  }
}
