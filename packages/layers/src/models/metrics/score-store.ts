/**
 * Every label and score seen by a ranking metric, kept on the host in
 * growing typed arrays (exact ROC and PR curves need all of them), filled
 * from one asynchronous read per batch.
 */
import { NonFiniteError, ops, ShapeError, type Tensor, tidy } from '@convkit/core';
import { checkLabels, scoreColumns, truthTensor } from './class-ids';
import type { MetricBatch } from './metric';

/** Labels `[n]` and scores `[n, columns]` (row-major) read so far. */
export class ScoreStore {
  private labelData = new Int32Array(256);
  private scoreData = new Float32Array(256);
  private n = 0;
  private cols = 0;

  /** Samples stored. */
  get count(): number {
    return this.n;
  }

  /** Score columns: 1 for binary probabilities, else the number of classes (0 before the first batch). */
  get columns(): number {
    return this.cols;
  }

  /** The labels: 0/1 for binary scores, class ids otherwise (a view; do not keep across `append`). */
  get labels(): Int32Array {
    return this.labelData.subarray(0, this.n);
  }

  /** The scores, row-major `[count, columns]` (a view; do not keep across `append`). */
  get scores(): Float32Array {
    return this.scoreData.subarray(0, this.n * this.cols);
  }

  /** Forgets every sample. */
  clear(): void {
    this.n = 0;
    this.cols = 0;
  }

  /**
   * The device half of an append: `[finite probe, labels (b), scores (b·k)]`.
   *
   * @param yTrue - Labels: 0/1 for binary probabilities `[b]` / `[b, 1]`; class ids `[b]` or one-hot `[b, k]` for scores `[b, k]`.
   * @param yPred - Scores.
   * @param who - Starts error messages.
   * @returns The batch to read and apply.
   * @throws {ShapeError} when the shapes do not fit, or the number of columns changes between batches.
   */
  prepare(yTrue: Tensor, yPred: Tensor, who: string): MetricBatch {
    const k = scoreColumns(yTrue, yPred, who);
    if (this.n > 0 && k !== this.cols) {
      throw new ShapeError(`${who}: predictions have ${k} score columns but earlier batches had ${this.cols}`);
    }
    const b = yPred.shape[0];
    const values = tidy(() =>
      ops.concat([
        ops.reshape(ops.sum(ops.mul(ops.cast(yPred, 'float32'), 0)), [1]),
        truthTensor(yTrue, k),
        ops.reshape(ops.cast(yPred, 'float32'), [-1]),
      ]),
    );
    return {
      values,
      apply: (v) => {
        if (!Number.isFinite(v[0])) {
          const bad = v.subarray(1 + b).findIndex((s) => !Number.isFinite(s));
          throw new NonFiniteError(
            `${who}: the score of sample ${Math.floor(bad / k)} in the batch is ${v[1 + b + bad]}; ROC and PR curves need finite scores`,
          );
        }
        const truth = v.subarray(1, 1 + b);
        checkLabels(truth, k === 1 ? 2 : k, who);
        this.append(truth, v.subarray(1 + b), k);
      },
    };
  }

  private append(labels: ArrayLike<number>, scores: Float32Array, k: number): void {
    const b = labels.length;
    this.cols = k;
    if (this.n + b > this.labelData.length) {
      const grown = new Int32Array(Math.max(2 * this.labelData.length, this.n + b));
      grown.set(this.labels);
      this.labelData = grown;
    }
    if ((this.n + b) * k > this.scoreData.length) {
      const grown = new Float32Array(Math.max(2 * this.scoreData.length, (this.n + b) * k));
      grown.set(this.scoreData.subarray(0, this.n * k));
      this.scoreData = grown;
    }
    for (let i = 0; i < b; i++) this.labelData[this.n + i] = labels[i];
    this.scoreData.set(scores, this.n * k);
    this.n += b;
  }
}
