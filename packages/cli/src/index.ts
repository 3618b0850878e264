/**
 * `@convkit/cli` — the `convkit` command (`train`, `evaluate`, `summary`,
 * `compress`, `quickstart`, `attack`, `export`, `import`, `tune`), also usable programmatically: {@link runCli} runs a
 * command line and resolves to its exit code, {@link train} and
 * {@link compress} are the commands as functions, {@link parseCommandLine}
 * turns arguments into typed options.
 *
 * @packageDocumentation
 */

export type { CommonOptions, ParsedCommandLine } from './args';
export { parseCommandLine } from './args';
export { attack, DEFAULT_ATTACK_EPS, DEFAULT_ATTACK_STEPS } from './attack';
export type { AugmentName } from './augment';
export { CLI_BACKENDS, type CliBackend, importWebGPUBackend } from './backends';
export { QUICKSTART, quickstartOptions, runCli } from './cli';
export { COMMAND_NAMES, type CommandName } from './commands';
export { CALIBRATION_IMAGES, compress } from './compress';
export type { TrainTestSets } from './datasets';
export { checkTrainTest, fashionMnistDirs, loadTrainTest } from './datasets';
export type { EvaluationResult } from './evaluate';
export { evaluateSaved, evaluationReport } from './evaluate';
export { describeSystemError, EXIT_BUG, EXIT_USAGE, reportFailure } from './failure';
export { EVALUATE_METRICS, FLAGS, type FlagName, type FlagSpec } from './flags';
export { commandHelp, helpText, USAGE } from './help';
export { type ExportResult, exportSaved, importModel, isKerasPath } from './interop';
export type { PresetBuilder } from './presets';
export { buildPreset, getPreset, PRESETS } from './presets';
export type { Row } from './table';
export { formatDuration, formatTable } from './table';
export type { TrainOptions, TrainResult } from './train';
export { train, trainReport, useBackend } from './train';
export { defaultConfig, type TuneInternals, type TuneResult, tune } from './tune';
export { loadTuneSets, type TuneData, type TuneSets, trainWithConfig, tuneObjective } from './tune-objective';
export { TUNE_RESULTS_FORMAT, type TuneSummary } from './tune-results';
export { parseTuneSpace, type TrialConfig, TUNE_KNOBS } from './tune-space';
export { UsageError } from './usage-error';
