/**
 * `evaluate`'s loop: loss and metrics over batches, in inference mode, with
 * the same checks as a training step read together with each batch's loss.
 * A batch whose inputs, targets, predictions or loss are NaN or infinite
 * rejects with `NonFiniteError` rather than averaging into plausible-looking
 * numbers (some kernels, e.g. a clip on the wasm backend, turn a NaN into a
 * finite value); targets invalid for the loss reject with `DataFormatError`.
 */
import {
  type Batch,
  type BatchSource,
  DataFormatError,
  dispose,
  NonFiniteError,
  ops,
  scalar,
  type Tensor,
  tidy,
} from '@convkit/core';
import { type CheckedModel, checkPair } from './batch-checks';
import type { Logs } from './callbacks/callback';
import { nonFiniteProbe } from './finite';
import { countInvalidTargets, throwInvalidTargets } from './loss-targets';
import type { LossFn } from './losses';
import { type BatchAccumulator, type Metric, readWithMetrics } from './metrics/index';
import { refuseNonFiniteRows } from './train-step';

/** What the evaluation loop needs from a model. */
export interface EvaluatedModel extends CheckedModel {
  call(x: Tensor, options?: { training?: boolean }): Tensor;
}

const NOTHING = 'no result was reported';

/**
 * Mean loss and metric values over every batch of `source` (disposing each
 * batch). `context` starts the error messages, e.g. `Model "m".evaluate`.
 * Each batch's loss, checks and metric values come back in one read.
 * Accumulators without a `name` and `result` (a `ConfusionMatrix`) are fed
 * but not reported in the logs.
 */
export async function evaluateBatches(
  model: EvaluatedModel,
  lossFn: LossFn,
  metrics: readonly (Metric | BatchAccumulator)[],
  source: BatchSource,
  context: string,
): Promise<Logs> {
  for (const m of metrics) m.reset();
  let lossSum = 0;
  let count = 0;
  let index = 0;
  for await (const batch of source as AsyncIterable<Batch>) {
    index++;
    const where = `${context}, batch ${index}`;
    let pred: Tensor | undefined;
    let checks: Tensor | undefined;
    try {
      checkPair(model, lossFn, batch.xs, batch.ys, where);
      const { xs, ys } = batch;
      [pred, checks] = tidy(() => {
        const out = model.call(xs, { training: false });
        const k = out.shape[out.rank - 1] ?? 1;
        const loss = lossFn(ys, out);
        return [
          out,
          ops.stack([
            ops.reshape(loss, []),
            nonFiniteProbe([xs]),
            nonFiniteProbe([ys]),
            countInvalidTargets(lossFn.targets, ys, k) ?? scalar(0),
            nonFiniteProbe([out]),
          ]),
        ];
      });
      const read = await readWithMetrics(checks, metrics, ys, pred);
      const [loss, inputs, targets, invalid, outputs] = read.head;
      if (!Number.isFinite(inputs)) await refuseNonFiniteRows(where, 'inputs (x)', xs, NOTHING);
      if (!Number.isFinite(targets)) await refuseNonFiniteRows(where, 'targets (y)', ys, NOTHING);
      if (invalid !== 0 && lossFn.targets) {
        await throwInvalidTargets(where, lossFn.lossName, lossFn.targets, ys, pred.shape[pred.rank - 1] ?? 1);
      }
      if (!Number.isFinite(outputs)) {
        throw new NonFiniteError(
          `${where}: the model's output is NaN or infinite although the inputs are finite, so its weights are probably not finite (trained through a NaN, or loaded with allowNonFinite); ${NOTHING}`,
        );
      }
      if (!Number.isFinite(loss)) {
        throw new NonFiniteError(`${where}: the loss '${lossFn.lossName}' is ${loss}; ${NOTHING}`);
      }
      const b = xs.shape[0];
      lossSum += loss * b;
      count += b;
      await read.commit();
    } finally {
      dispose([pred, checks, batch.xs, batch.ys] as Tensor[]);
    }
  }
  if (count === 0) throw new DataFormatError(`${context}: the evaluation data is empty (0 samples)`);
  const logs: Logs = { loss: lossSum / count };
  for (const m of metrics) if (isMetric(m)) logs[m.name] = m.result();
  return logs;
}

function isMetric(m: Metric | BatchAccumulator): m is Metric {
  return typeof (m as Metric).name === 'string' && typeof (m as Metric).result === 'function';
}
