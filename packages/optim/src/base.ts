/**
 * Shared machinery of every optimizer: learning rate (constant or scheduled),
 * gradient clipping, iteration counting, per-variable state slots and their
 * serialisation. Subclasses write the update rule (`updateVariable`) and,
 * where a fused op exists, the batched form over all variables of a step
 * (`updateVariables`).
 */
import {
  ConfigError,
  clone,
  formatShape,
  type GradientPair,
  type LearningRateSchedule,
  type NamedState,
  type Optimizer,
  ShapeError,
  type Tensor,
  tidy,
  type Variable,
  variable,
  zerosLike,
} from '@convkit/core';
import { clipByGlobalNorm, clipByNorm, clipByValue } from './clip';
import { type ScheduleConfig, scheduleFromConfig } from './schedules/from-config';
import { checkNonNegative, checkOptionKeys, checkPositive } from './validate';

/** Options every optimizer accepts. */
export interface OptimizerOptions {
  /**
   * A constant (`>= 0`), a schedule `(step) => lr` such as `cosineDecay(...)`,
   * or a schedule's serialised `{ className, config }` (as `getConfig()` writes it).
   * Step `t` (0-based, `iterations` before the update) uses `schedule(t)`.
   */
  learningRate?: number | LearningRateSchedule | ScheduleConfig;
  /** Rescale each gradient tensor separately to at most this L2 norm. Exclusive with `globalClipNorm`. */
  clipNorm?: number;
  /** Rescale all gradients of a step together to at most this global L2 norm. Exclusive with `clipNorm`. */
  globalClipNorm?: number;
  /** Clip every gradient element to `[-clipValue, clipValue]` (applied before any norm clipping). */
  clipValue?: number;
}

const COMMON_KEYS = ['learningRate', 'clipNorm', 'globalClipNorm', 'clipValue'] as const;

/** What `BaseOptimizer` reads from the concrete class being constructed. */
interface OptimizerClass {
  readonly className: string;
  readonly optionKeys: readonly string[];
}

let nextOptimizerId = 0;

/**
 * Base class implementing core's `Optimizer` interface. A subclass declares
 * `static className` (its serialised name) and `static optionKeys` (the option
 * names it adds to `OptimizerOptions`) and implements `updateVariable`.
 */
export abstract class BaseOptimizer implements Optimizer {
  /** Serialised name; each subclass overrides it. */
  static readonly className: string = 'BaseOptimizer';
  /** Option names a subclass accepts on top of the common ones; unknown names are a `ConfigError`. */
  static readonly optionKeys: readonly string[] = [];

  /** Stable name used in saved configs, e.g. `'Adam'`. */
  readonly className: string;
  /** Per-tensor L2 clipping norm, if configured ({@link OptimizerOptions.clipNorm}). */
  protected readonly clipNorm?: number;
  /** Global L2 clipping norm, if configured ({@link OptimizerOptions.globalClipNorm}). */
  protected readonly globalClipNorm?: number;
  /** Element-wise clipping bound, if configured ({@link OptimizerOptions.clipValue}). */
  protected readonly clipValue?: number;
  private schedule: LearningRateSchedule | undefined;
  private constantLr: number;
  private steps = 0;
  /** Keeps this optimizer's slot variables apart from another's in tfjs's global variable registry. */
  private readonly uid = nextOptimizerId++;
  /** Per-variable state slots, keyed by slot name then variable name. */
  private readonly slots = new Map<string, Map<string, Variable>>();

  /**
   * @param options - The common options plus the subclass's `optionKeys`.
   * @param defaultLearningRate - Learning rate when `options.learningRate` is not given.
   * @throws {ConfigError} for an unknown option, a negative learning rate, a
   *   non-positive clip value, or `clipNorm` together with `globalClipNorm`.
   */
  protected constructor(options: OptimizerOptions, defaultLearningRate: number) {
    const meta = new.target as unknown as OptimizerClass;
    this.className = meta.className;
    const owner = this.className;
    checkOptionKeys(owner, options, [...COMMON_KEYS, ...meta.optionKeys]);
    const lr: unknown = options.learningRate ?? defaultLearningRate;
    if (typeof lr === 'function') {
      this.schedule = lr as LearningRateSchedule;
      this.constantLr = Number.NaN;
    } else if (typeof lr === 'object' && lr !== null) {
      this.schedule = scheduleFromConfig(lr as ScheduleConfig);
      this.constantLr = Number.NaN;
    } else {
      checkNonNegative(owner, 'learningRate', lr);
      this.constantLr = lr as number;
    }
    for (const key of ['clipNorm', 'globalClipNorm', 'clipValue'] as const) {
      if (options[key] !== undefined) checkPositive(owner, key, options[key]);
    }
    if (options.clipNorm !== undefined && options.globalClipNorm !== undefined) {
      throw new ConfigError(`${owner}: set either clipNorm (per tensor) or globalClipNorm (all gradients), not both`);
    }
    this.clipNorm = options.clipNorm;
    this.globalClipNorm = options.globalClipNorm;
    this.clipValue = options.clipValue;
  }

  /**
   * The learning rate the next step uses (`schedule(iterations)` when scheduled).
   * Setting it replaces any schedule by a constant.
   *
   * @throws {ConfigError} when reading it and the schedule returns a negative or
   *   non-finite value, or when setting a negative or non-finite value.
   */
  get learningRate(): number {
    if (!this.schedule) return this.constantLr;
    const lr = this.schedule(this.steps);
    if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) {
      throw new ConfigError(
        `${this.className}: the learning-rate schedule returned ${String(lr)} at step ${this.steps}; expected a finite number >= 0`,
      );
    }
    return lr;
  }

  /**
   * Sets a constant learning rate, replacing any schedule (what `ReduceLROnPlateau` does).
   *
   * @param value - New learning rate, `>= 0`.
   * @throws {ConfigError} when `value` is negative or not finite.
   */
  set learningRate(value: number) {
    checkNonNegative(this.className, 'learningRate', value);
    this.schedule = undefined;
    this.constantLr = value;
  }

  /** Number of `applyGradients` calls so far. */
  get iterations(): number {
    return this.steps;
  }

  /**
   * Clips the gradients as configured, then updates every variable. Frees
   * every intermediate; the gradients stay the caller's. An empty list is a
   * no-op and does not count as a step.
   *
   * @param pairs - Each variable with its gradient for this step.
   * @throws {ShapeError} when a gradient's shape differs from its variable's, or
   *   when restored state does not match a variable.
   * @throws {ConfigError} when a learning-rate schedule returns an invalid value.
   */
  applyGradients(pairs: readonly GradientPair[]): void {
    if (pairs.length === 0) return;
    for (const { variable: v, gradient: g } of pairs) {
      if (g.shape.length !== v.shape.length || g.shape.some((d, i) => d !== v.shape[i])) {
        throw new ShapeError(
          `${this.className}.applyGradients: gradient of '${v.name}' has shape ${formatShape(g.shape)}, expected ${formatShape(v.shape)}`,
        );
      }
    }
    const lr = this.learningRate;
    const step = this.steps + 1;
    tidy(() => {
      let grads = pairs.map((p) => p.gradient);
      const { clipValue, clipNorm, globalClipNorm } = this;
      if (clipValue !== undefined) grads = grads.map((g) => clipByValue(g, clipValue));
      if (clipNorm !== undefined) grads = grads.map((g) => clipByNorm(g, clipNorm));
      if (globalClipNorm !== undefined) grads = clipByGlobalNorm(grads, globalClipNorm);
      const variables = pairs.map((p) => p.variable);
      // A variable listed twice gets two updates in turn, which only the per-variable path does.
      if (new Set(variables).size === variables.length) this.updateVariables(variables, grads, lr, step);
      else variables.forEach((v, i) => this.updateVariable(v, grads[i], lr, step));
    });
    this.steps = step;
  }

  /**
   * Updates `v` from gradient `g`; runs inside a `tidy`, so intermediates need
   * no care.
   *
   * @param v - The variable to update in place (`v.assign(...)`).
   * @param g - Its gradient, already clipped.
   * @param lr - The learning rate of this step.
   * @param step - 1-based step number (what bias corrections expect).
   */
  protected abstract updateVariable(v: Variable, g: Tensor, lr: number, step: number): void;

  /**
   * Updates all variables of a step at once; runs inside a `tidy`. The
   * default calls {@link BaseOptimizer.updateVariable} for each; Adam, AdamW,
   * SGD and RMSprop override it with one fused op over every variable
   * (`ops.fusedAdamUpdate`, ...), which a backend can run as a single kernel.
   * Clipping has already been applied to `grads`.
   *
   * @param variables - Distinct variables to update in place.
   * @param grads - Their gradients, in the same order, already clipped.
   * @param lr - The learning rate of this step.
   * @param step - 1-based step number.
   */
  protected updateVariables(variables: readonly Variable[], grads: readonly Tensor[], lr: number, step: number): void {
    variables.forEach((v, i) => {
      this.updateVariable(v, grads[i], lr, step);
    });
  }

  /**
   * The state slot `name` of `v`, created on first use from `init` (zeros by default).
   *
   * @param name - Slot name, e.g. `'m'`.
   * @param v - The variable the slot belongs to.
   * @param init - Initial value; default zeros of `v`'s shape.
   * @returns The slot variable (owned by the optimizer).
   * @throws {ShapeError} when a restored slot's shape differs from `v`'s.
   */
  protected slot(name: string, v: Variable, init?: () => Tensor): Variable {
    let bySlot = this.slots.get(name);
    if (!bySlot) {
      bySlot = new Map();
      this.slots.set(name, bySlot);
    }
    let s = bySlot.get(v.name);
    if (!s) {
      s = tidy(() => variable(init ? init() : zerosLike(v), false, this.slotVariableName(name, v.name), v.dtype));
      bySlot.set(v.name, s);
    } else if (s.shape.length !== v.shape.length || s.shape.some((d, i) => d !== v.shape[i])) {
      throw new ShapeError(
        `${this.className}: state '${name}:${v.name}' has shape ${formatShape(s.shape)} but the variable has ${formatShape(v.shape)} (restored from another model?)`,
      );
    }
    return s;
  }

  private slotVariableName(slotName: string, varName: string): string {
    return `${varName}/${this.className}_${this.uid}/${slotName}`;
  }

  /**
   * Serialisable hyper-parameters, accepted back by the constructor. A
   * schedule appears as its `{ className, config }`; a plain function without
   * `config` cannot be serialised and appears as its current value.
   *
   * @returns The options, JSON-able.
   */
  getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = {
      learningRate: this.schedule?.config ?? this.learningRate,
    };
    if (this.clipNorm !== undefined) config.clipNorm = this.clipNorm;
    if (this.globalClipNorm !== undefined) config.globalClipNorm = this.globalClipNorm;
    if (this.clipValue !== undefined) config.clipValue = this.clipValue;
    return config;
  }

  /**
   * Copies of all state slots, named `slot:variableName`.
   *
   * @returns New tensors, which the caller disposes.
   */
  getState(): NamedState[] {
    const out: NamedState[] = [];
    for (const [slotName, bySlot] of this.slots) {
      for (const [varName, s] of bySlot) out.push({ name: `${slotName}:${varName}`, tensor: clone(s) });
    }
    return out;
  }

  /**
   * Replaces the state by the one `getState` returned and sets `iterations`.
   * The tensors stay the caller's (the optimizer keeps its own reference).
   * A restored slot is matched to a variable by name on the next step.
   *
   * @param state - Slots as {@link BaseOptimizer.getState} returned them.
   * @param iterations - Step count to resume from (integer `>= 0`).
   * @throws {ConfigError} for a negative/non-integer `iterations` or a malformed slot name.
   */
  setState(state: readonly NamedState[], iterations: number): void {
    if (!Number.isInteger(iterations) || iterations < 0) {
      throw new ConfigError(`${this.className}.setState: iterations must be an integer >= 0, got ${iterations}`);
    }
    const parsed = state.map(({ name, tensor }) => {
      const i = name.indexOf(':');
      if (i <= 0 || i === name.length - 1) {
        throw new ConfigError(
          `${this.className}.setState: malformed state name '${name}', expected 'slot:variableName'`,
        );
      }
      return { slotName: name.slice(0, i), varName: name.slice(i + 1), tensor };
    });
    this.disposeSlots();
    for (const { slotName, varName, tensor } of parsed) {
      let bySlot = this.slots.get(slotName);
      if (!bySlot) {
        bySlot = new Map();
        this.slots.set(slotName, bySlot);
      }
      bySlot.get(varName)?.dispose();
      // Shares the tensor's data (reference-counted): `assign` later swaps in new data, never writes into it.
      bySlot.set(varName, variable(tensor, false, this.slotVariableName(slotName, varName)));
    }
    this.steps = iterations;
  }

  private disposeSlots(): void {
    for (const bySlot of this.slots.values()) for (const s of bySlot.values()) s.dispose();
    this.slots.clear();
  }

  /** Frees all state tensors. The optimizer stays usable and starts from fresh state. */
  dispose(): void {
    this.disposeSlots();
  }
}
