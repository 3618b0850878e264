/**
 * What `EarlyStopping`, `ReduceLROnPlateau` and `ModelCheckpoint` share: a
 * watched log key, whether lower or higher is better, and "did it improve?".
 */
import { ConfigError } from '@convkit/core';

/** Whether the monitored quantity should go down (`min`), up (`max`), or be guessed from its name (`auto`). */
export type MonitorMode = 'auto' | 'min' | 'max';

const HIGHER_IS_BETTER = /(acc|accuracy|precision|recall|f1|auc)$/i;

/** Resolves `auto` like Keras: accuracy-like names are maximised, everything else minimised. */
export function resolveMode(owner: string, monitor: string, mode: MonitorMode = 'auto'): 'min' | 'max' {
  if (mode !== 'auto' && mode !== 'min' && mode !== 'max') {
    throw new ConfigError(`${owner}: mode must be 'auto', 'min' or 'max', got '${String(mode)}'`);
  }
  if (mode !== 'auto') return mode;
  return HIGHER_IS_BETTER.test(monitor) ? 'max' : 'min';
}

/** True when `current` beats `best` by more than `minDelta` in the direction of `mode`. */
export function improved(mode: 'min' | 'max', current: number, best: number, minDelta: number): boolean {
  return mode === 'min' ? current < best - minDelta : current > best + minDelta;
}

/** The worst possible starting value for `mode`. */
export function worst(mode: 'min' | 'max'): number {
  return mode === 'min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}

/** Validates a non-negative finite number option. */
export function checkNonNegative(owner: string, name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new ConfigError(`${owner}: ${name} must be a non-negative number, got ${value}`);
  }
  return value;
}

/** Validates a non-negative integer option. */
export function checkCount(owner: string, name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new ConfigError(`${owner}: ${name} must be a non-negative integer, got ${value}`);
  }
  return value;
}

/**
 * Logs the (once per callback) warning Keras prints when the monitored key is
 * missing, e.g. `val_loss` without validation data.
 */
export function warnMissing(owner: string, monitor: string, available: string[]): void {
  console.warn(
    `${owner}: '${monitor}' is not in the epoch logs (available: ${available.join(', ') || 'none'}); ` +
      'it does nothing this epoch. Pass validationData/validationSplit to fit or monitor another key.',
  );
}
