/**
 * Shared machinery of every optimizer: learning rate (constant or scheduled),
 * gradient clipping, iteration counting, per-variable state slots and their
 * serialisation. Subclasses only write the update rule (`updateVariable`).
 */
import {
  ConfigError,
  clone,
  type GradientPair,
  type LearningRateSchedule,
  type NamedState,
  type Optimizer,
  ops,
  type Tensor,
  tidy,
  type Variable,
  variable,
  zerosLike,
} from '@convkit/core';
import { clipByGlobalNorm, clipByNorm, clipByValue } from './clip';

/** Options every optimizer accepts. */
export interface OptimizerOptions {
  /** A constant or a schedule `(step) => lr` (see `@convkit/optim` schedules). */
  learningRate?: number | LearningRateSchedule;
  /** Clip each gradient tensor to this L2 norm. */
  clipNorm?: number;
  /** Clip all gradients together to this global L2 norm. */
  globalClipNorm?: number;
  /** Clip every gradient element to `[-clipValue, clipValue]`. */
  clipValue?: number;
}

function checkPositive(owner: string, name: string, value: number | undefined, allowZero = false): void {
  if (value === undefined) return;
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new ConfigError(
      `${owner}: ${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${value}`,
    );
  }
}

/** Validates a number in `[0, 1)` (betas, rho, momentum). */
export function checkUnitInterval(owner: string, name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0 || value >= 1) {
    throw new ConfigError(`${owner}: ${name} must be in [0, 1), got ${value}`);
  }
}

/** Validates a non-negative finite number. */
export function checkNonNegative(owner: string, name: string, value: number): void {
  checkPositive(owner, name, value, true);
}

let nextOptimizerId = 0;
let restoreCount = 0;

/** Base class implementing core's `Optimizer` interface. */
export abstract class BaseOptimizer implements Optimizer {
  abstract readonly className: string;
  private schedule: LearningRateSchedule | undefined;
  private constantLr: number;
  private steps = 0;
  protected readonly clipNorm?: number;
  protected readonly globalClipNorm?: number;
  protected readonly clipValue?: number;
  /** Distinguishes this optimizer's slot variables from another's in tfjs's global variable registry. */
  private readonly uid = nextOptimizerId++;
  /** Per-variable state slots, keyed by slot name then variable name. */
  private readonly slots = new Map<string, Map<string, Variable>>();

  protected constructor(owner: string, options: OptimizerOptions, defaultLr: number) {
    const lr = options.learningRate ?? defaultLr;
    if (typeof lr === 'function') {
      this.schedule = lr;
      this.constantLr = lr(0);
    } else {
      checkPositive(owner, 'learningRate', lr);
      this.constantLr = lr;
    }
    checkPositive(owner, 'clipNorm', options.clipNorm);
    checkPositive(owner, 'globalClipNorm', options.globalClipNorm);
    checkPositive(owner, 'clipValue', options.clipValue);
    this.clipNorm = options.clipNorm;
    this.globalClipNorm = options.globalClipNorm;
    this.clipValue = options.clipValue;
  }

  /** The learning rate the next step uses. Setting it replaces any schedule by a constant. */
  get learningRate(): number {
    return this.schedule ? this.schedule(this.steps) : this.constantLr;
  }

  set learningRate(value: number) {
    checkPositive(this.className, 'learningRate', value);
    this.schedule = undefined;
    this.constantLr = value;
  }

  /** Number of `applyGradients` calls so far. */
  get iterations(): number {
    return this.steps;
  }

  /** Clips (as configured) and applies one update to every pair. The gradients stay the caller's. */
  applyGradients(pairs: readonly GradientPair[]): void {
    if (pairs.length === 0) return;
    const lr = this.learningRate;
    tidy(() => {
      let grads = pairs.map((p) => p.gradient);
      if (this.clipValue !== undefined) grads = grads.map((g) => clipByValue(g, this.clipValue!));
      if (this.clipNorm !== undefined) grads = grads.map((g) => clipByNorm(g, this.clipNorm!));
      if (this.globalClipNorm !== undefined) grads = clipByGlobalNorm(grads, this.globalClipNorm);
      pairs.forEach((p, i) => {
        this.updateVariable(p.variable, grads[i], lr, this.steps + 1);
      });
    });
    this.steps++;
  }

  /**
   * Updates `v` from gradient `g` (inside a `tidy`). `step` is 1-based, as
   * bias corrections expect.
   */
  protected abstract updateVariable(v: Variable, g: Tensor, lr: number, step: number): void;

  /** A state slot of `v` (created on first use with `init`, zeros by default). */
  protected slot(name: string, v: Variable, init?: () => Tensor): Variable {
    let bySlot = this.slots.get(name);
    if (!bySlot) {
      bySlot = new Map();
      this.slots.set(name, bySlot);
    }
    let s = bySlot.get(v.name);
    if (!s) {
      s = tidy(() =>
        variable(init ? init() : zerosLike(v), false, `${v.name}/${this.className}_${this.uid}/${name}`, v.dtype),
      );
      bySlot.set(v.name, s);
    }
    return s;
  }

  /** Hyper-parameters shared by every optimizer. Subclasses add theirs. */
  getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = {
      learningRate: this.schedule?.config ?? this.learningRate,
    };
    if (this.clipNorm !== undefined) config.clipNorm = this.clipNorm;
    if (this.globalClipNorm !== undefined) config.globalClipNorm = this.globalClipNorm;
    if (this.clipValue !== undefined) config.clipValue = this.clipValue;
    return config;
  }

  /** Copies of all state slots, named `slot:variableName`. */
  getState(): NamedState[] {
    const out: NamedState[] = [];
    for (const [slotName, bySlot] of this.slots) {
      for (const [varName, s] of bySlot) out.push({ name: `${slotName}:${varName}`, tensor: clone(s) });
    }
    return out;
  }

  /** Restores state from `getState` (tensors are copied) and the iteration count. */
  setState(state: readonly NamedState[], iterations: number): void {
    this.disposeSlots();
    for (const { name, tensor } of state) {
      const i = name.indexOf(':');
      if (i < 0) throw new ConfigError(`${this.className}.setState: malformed state name '${name}'`);
      const slotName = name.slice(0, i);
      const varName = name.slice(i + 1);
      let bySlot = this.slots.get(slotName);
      if (!bySlot) {
        bySlot = new Map();
        this.slots.set(slotName, bySlot);
      }
      bySlot.set(
        varName,
        variable(
          clone(tensor),
          false,
          `${varName}/${this.className}_${this.uid}/${slotName}/restored_${restoreCount++}`,
        ),
      );
    }
    this.steps = iterations;
  }

  private disposeSlots(): void {
    for (const bySlot of this.slots.values()) for (const s of bySlot.values()) s.dispose();
    this.slots.clear();
  }

  /** Frees all state. */
  dispose(): void {
    this.disposeSlots();
  }
}

/** `a*x + b*y`, the building block of moving averages. */
export function lerp(x: Tensor, y: Tensor, a: number, b: number): Tensor {
  return ops.add(ops.mul(x, a), ops.mul(y, b));
}
