/**
 * The training knobs a `convkit tune --config` search space may name, how each is checked and how
 * a trial's values become one training configuration.
 */
import { ConfigError } from '@convkit/core';
import { parseSearchSpace, type SearchSpace } from '@convkit/tune';
import type { AugmentName } from './augment';

/** The optimizers `optimizer` can choose. */
export const TUNE_OPTIMIZERS = ['adam', 'adamw', 'sgd', 'rmsprop'] as const;
/** The augmentations `augment` can choose. */
export const TUNE_AUGMENTS: readonly AugmentName[] = ['none', 'shift', 'flip', 'flip-shift'];
/** The schedules `schedule` can choose. */
export const TUNE_SCHEDULES = ['cosine', 'constant'] as const;

/** One training configuration: the CLI defaults with a trial's values over them. */
export interface TrialConfig {
  /** Initial learning rate. */
  lr: number;
  /** Images per batch. */
  batchSize: number;
  /** Filters of the first conv layer (the second has twice as many, the dense layer four times); undefined: the --model preset. */
  filters?: number;
  /** Dropout rate before the output layer (0: none). */
  dropout: number;
  /** The optimizer. */
  optimizer: (typeof TUNE_OPTIMIZERS)[number];
  /** Momentum of sgd and rmsprop. */
  momentum: number;
  /** Training-time augmentation. */
  augment: AugmentName;
  /** Training epochs. */
  epochs: number;
  /** Learning-rate schedule over the run. */
  schedule: (typeof TUNE_SCHEDULES)[number];
}

type Check = (value: unknown) => string | undefined;

const positiveNumber: Check = (v) =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? undefined : 'a number > 0';
const positiveInt =
  (max: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max ? undefined : `an integer from 1 to ${max}`;
const inRange =
  (lo: number, hi: number, what: string): Check =>
  (v) =>
    typeof v === 'number' && v >= lo && v < hi ? undefined : what;
const oneOf =
  (choices: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && choices.includes(v) ? undefined : `one of ${choices.join(', ')}`;

/** Knob name → what its values must be, and a one-line description for the help and docs. */
export const TUNE_KNOBS: Record<keyof TrialConfig, { check: Check; help: string; numeric: boolean }> = {
  lr: { check: positiveNumber, help: 'initial learning rate (float, e.g. log-uniform 1e-4…1e-1)', numeric: true },
  batchSize: { check: positiveInt(4096), help: 'images per batch (int or categorical)', numeric: true },
  filters: {
    check: positiveInt(256),
    help: 'filters of the first conv layer; the second has 2×, the dense layer 4× (replaces --model)',
    numeric: true,
  },
  dropout: { check: inRange(0, 0.95, 'a rate in [0, 0.95)'), help: 'dropout before the output layer', numeric: true },
  optimizer: { check: oneOf(TUNE_OPTIMIZERS), help: `categorical: ${TUNE_OPTIMIZERS.join(', ')}`, numeric: false },
  momentum: { check: inRange(0, 1, 'a number in [0, 1)'), help: 'momentum of sgd and rmsprop', numeric: true },
  augment: { check: oneOf(TUNE_AUGMENTS), help: `categorical: ${TUNE_AUGMENTS.join(', ')}`, numeric: false },
  epochs: { check: positiveInt(1000), help: 'training epochs (overrides --epochs)', numeric: true },
  schedule: { check: oneOf(TUNE_SCHEDULES), help: `categorical: ${TUNE_SCHEDULES.join(', ')}`, numeric: false },
};

const KNOB_NAMES = Object.keys(TUNE_KNOBS) as (keyof TrialConfig)[];

/**
 * Parses a `convkit tune --config` search space: the JSON of `parseSearchSpace` whose parameters
 * are training knobs ({@link TUNE_KNOBS}); every value a knob can take is checked (bounds of
 * floats and ints, each choice of a categorical).
 *
 * @param json - The file's text (or parsed JSON).
 * @param file - The file's name, for messages.
 * @returns The search space.
 * @throws {ConfigError} naming the file and the `$.knob` at fault.
 *
 * @example
 * ```ts
 * const space = parseTuneSpace('{"lr": {"type": "float", "low": 1e-4, "high": 0.1, "log": true}}', 'search.json');
 * ```
 */
export function parseTuneSpace(json: string | unknown, file: string): SearchSpace {
  let space: SearchSpace;
  try {
    space = parseSearchSpace(json);
  } catch (err) {
    throw new ConfigError(`${file}: ${(err as Error).message}`);
  }
  for (const { name, distribution: d } of space.params) {
    const knob = (TUNE_KNOBS as Record<string, (typeof TUNE_KNOBS)[keyof TrialConfig]>)[name];
    if (!knob || !Object.hasOwn(TUNE_KNOBS, name)) {
      throw new ConfigError(
        `${file}: $.${name} is not a training knob convkit tune can vary; the knobs are ${KNOB_NAMES.join(', ')}`,
      );
    }
    const values = d.type === 'categorical' ? d.choices : [d.low, d.high];
    if (d.type !== 'categorical' && !knob.numeric) {
      throw new ConfigError(`${file}: $.${name} takes names, so it must be categorical (${knob.help})`);
    }
    if (d.type === 'float' && knob.check === TUNE_KNOBS.batchSize.check) {
      throw new ConfigError(`${file}: $.${name} must be an int or categorical parameter, not float`);
    }
    if (d.type === 'float' && (name === 'filters' || name === 'epochs')) {
      throw new ConfigError(`${file}: $.${name} must be an int or categorical parameter, not float`);
    }
    for (const v of values) {
      const problem = knob.check(v);
      if (problem) throw new ConfigError(`${file}: $.${name} can be ${JSON.stringify(v)}, but it must be ${problem}`);
    }
    // A float up to the excluded upper end (dropout 0.95, momentum 1) is caught by the bound check above.
  }
  return space;
}

/**
 * The training configuration of a trial: `defaults` (from the command line) with the trial's
 * values over them.
 *
 * @param defaults - The configuration without tuning.
 * @param params - The trial's values by knob.
 * @returns The configuration.
 */
export function trialConfig(defaults: TrialConfig, params: Readonly<Record<string, unknown>>): TrialConfig {
  const config = { ...defaults } as Record<string, unknown>;
  for (const [name, value] of Object.entries(params)) {
    if (Object.hasOwn(TUNE_KNOBS, name)) config[name] = value;
  }
  return config as unknown as TrialConfig;
}
