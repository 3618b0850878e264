/**
 * The `Callback` base class: hooks that `fit` calls around training, epochs
 * and batches (Keras semantics). Every hook may be async; `fit` awaits it.
 */
import type { LayersModel } from '../layers-model';

/** Scalars reported to callbacks: `loss`, metric names, `val_*`, `lr`, ... */
export type Logs = Record<string, number>;

/** Base class of every callback. Override the hooks you need. */
export abstract class Callback {
  /** The model being trained; set by `fit` before `onTrainBegin`. */
  model!: LayersModel;
  /** Training parameters, set by `fit`: epochs, steps per epoch (when known), samples. */
  params: { epochs: number; steps?: number; samples?: number; batchSize?: number } = { epochs: 0 };

  setModel(model: LayersModel): void {
    this.model = model;
  }

  setParams(params: Callback['params']): void {
    this.params = params;
  }

  onTrainBegin(_logs?: Logs): void | Promise<void> {}
  onTrainEnd(_logs?: Logs): void | Promise<void> {}
  onEpochBegin(_epoch: number, _logs?: Logs): void | Promise<void> {}
  /** `logs` holds the epoch's training loss/metrics and, with validation, their `val_` versions. */
  onEpochEnd(_epoch: number, _logs?: Logs): void | Promise<void> {}
  onBatchBegin(_batch: number, _logs?: Logs): void | Promise<void> {}
  /** `logs` holds `loss`, `size` (samples in the batch) and running metric values. */
  onBatchEnd(_batch: number, _logs?: Logs): void | Promise<void> {}
}

/** Calls a hook on every callback in order, awaiting each. */
export async function callAll<K extends 'onTrainBegin' | 'onTrainEnd'>(
  callbacks: readonly Callback[],
  hook: K,
  logs?: Logs,
): Promise<void>;
export async function callAll<K extends 'onEpochBegin' | 'onEpochEnd' | 'onBatchBegin' | 'onBatchEnd'>(
  callbacks: readonly Callback[],
  hook: K,
  index: number,
  logs?: Logs,
): Promise<void>;
export async function callAll(
  callbacks: readonly Callback[],
  hook: keyof Callback,
  a?: number | Logs,
  b?: Logs,
): Promise<void> {
  for (const cb of callbacks) {
    // biome-ignore lint/suspicious/noExplicitAny: dispatch by hook name
    await (cb[hook] as any).call(cb, a, b);
  }
}
