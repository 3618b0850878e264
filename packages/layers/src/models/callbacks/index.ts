// Training callbacks: the `Callback` base, early stopping, learning-rate control, checkpoints, progress.

export type { CallbackParams, Logs } from './callback';
export { Callback, callAll } from './callback';
export type { CallbackHooks, CallbackLike } from './custom-callback';
export type { EarlyStoppingOptions } from './early-stopping';
export { EarlyStopping } from './early-stopping';
export type { EpochSchedule } from './learning-rate-scheduler';
export { LearningRateScheduler } from './learning-rate-scheduler';
export type { ModelCheckpointOptions } from './model-checkpoint';
export { formatPath, ModelCheckpoint } from './model-checkpoint';
export type { MonitorMode } from './monitor';
export type { ProgressBarOptions, ProgressEvent, ProgressStream } from './progress-bar';
export { ProgressBar } from './progress-bar';
export type { ReduceLROnPlateauOptions } from './reduce-lr-on-plateau';
export { ReduceLROnPlateau } from './reduce-lr-on-plateau';
export type { TerminateOnNaNOptions } from './terminate-on-nan';
export { TerminateOnNaN } from './terminate-on-nan';
