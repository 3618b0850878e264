/**
 * Unstructured magnitude pruning, as in the TensorFlow Model Optimization
 * Toolkit: a schedule drives the sparsity of the chosen kernels up while the
 * model trains; the weights with the smallest magnitudes (per layer or over
 * all pruned layers at once) are set to exactly zero and kept at zero after
 * every optimizer step. Optional N:M block sparsity (e.g. 2:4).
 */
import { ConfigError, dispose, ops, type Tensor, tensor, tidy } from '@convkit/core';
import { Callback, type LayersModel, type LayerWeight, type Logs, modelFromConfig } from '@convkit/layers';
import { kernelWeights, sizeOf } from './stats';

/** When and how much to prune: the target sparsity at each optimizer step. */
export interface PruningSchedule {
  /** Serialised name, e.g. `'PolynomialDecay'`. */
  readonly className: string;
  /** Target fraction of zeros at `step` (0-based count of optimizer steps). */
  sparsityAt(step: number): number;
  /** Whether the masks are recomputed at `step`. */
  shouldPrune(step: number): boolean;
  /**
   * The options that rebuild this schedule.
   *
   * @returns A JSON-able object.
   */
  getConfig(): Record<string, unknown>;
}

function checkFraction(where: string, name: string, v: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v >= 1) {
    throw new ConfigError(`${where}: ${name} must be in [0, 1), got ${String(v)}`);
  }
  return v;
}

function checkStep(where: string, name: string, v: number, allowMinusOne = false): number {
  if (!Number.isInteger(v) || (v < 0 && !(allowMinusOne && v === -1))) {
    throw new ConfigError(
      `${where}: ${name} must be a non-negative integer${allowMinusOne ? ' or -1' : ''}, got ${String(v)}`,
    );
  }
  return v;
}

/** Options of `ConstantSparsity`. */
export interface ConstantSparsityOptions {
  /** Fraction of weights set to zero, in [0, 1). */
  targetSparsity: number;
  /**
   * First step at which to prune. Default 0.
   *
   * @defaultValue `0`
   */
  beginStep?: number;
  /**
   * Last step at which the masks are updated; -1 (default) for no end.
   *
   * @defaultValue `-1`
   */
  endStep?: number;
  /**
   * Steps between mask updates. Default 100.
   *
   * @defaultValue `100`
   */
  frequency?: number;
}

/**
 * The same sparsity from `beginStep` on, masks updated every `frequency` steps (TFMOT `ConstantSparsity`).
 *
 * @example
 * ```ts
 * import { ConstantSparsity, pruneLowMagnitude } from '@convkit/compress';
 *
 * const pruner = pruneLowMagnitude(model, { schedule: new ConstantSparsity({ targetSparsity: 0.5, frequency: 100 }) });
 * ```
 */
export class ConstantSparsity implements PruningSchedule {
  /** Serialised name. */
  readonly className = 'ConstantSparsity';
  /** Fraction of zeros kept from `beginStep` on. */
  readonly targetSparsity: number;
  /** First step at which masks are computed. */
  readonly beginStep: number;
  /** Last step at which masks are computed (−1: no end). */
  readonly endStep: number;
  /** Steps between two mask updates. */
  readonly frequency: number;

  /**
   * @param options - `targetSparsity` (required), `beginStep` (default 0), `endStep` (default −1: no end), `frequency` (default 100).
   * @throws {ConfigError} when an option is out of range.
   */
  constructor(options: ConstantSparsityOptions) {
    const w = 'ConstantSparsity';
    this.targetSparsity = checkFraction(w, 'targetSparsity', options.targetSparsity);
    this.beginStep = checkStep(w, 'beginStep', options.beginStep ?? 0);
    this.endStep = checkStep(w, 'endStep', options.endStep ?? -1, true);
    this.frequency = checkStep(w, 'frequency', options.frequency ?? 100);
    if (this.frequency < 1) throw new ConfigError(`${w}: frequency must be at least 1`);
    if (this.endStep !== -1 && this.endStep < this.beginStep) {
      throw new ConfigError(`${w}: endStep (${this.endStep}) is before beginStep (${this.beginStep})`);
    }
  }

  sparsityAt(step: number): number {
    return step >= this.beginStep ? this.targetSparsity : 0;
  }

  shouldPrune(step: number): boolean {
    return inWindow(step, this.beginStep, this.endStep, this.frequency);
  }

  getConfig(): Record<string, unknown> {
    return {
      targetSparsity: this.targetSparsity,
      beginStep: this.beginStep,
      endStep: this.endStep,
      frequency: this.frequency,
    };
  }
}

/** Options of `PolynomialDecay`. */
export interface PolynomialDecayOptions {
  /**
   * Sparsity at `beginStep`. Default 0.
   *
   * @defaultValue `0`
   */
  initialSparsity?: number;
  /** Sparsity reached at `endStep` and kept afterwards. */
  finalSparsity: number;
  /**
   * Default 0.
   *
   * @defaultValue `0`
   */
  beginStep?: number;
  /** Step at which `finalSparsity` is reached (required, > beginStep). */
  endStep: number;
  /**
   * Exponent of the decay; 3 (default) prunes fast early and slowly near the end.
   *
   * @defaultValue `3`
   */
  power?: number;
  /**
   * Steps between mask updates. Default 100.
   *
   * @defaultValue `100`
   */
  frequency?: number;
}

/**
 * Sparsity rising from `initialSparsity` to `finalSparsity` between
 * `beginStep` and `endStep` as `final + (initial − final)·(1 − t)^power`,
 * `t = (step − begin)/(end − begin)` (TFMOT `PolynomialDecay`). Masks are
 * updated every `frequency` steps inside that window, and at `endStep`.
 */
export class PolynomialDecay implements PruningSchedule {
  /** Serialised name. */
  readonly className = 'PolynomialDecay';
  /** Sparsity at `beginStep`. */
  readonly initialSparsity: number;
  /** Sparsity reached at `endStep` and kept afterwards. */
  readonly finalSparsity: number;
  /** First step of the ramp. */
  readonly beginStep: number;
  /** Last step of the ramp. */
  readonly endStep: number;
  /** Exponent of the ramp (3 in TFMOT: fast early, slow near the end). */
  readonly power: number;
  /** Steps between two mask updates. */
  readonly frequency: number;

  /**
   * @param options - `finalSparsity` and `endStep` (required), `initialSparsity`, `beginStep`, `power`, `frequency`.
   * @throws {ConfigError} when an option is out of range or `endStep < beginStep`.
   */
  constructor(options: PolynomialDecayOptions) {
    const w = 'PolynomialDecay';
    this.initialSparsity = checkFraction(w, 'initialSparsity', options.initialSparsity ?? 0);
    this.finalSparsity = checkFraction(w, 'finalSparsity', options.finalSparsity);
    this.beginStep = checkStep(w, 'beginStep', options.beginStep ?? 0);
    this.endStep = checkStep(w, 'endStep', options.endStep);
    this.power = options.power ?? 3;
    this.frequency = checkStep(w, 'frequency', options.frequency ?? 100);
    if (this.frequency < 1) throw new ConfigError(`${w}: frequency must be at least 1`);
    if (this.endStep <= this.beginStep) {
      throw new ConfigError(`${w}: endStep (${this.endStep}) must be after beginStep (${this.beginStep})`);
    }
    if (!Number.isFinite(this.power) || this.power <= 0) {
      throw new ConfigError(`${w}: power must be a positive number, got ${this.power}`);
    }
  }

  sparsityAt(step: number): number {
    if (step < this.beginStep) return 0;
    const t = Math.min(1, (step - this.beginStep) / (this.endStep - this.beginStep));
    return this.finalSparsity + (this.initialSparsity - this.finalSparsity) * (1 - t) ** this.power;
  }

  shouldPrune(step: number): boolean {
    return inWindow(step, this.beginStep, this.endStep, this.frequency) || step === this.endStep;
  }

  getConfig(): Record<string, unknown> {
    return {
      initialSparsity: this.initialSparsity,
      finalSparsity: this.finalSparsity,
      beginStep: this.beginStep,
      endStep: this.endStep,
      power: this.power,
      frequency: this.frequency,
    };
  }
}

function inWindow(step: number, begin: number, end: number, frequency: number): boolean {
  return step >= begin && (end === -1 || step <= end) && (step - begin) % frequency === 0;
}

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
 * With a custom training loop call `pruner.step()` after each optimizer update.
 */
export class MagnitudePruner {
  /** Optimizer steps seen so far (the schedule's clock). */
  stepCount = 0;
  private readonly masks = new Map<LayerWeight, Tensor>();
  private readonly targets: LayerWeight[];
  private stripped = false;

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

  /** Recomputes the masks for `sparsity` (default: the schedule's value now) and applies them. */
  updateMasks(sparsity = this.options.schedule.sparsityAt(this.stepCount)): void {
    this.checkLive();
    const values = this.targets.map((w) => w.variable.dataSync() as Float32Array);
    let masks: Uint8Array[];
    if (this.options.blockSparsity) {
      masks = this.targets.map((w, i) => blockMask(values[i], w.shape, this.options.blockSparsity!));
    } else if (this.options.scope === 'global') {
      masks = globalMasks(values, sparsity);
    } else {
      masks = values.map((v) => magnitudeMask(v, sparsity));
    }
    this.targets.forEach((w, i) => {
      this.masks.get(w)?.dispose();
      const m = new Float32Array(masks[i].length);
      for (let j = 0; j < m.length; j++) m[j] = masks[i][j];
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
  step(): void {
    this.stepCount++;
    if (this.options.schedule.shouldPrune(this.stepCount)) this.updateMasks();
    else this.applyMasks();
  }

  /** A callback for `fit`: prunes at step 0 when the schedule says so, then after every batch. */
  callback(): Callback {
    return new PruningCallback(this);
  }

  /** Fraction of exact zeros in each pruned kernel, and overall. */
  sparsity(): {
    /** One entry per pruned kernel. */
    weights: WeightSparsity[];
    /** Zeros over all pruned kernels. */
    overall: number;
  } {
    let size = 0;
    let zeros = 0;
    const weights = this.targets.map((w) => {
      const data = w.variable.dataSync();
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
   * plain model (its zeros stay, nothing else is attached to it) and is returned.
   */
  strip(): LayersModel {
    if (this.stripped) return this.model;
    this.applyMasks();
    dispose([...this.masks.values()]);
    this.masks.clear();
    this.stripped = true;
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

  override onTrainBegin(): void {
    const p = this.pruner;
    if (p.stepCount === 0 && p.options.schedule.shouldPrune(0)) p.updateMasks();
    else p.applyMasks();
  }

  override onBatchEnd(_batch: number, _logs?: Logs): void {
    this.pruner.step();
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
 * console.log(pruner.sparsity().overall); // ≈ 0.8
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
 * @returns The pruner, with fixed masks.
 * @throws {ConfigError} for an invalid option or an unknown layer name.
 * @example
 * ```ts
 * import { pruneOneShot } from '@convkit/compress';
 *
 * const pruner = pruneOneShot(model, { sparsity: 0.5, blockSparsity: [2, 4] });
 * await model.fit(xTrain, yTrain, { epochs: 1, callbacks: [pruner.callback()] });
 * pruner.strip();
 * ```
 */
export function pruneOneShot(model: LayersModel, options: PruneOneShotOptions): MagnitudePruner {
  const pruner = new MagnitudePruner(model, {
    schedule: new ConstantSparsity({ targetSparsity: options.sparsity, beginStep: 0, endStep: 0, frequency: 1 }),
    layers: options.layers,
    scope: options.scope,
    blockSparsity: options.blockSparsity,
  });
  pruner.updateMasks(options.sparsity);
  return pruner;
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

/** The kernels of the named layers (default: every kernel layer), with clear errors. */
export function selectKernels(model: LayersModel, layers: string[] | undefined, where: string): LayerWeight[] {
  if (layers === undefined) {
    const all = model.layers.flatMap(kernelWeights);
    if (all.length === 0) throw new ConfigError(`${where}: ${model.describe()} has no Conv2D or Dense kernels`);
    return all;
  }
  return layers.flatMap((name) => {
    const layer = model.getLayer(name);
    const ks = kernelWeights(layer);
    if (ks.length === 0) {
      throw new ConfigError(
        `${where}: ${layer.describe()} has no kernel (only Conv2D, DepthwiseConv2D, SeparableConv2D and Dense layers can be)`,
      );
    }
    return ks;
  });
}

/** 1 where |v| is among the largest (1 − sparsity)·n magnitudes, 0 for exactly round(sparsity·n) entries. */
export function magnitudeMask(values: Float32Array, sparsity: number): Uint8Array {
  const n = values.length;
  const k = Math.min(n, Math.round(sparsity * n));
  const mask = new Uint8Array(n).fill(1);
  if (k === 0) return mask;
  const order = argsortByMagnitude(values);
  for (let i = 0; i < k; i++) mask[order[i]] = 0;
  return mask;
}

function argsortByMagnitude(values: Float32Array): Uint32Array {
  const order = new Uint32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const abs = new Float32Array(values.length);
  for (let i = 0; i < abs.length; i++) abs[i] = Math.abs(values[i]);
  // Stable on ties (by index), so the same weights are chosen run after run.
  return order.sort((a, b) => abs[a] - abs[b] || a - b);
}

/** Masks with one magnitude ranking across all kernels: exactly round(sparsity·total) zeros. */
export function globalMasks(values: readonly Float32Array[], sparsity: number): Uint8Array[] {
  const total = values.reduce((a, v) => a + v.length, 0);
  const all = new Float32Array(total);
  let off = 0;
  for (const v of values) {
    all.set(v, off);
    off += v.length;
  }
  const flat = magnitudeMask(all, sparsity);
  off = 0;
  return values.map((v) => {
    const m = flat.slice(off, off + v.length);
    off += v.length;
    return m;
  });
}

/**
 * N:M mask of a kernel: groups of M consecutive entries along the input-channel
 * axis (axis rank−2: `cin` of an HWIO conv kernel, the input features of a
 * Dense kernel) keep their N largest magnitudes. A shorter last group keeps
 * min(N, its length).
 */
export function blockMask(values: Float32Array, shape: readonly number[], [n, m]: [number, number]): Uint8Array {
  const rank = shape.length;
  const cout = shape[rank - 1];
  const cin = shape[rank - 2];
  const outer = sizeOf(shape.slice(0, rank - 2));
  const mask = new Uint8Array(values.length);
  const idx: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (let c0 = 0; c0 < cin; c0 += m) {
      const len = Math.min(m, cin - c0);
      for (let j = 0; j < cout; j++) {
        idx.length = 0;
        for (let c = c0; c < c0 + len; c++) idx.push((o * cin + c) * cout + j);
        idx.sort((a, b) => Math.abs(values[b]) - Math.abs(values[a]) || a - b);
        for (let t = 0; t < Math.min(n, len); t++) mask[idx[t]] = 1;
      }
    }
  }
  return mask;
}
