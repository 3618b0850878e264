/**
 * @convkit/cli — the `convkit` command, also usable programmatically:
 * `runCli(['train', '--model', 'small'])`.
 */

export type { CommonOptions } from './args';
export { parseCommandLine, USAGE } from './args';
export { QUICKSTART, runCli } from './cli';
export { CALIBRATION_IMAGES, compress } from './compress';
export type { TrainTestSets } from './datasets';
export { checkTrainTest, fashionMnistDirs, loadTrainTest } from './datasets';
export type { PresetBuilder } from './presets';
export { getPreset, PRESETS } from './presets';
export type { Row } from './table';
export { formatDuration, formatTable } from './table';
export type { TrainOptions, TrainResult } from './train';
export { train, trainReport, useBackend } from './train';
