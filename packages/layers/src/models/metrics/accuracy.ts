/** Accuracy and top-k accuracy, counted over every batch since `reset`. */
import { ConfigError, NonFiniteError, ops, range, ShapeError, type Tensor, tidy } from '@convkit/core';
import { checkLabels, predTensor, scoreColumns, truthTensor } from './class-ids';
import { type Metric, type MetricBatch, updateByReading } from './metric';

/**
 * Fraction of samples whose predicted class equals the label (sparse,
 * one-hot or binary labels). Counts samples, not per-batch ratios, so the
 * result does not depend on the batch size.
 *
 * @example
 * ```ts
 * import { tensor1d, tensor2d } from '@convkit/core';
 * import { Accuracy } from '@convkit/layers';
 *
 * const accuracy = new Accuracy();
 * await accuracy.update(tensor1d([0, 1, 1], 'int32'), tensor2d([[0.9, 0.1], [0.4, 0.6], [0.8, 0.2]]));
 * console.log(accuracy.result()); // 2/3
 * ```
 */
export class Accuracy implements Metric {
  /** Key in logs, default `'accuracy'`. */
  readonly name: string;
  private readonly threshold: number;
  private correct = 0;
  private total = 0;

  /** @param options - `name` (default `'accuracy'`) and the binary `threshold` (default 0.5). */
  constructor(options: { name?: string; threshold?: number } = {}) {
    this.name = options.name ?? 'accuracy';
    this.threshold = options.threshold ?? 0.5;
  }

  reset(): void {
    this.correct = 0;
    this.total = 0;
  }

  prepare(yTrue: Tensor, yPred: Tensor): MetricBatch {
    const k = scoreColumns(yTrue, yPred, `Metric '${this.name}'`);
    const b = yPred.shape[0];
    const values = tidy(() => {
      const truth = k === 1 ? ops.cast(ops.greater(truthTensor(yTrue, k), 0.5), 'float32') : truthTensor(yTrue, k);
      return ops.reshape(ops.sum(ops.cast(ops.equal(truth, predTensor(yPred, k, this.threshold)), 'float32')), [1]);
    });
    return {
      values,
      apply: (v) => {
        this.correct += v[0];
        this.total += b;
      },
    };
  }

  update(yTrue: Tensor, yPred: Tensor): Promise<void> {
    return updateByReading(this, yTrue, yPred);
  }

  result(): number {
    return this.total === 0 ? 0 : this.correct / this.total;
  }
}

/**
 * Fraction of samples whose label is among the `k` highest scores. Ties
 * are broken as scikit-learn's `top_k_accuracy_score` breaks them: among
 * equal scores the higher class index ranks first. So the rank of the true
 * class `t` is `#{j : s_j > s_t} + #{j > t : s_j = s_t}`, and a sample is a
 * hit when that rank is below `k`. Usable by name: `'topKAccuracy'` (k = 5),
 * `'top3'`, `'top10Accuracy'`, ... .
 *
 * @example
 * ```ts
 * import { tensor1d, tensor2d } from '@convkit/core';
 * import { TopKAccuracy } from '@convkit/layers';
 *
 * const top2 = new TopKAccuracy(2);
 * await top2.update(tensor1d([2, 1], 'int32'), tensor2d([[0.5, 0.3, 0.2], [0.1, 0.3, 0.6]]));
 * console.log(top2.result()); // 0.5: class 2 ranks third in row 1, class 1 second in row 2
 * ```
 */
export class TopKAccuracy implements Metric {
  /** Key in logs, default `top{k}Accuracy`. */
  readonly name: string;
  private hits = 0;
  private total = 0;

  /**
   * @param k - How many of the highest scores count; default 5.
   * @param name - Key in logs; default `top{k}Accuracy`.
   * @throws {ConfigError} when `k` is not a positive integer.
   */
  constructor(
    /** How many of the highest scores count. */
    readonly k = 5,
    name?: string,
  ) {
    if (!Number.isInteger(k) || k < 1) throw new ConfigError(`TopKAccuracy: k must be a positive integer, got ${k}`);
    this.name = name ?? `top${k}Accuracy`;
  }

  reset(): void {
    this.hits = 0;
    this.total = 0;
  }

  /**
   * @throws {ShapeError} when the predictions are not `[batch, classes]` scores with at least 2 classes.
   * @throws {ConfigError} when `k` exceeds the number of classes.
   */
  prepare(yTrue: Tensor, yPred: Tensor): MetricBatch {
    const who = `Metric '${this.name}'`;
    const numClasses = scoreColumns(yTrue, yPred, who);
    if (yPred.rank !== 2 || numClasses < 2) {
      throw new ShapeError(
        `${who}: top-k accuracy needs [batch, classes] scores with 2 or more classes, got [${yPred.shape.join(', ')}]`,
      );
    }
    if (this.k > numClasses) {
      throw new ConfigError(
        `${who}: k = ${this.k} is larger than the number of classes (${numClasses}); use k <= ${numClasses}`,
      );
    }
    const b = yPred.shape[0];
    const values = tidy(() => {
      const truth = truthTensor(yTrue, numClasses);
      const trueScore = ops.sum(ops.mul(yPred, ops.oneHot(ops.cast(truth, 'int32'), numClasses)), 1, true);
      const after = ops.greater(ops.reshape(range(0, numClasses), [1, numClasses]), ops.reshape(truth, [b, 1]));
      const rank = ops.add(
        ops.sum(ops.cast(ops.greater(yPred, trueScore), 'float32'), 1),
        ops.sum(ops.cast(ops.logicalAnd(ops.equal(yPred, trueScore), after), 'float32'), 1),
      );
      const finite = ops.reshape(ops.sum(ops.mul(yPred, 0)), [1]);
      return ops.concat([finite, truth, rank]);
    });
    return {
      values,
      apply: (v) => {
        if (!Number.isFinite(v[0])) throw new NonFiniteError(`${who}: the scores contain NaN or ±Infinity`);
        const truth = v.subarray(1, 1 + b);
        checkLabels(truth, numClasses, who);
        for (let i = 0; i < b; i++) if (v[1 + b + i] < this.k) this.hits++;
        this.total += b;
      },
    };
  }

  update(yTrue: Tensor, yPred: Tensor): Promise<void> {
    return updateByReading(this, yTrue, yPred);
  }

  result(): number {
    return this.total === 0 ? 0 : this.hits / this.total;
  }
}
