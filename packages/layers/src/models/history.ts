/** What `fit` returns: per-epoch values of every logged quantity. */
export interface History {
  /** Epoch indices that ran (0-based, offset by `initialEpoch`). */
  epoch: number[];
  /** `loss`, metrics, `val_*` and `lr`, one value per epoch. */
  history: Record<string, number[]>;
}
