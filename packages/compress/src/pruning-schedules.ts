/** Pruning schedules: the target sparsity at each optimizer step (as in the TensorFlow Model Optimization Toolkit). */
import { ConfigError } from '@convkit/core';

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

export function checkFraction(where: string, name: string, v: number): number {
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
