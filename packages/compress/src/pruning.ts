/**
 * Unstructured magnitude pruning, as in the TensorFlow Model Optimization
 * Toolkit: a schedule drives the sparsity of the chosen kernels up while the
 * model trains; the weights with the smallest magnitudes (per layer or over
 * all pruned layers at once) are set to exactly zero and kept at zero after
 * every optimizer step. Optional N:M block sparsity (e.g. 2:4). Schedules are
 * in `./pruning-schedules`, masks in `./pruning-masks` (both re-exported here).
 */
import { ConfigError, dispose, ops, type Tensor, tensor, tidy } from '@convkit/core';
import { Callback, type LayersModel, type LayerWeight, type Logs, modelFromConfig } from '@convkit/layers';
import { useSparseKernels } from './inference-kernels';
import { blockMask, globalMasks, magnitudeMask, selectKernels } from './pruning-masks';
import { ConstantSparsity, type PruningSchedule } from './pruning-schedules';

export * from './pruning-masks';
export * from './pruning-schedules';

/** Options of `pruneLowMagnitude`. */
export interface PruneLowMagnitudeOptions {
  /** Drives the sparsity over optimizer steps. */
  schedule: PruningSchedule;
  /**
   * Names of the layers to prune. Default: every Conv2D, DepthwiseConv2D,
   * SeparableConv2D and Dense layer. Only kernels are pruned, never biases.
   *
   * @defaultValue every Conv2D, DepthwiseConv2D, SeparableConv2D and Dense layer
   */
  layers?: string[];
  /**
   * `'layer'` (default): each kernel reaches the target sparsity on its own.
   * `'global'`: one magnitude threshold over all pruned kernels, so layers with
   * many small weights (usually the large Dense ones) are pruned more.
   *
   * @defaultValue `'layer'`
   */
  scope?: 'layer' | 'global';
  /**
   * N:M block sparsity, e.g. `[2, 4]`: in every group of M consecutive input
   * channels (for each output channel and kernel position) only the N largest
   * weights are kept — the pattern sparse tensor cores accelerate. The
   * schedule then only decides when the masks are computed; the sparsity is 1 − N/M.
   */
  blockSparsity?: [number, number];
}

/** Sparsity of one pruned kernel. */
export interface WeightSparsity {
  /** Weight name, e.g. `'conv2d_1/kernel'`. */
  weight: string;
  /** Number of elements. */
  size: number;
  /** Number of exact zeros. */
  zeros: number;
  /** `zeros / size`. */
  sparsity: number;
}

/**
 * Prunes the kernels of a model by magnitude while it trains. Create it with
 * `pruneLowMagnitude`, pass `pruner.callback()` to `fit` (it recomputes the
 * masks when the schedule says so and re-applies them after every optimizer
 * step, so pruned weights stay exactly zero), then call `strip()`.
 * With a custom training loop call `await pruner.step()` after each optimizer update.
 * Kernel values are read asynchronously, all pruned kernels in one batch.
 */
export class MagnitudePruner {
  /** Optimizer steps seen so far (the schedule's clock). */
  stepCount = 0;
  private readonly masks = new Map<LayerWeight, Tensor>();
  private readonly targets: LayerWeight[];
  private stripped = false;
  private fixedMasks = false;

  constructor(
    /** The model being pruned (in place). */
    readonly model: LayersModel,
    /** The options it was created with. */
    readonly options: PruneLowMagnitudeOptions,
  ) {
    this.targets = selectKernels(model, options.layers, 'pruneLowMagnitude');
    const bs = options.blockSparsity;
    if (bs !== undefined) {
      const [n, m] = bs;
      if (!Number.isInteger(n) || !Number.isInteger(m) || n < 1 || m < 2 || n >= m) {
        throw new ConfigError(
          `pruneLowMagnitude: blockSparsity must be [N, M] with 1 ≤ N < M, got ${JSON.stringify(bs)}`,
        );
      }
    }
    if (options.scope !== undefined && options.scope !== 'layer' && options.scope !== 'global') {
      throw new ConfigError(`pruneLowMagnitude: scope must be 'layer' or 'global', got ${String(options.scope)}`);
    }
  }

  /** The kernels being pruned. */
  get weights(): readonly LayerWeight[] {
    return this.targets;
  }

  /** The sparsity the schedule asks for now. */
  get targetSparsity(): number {
    const bs = this.options.blockSparsity;
    if (bs) return this.masks.size > 0 ? 1 - bs[0] / bs[1] : 0;
    return this.options.schedule.sparsityAt(this.stepCount);
  }

  /**
   * Recomputes the masks for `sparsity` (default: the schedule's value now) and
   * applies them. Reads every pruned kernel in one batch of asynchronous reads.
   */
  async updateMasks(sparsity = this.options.schedule.sparsityAt(this.stepCount)): Promise<void> {
    this.checkLive();
    const values = await readAll(this.targets);
    let masks: Uint8Array[];
    if (this.options.blockSparsity) {
      masks = this.targets.map((w, i) => blockMask(values[i], w.shape, this.options.blockSparsity!));
    } else if (this.options.scope === 'global') {
      masks = globalMasks(values, sparsity);
    } else {
      masks = values.map((v) => magnitudeMask(v, sparsity));
    }
    this.fixedMasks = false;
    this.useMasks(masks);
  }

  /**
   * Fixes the masks (1 keeps a weight, 0 zeroes it), one per pruned kernel in
   * `weights` order, and applies them. The schedule no longer recomputes them
   * (only an explicit `updateMasks()` does); `pruneRandom` uses it for its random masks.
   *
   * @param masks - One 0/1 array per kernel, of the kernel's size.
   * @throws {ConfigError} when a mask has the wrong count or length, or after `strip()`.
   */
  setMasks(masks: readonly Uint8Array[]): void {
    this.checkLive();
    this.useMasks(masks);
    this.fixedMasks = true;
  }

  /** Whether `setMasks` fixed the masks (the schedule then leaves them alone). */
  get masksFixed(): boolean {
    return this.fixedMasks;
  }

  private useMasks(masks: readonly Uint8Array[]): void {
    if (masks.length !== this.targets.length) {
      throw new ConfigError(`MagnitudePruner.setMasks: ${masks.length} masks for ${this.targets.length} kernels`);
    }
    this.targets.forEach((w, i) => {
      const n = w.shape.reduce((a, b) => a * b, 1);
      if (masks[i].length !== n) {
        throw new ConfigError(
          `MagnitudePruner.setMasks: the mask of '${w.name}' has ${masks[i].length} entries, the kernel ${n}`,
        );
      }
    });
    this.targets.forEach((w, i) => {
      this.masks.get(w)?.dispose();
      const m = new Float32Array(masks[i].length);
      for (let j = 0; j < m.length; j++) m[j] = masks[i][j] ? 1 : 0;
      this.masks.set(w, tensor(m, w.shape, 'float32'));
    });
    this.applyMasks();
  }

  /** Multiplies every pruned kernel by its mask (no-op before the first mask). */
  applyMasks(): void {
    this.checkLive();
    for (const [w, mask] of this.masks) {
      const masked = tidy(() => ops.mul(w.variable, mask));
      w.variable.assign(masked);
      masked.dispose();
    }
  }

  /**
   * Advances the schedule by one optimizer step: recomputes the masks when the
   * schedule says so, then re-applies them. Call after every optimizer update
   * (the callback does it for you).
   */
  step(): Promise<void> {
    this.checkLive();
    this.stepCount++;
    if (!this.fixedMasks && this.options.schedule.shouldPrune(this.stepCount)) return this.updateMasks();
    this.applyMasks();
    return Promise.resolve();
  }

  /** A callback for `fit`: prunes at step 0 when the schedule says so, then after every batch. */
  callback(): Callback {
    return new PruningCallback(this);
  }

  /** Fraction of exact zeros in each pruned kernel, and overall (one batch of asynchronous reads). */
  async sparsity(): Promise<{
    /** One entry per pruned kernel. */
    weights: WeightSparsity[];
    /** Zeros over all pruned kernels. */
    overall: number;
  }> {
    let size = 0;
    let zeros = 0;
    const all = await readAll(this.targets);
    const weights = this.targets.map((w, i) => {
      const data = all[i];
      let z = 0;
      for (let i = 0; i < data.length; i++) if (data[i] === 0) z++;
      size += data.length;
      zeros += z;
      return { weight: w.name, size: data.length, zeros: z, sparsity: z / data.length };
    });
    return { weights, overall: size ? zeros / size : 0 };
  }

  /**
   * Ends pruning: applies the masks a last time and frees them. The model is a
   * plain model (its zeros stay, no mask is attached to it) and is returned; its Conv2D and
   * Dense layers are routed to the sparse inference kernels (`useSparseKernels`), which run
   * the layers that are sparse enough on kernels that skip the zeros.
   */
  strip(): LayersModel {
    if (this.stripped) return this.model;
    this.applyMasks();
    dispose([...this.masks.values()]);
    this.masks.clear();
    this.stripped = true;
    useSparseKernels(this.model);
    return this.model;
  }

  private checkLive(): void {
    if (this.stripped) throw new ConfigError('MagnitudePruner: strip() was called; create a new pruner to prune again');
  }
}

class PruningCallback extends Callback {
  constructor(private readonly pruner: MagnitudePruner) {
    super();
  }

  override async onTrainBegin(): Promise<void> {
    const p = this.pruner;
    if (p.stepCount === 0 && !p.masksFixed && p.options.schedule.shouldPrune(0)) await p.updateMasks();
    else p.applyMasks();
  }

  override async onBatchEnd(_batch: number, _logs?: Logs): Promise<void> {
    await this.pruner.step();
  }
}

/**
 * Starts magnitude pruning of `model` (in place); see `MagnitudePruner`.
 *
 * @param model - A trained model; its kernels are pruned in place.
 * @param options - `schedule` (required), `layers`, `scope` (default `'layer'`), `blockSparsity`.
 * @returns The pruner: pass `pruner.callback()` to `fit`, then call `strip()`.
 * @throws {ConfigError} for an invalid option or an unknown layer name.
 * @example
 * ```ts
 * import { PolynomialDecay, pruneLowMagnitude } from '@convkit/compress';
 *
 * const stepsPerEpoch = 469;
 * const pruner = pruneLowMagnitude(model, {
 *   schedule: new PolynomialDecay({ finalSparsity: 0.8, endStep: 2 * stepsPerEpoch }),
 *   scope: 'global',
 * });
 * await model.fit(xTrain, yTrain, { epochs: 3, batchSize: 128, callbacks: [pruner.callback()] });
 * pruner.strip();
 * console.log((await pruner.sparsity()).overall); // ≈ 0.8
 * ```
 */
export function pruneLowMagnitude(model: LayersModel, options: PruneLowMagnitudeOptions): MagnitudePruner {
  return new MagnitudePruner(model, options);
}

/** Options of `pruneOneShot`. */
export interface PruneOneShotOptions {
  /** Fraction of weights to zero, in [0, 1). Ignored with `blockSparsity`. */
  sparsity: number;
  /**
   * Names of the layers to prune. Default: every Conv2D, DepthwiseConv2D, SeparableConv2D and Dense layer.
   *
   * @defaultValue every Conv2D, DepthwiseConv2D, SeparableConv2D and Dense layer
   */
  layers?: string[];
  /**
   * `'layer'` (default): each kernel on its own; `'global'`: one magnitude threshold over all kernels.
   *
   * @defaultValue `'layer'`
   */
  scope?: 'layer' | 'global';
  /** N:M block sparsity, e.g. `[2, 4]` (the sparsity is then 1 − N/M). */
  blockSparsity?: [number, number];
}

/**
 * Prunes a trained model at once (in place) and returns a pruner whose masks
 * are fixed: pass `pruner.callback()` to `fit` to fine-tune with the pruned
 * weights held at zero, then `strip()`.
 *
 * @param model - A trained model; its kernels are pruned in place.
 * @param options - `sparsity` (required), `layers`, `scope` (default `'layer'`), `blockSparsity`.
 * @returns Resolves to the pruner, with fixed masks.
 * @throws {ConfigError} at once for an invalid option or an unknown layer name.
 * @example
 * ```ts
 * import { pruneOneShot } from '@convkit/compress';
 *
 * const pruner = await pruneOneShot(model, { sparsity: 0.5, blockSparsity: [2, 4] });
 * await model.fit(xTrain, yTrain, { epochs: 1, callbacks: [pruner.callback()] });
 * pruner.strip();
 * ```
 */
export function pruneOneShot(model: LayersModel, options: PruneOneShotOptions): Promise<MagnitudePruner> {
  const pruner = new MagnitudePruner(model, {
    schedule: new ConstantSparsity({ targetSparsity: options.sparsity, beginStep: 0, endStep: 0, frequency: 1 }),
    layers: options.layers,
    scope: options.scope,
    blockSparsity: options.blockSparsity,
  });
  // Invalid options throw at once (above); the kernels are then read asynchronously.
  return pruner.updateMasks(options.sparsity).then(() => pruner);
}

/** The values of `weights`, read asynchronously all at once. */
async function readAll(weights: readonly LayerWeight[]): Promise<Float32Array[]> {
  return Promise.all(weights.map(async (w) => (await w.variable.data()) as Float32Array));
}

/**
 * A copy of `model` whose pruned layers carry an L1 kernel regularizer of
 * `l1`, pushing weights toward zero before (or while) pruning. The copy has
 * the same weights and is not compiled; the original is unchanged.
 */
export function withL1Regularization(model: LayersModel, l1: number, layers?: string[]): LayersModel {
  if (!Number.isFinite(l1) || l1 <= 0) throw new ConfigError(`withL1Regularization: l1 must be > 0, got ${l1}`);
  const names = new Set(selectKernels(model, layers, 'withL1Regularization').map((w) => w.name.split('/')[0]));
  const topology = model.toConfig();
  const configs: Array<{ className: string; config: Record<string, unknown> }> =
    (topology.config.layers as Array<{ className: string; config: Record<string, unknown> }>) ?? [];
  for (const lc of configs) {
    if (!names.has(String(lc.config.name))) continue;
    const reg = { className: 'L1', config: { l1 } };
    if (lc.className === 'SeparableConv2D') {
      lc.config.depthwiseRegularizer = reg;
      lc.config.pointwiseRegularizer = reg;
    } else if (lc.className === 'DepthwiseConv2D') {
      lc.config.depthwiseRegularizer = reg;
    } else {
      lc.config.kernelRegularizer = reg;
    }
  }
  const rebuilt = modelFromConfig(topology);
  const values = model.getWeights();
  try {
    rebuilt.setWeights(values);
  } catch (e) {
    rebuilt.dispose();
    throw e;
  } finally {
    dispose(values);
  }
  return rebuilt;
}
