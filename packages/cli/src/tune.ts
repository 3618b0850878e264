/**
 * `convkit tune`: a hyper-parameter study over the CLI's training knobs. Trials train on the
 * training part of the data and are scored on a validation part; the best configuration is then
 * retrained and scored once on the held-out test set.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ConfigError, describeErrno, errnoCodeOf } from '@convkit/core';
import {
  bestOf,
  createStudy,
  EvolutionarySampler,
  MedianPruner,
  MemoryStorage,
  NopPruner,
  type Pruner,
  RandomSampler,
  type Sampler,
  type SearchSpaceJson,
  type Study,
  type StudyStorage,
  SuccessiveHalvingPruner,
  TPESampler,
  type TrialRecord,
} from '@convkit/tune';
import type { CommonOptions } from './args';
import { useBackend } from './backends';
import { loadTuneSets, type TuneData, trainWithConfig, tuneObjective } from './tune-objective';
import {
  checkResultsTarget,
  finalTable,
  type TuneSummary,
  trialLine,
  trialLinesHeader,
  writeTuneResults,
} from './tune-results';
import { parseTuneSpace, type TrialConfig, trialConfig } from './tune-space';

/** What `convkit tune` found. */
export interface TuneResult {
  /** Every trial of the study. */
  trials: TrialRecord[];
  /** The summary written to `--out` (best trial, test accuracy). */
  summary: TuneSummary;
  /** The absolute path of the results file, when `--out` was given. */
  out?: string;
  /** Wall time of the search (the trials this process ran), in seconds, without the final retraining. */
  searchSeconds: number;
}

/** Hidden seams for tests: where the worker threads find their entry and the objective. */
export interface TuneInternals {
  workerScript?: string;
  objectiveModule?: string;
}

/** The study's storage named by `--storage`; the storage modules are loaded only when used. */
async function openStorage(spec: string): Promise<{ storage: StudyStorage; redis: boolean }> {
  if (spec === 'memory') return { storage: new MemoryStorage(), redis: false };
  const node = await import('@convkit/tune/node');
  if (spec.startsWith('file:')) return { storage: new node.FileStorage(spec.slice('file:'.length)), redis: false };
  return { storage: await node.RedisStorage.connect(spec), redis: true };
}

function sampler(name: CommonOptions['sampler'], seed: number): Sampler {
  if (name === 'random') return new RandomSampler({ seed });
  if (name === 'evolutionary') return new EvolutionarySampler({ seed });
  return new TPESampler({ seed });
}

function pruner(name: CommonOptions['pruner']): Pruner {
  if (name === 'median') return new MedianPruner();
  if (name === 'asha') return new SuccessiveHalvingPruner();
  return new NopPruner();
}

/** The configuration of a run without tuning: the command line's training flags. */
export function defaultConfig(options: CommonOptions): TrialConfig {
  return {
    lr: options.learningRate,
    batchSize: options.batchSize,
    dropout: 0,
    optimizer: 'adam',
    momentum: 0.9,
    augment: options.augment,
    epochs: options.epochs,
    schedule: options.schedule,
  };
}

async function readSpace(file: string): Promise<SearchSpaceJson> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = errnoCodeOf(err);
    throw new ConfigError(`--config ${file}: cannot read it (${code ? describeErrno(code) : String(err)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`--config ${file}: not valid JSON (${(err as Error).message})`);
  }
  parseTuneSpace(json, file);
  return json as SearchSpaceJson;
}

/**
 * Runs `convkit tune`: opens (or resumes) the study, runs the trials missing to `--trials`
 * (sequentially, on worker threads, or as one worker of a Redis study), prints one line per
 * finished trial with the best so far, then retrains the best configuration, scores it on the
 * test set, prints the final table and writes `--out`.
 *
 * @param options - The parsed command line of `tune`.
 * @param log - Receives the lines.
 * @param internals - Test seams (worker entry and objective module of the parallel runner).
 * @returns The trials and the summary.
 * @throws {ConfigError} for a bad search space, an unusable `--out` (before any training) or storage.
 *
 * @example
 * ```ts
 * import { parseCommandLine, tune } from '@convkit/cli';
 *
 * const { options } = parseCommandLine(['tune', '--config', 'search.json', '--trials', '20', '--parallel', '2']);
 * const { summary } = await tune(options);
 * console.log(summary.best, summary.test);
 * ```
 */
export async function tune(
  options: CommonOptions,
  log: (line: string) => void = console.log,
  internals: TuneInternals = {},
): Promise<TuneResult> {
  const configFile = options.config as string;
  const totalTrials = options.trials as number;
  const space = await readSpace(configFile);
  if (options.out) await checkResultsTarget(options.out);
  const defaults = defaultConfig(options);
  const data: TuneData = {
    data: options.data,
    dataDir: options.dataDir,
    dataUrl: options.dataUrl,
    subset: options.subset,
    testCount: options.testCount,
    validationFraction: 0.2,
    seed: options.seed,
    backend: options.backend,
    model: options.model,
    defaults,
    space,
    spaceFile: configFile,
  };
  // The storage first: an unreachable server is reported before any data is loaded.
  const { storage, redis } = await openStorage(options.storage);
  try {
    await useBackend(options.backend);
    // Loaded here first: a data problem is reported once, before any trial.
    const sets = await loadTuneSets(data);
    const study = await createStudy({
      name: options.study,
      direction: 'maximize',
      storage,
      sampler: sampler(options.sampler, options.seed),
      pruner: pruner(options.pruner),
      staleTrials: redis ? 'keep' : 'fail',
    });
    const ended = (await study.trials(['complete', 'pruned', 'failed'])).length;
    const parallel = redis ? 1 : Math.min(options.parallel ?? availableParallelism(), Math.max(1, totalTrials - ended));
    const how = redis
      ? `one worker of the Redis study at ${options.storage}`
      : parallel > 1
        ? `${parallel} at a time on worker threads`
        : 'one at a time';
    if (!options.quiet) {
      log(trialLinesHeader(options.study, totalTrials, how));
      log(
        `data: ${sets.source}: ${sets.train.size} training, ${sets.validation.size} validation images (the ${sets.test.size} test images are used only for the best configuration)`,
      );
      if (ended > 0 && !redis) log(`resuming: ${ended} trial(s) already ended`);
    }
    const onTrialEnd = async (trial: TrialRecord, s: Study) => {
      if (!options.quiet) log(trialLine(trial, await s.bestTrial()));
    };
    const remaining = totalTrials - ended;
    const searchStart = performance.now();
    if (redis) {
      const { optimizeDistributed } = await import('@convkit/tune/node');
      await optimizeDistributed(study, {
        trials: totalTrials,
        objective: (t) => tuneObjective(t, data),
        onTrialEnd,
      });
    } else if (remaining > 0 && parallel > 1) {
      const { optimizeParallel } = await import('@convkit/tune/node');
      await optimizeParallel(study, {
        objectiveModule: internals.objectiveModule ?? fileURLToPath(new URL('./tune-objective.js', import.meta.url)),
        exportName: 'tuneObjective',
        trials: remaining,
        parallel,
        data,
        onTrialEnd,
        ...(internals.workerScript ? { workerScript: internals.workerScript } : {}),
      });
    } else if (remaining > 0) {
      await study.optimize((t) => tuneObjective(t, data), { trials: remaining, catch: true, onTrialEnd });
    }
    const searchSeconds = (performance.now() - searchStart) / 1000;
    const trials = await study.trials();
    const best = bestOf(trials, 'maximize');
    const summary: TuneSummary = { study: options.study, direction: 'maximize', objective: 'validation accuracy' };
    if (best) {
      summary.best = { number: best.number, params: best.params, value: best.value as number };
      const config = trialConfig(defaults, best.params);
      if (!options.quiet) log(`retraining the best configuration (trial #${best.number}) to score it on the test set`);
      const { model, accuracy } = await trainWithConfig(
        config,
        { train: sets.train, scoreOn: sets.test },
        { model: options.model, data: options.data, seed: options.seed },
      );
      model.dispose();
      summary.test = { accuracy, images: sets.test.size };
    }
    log('');
    log(finalTable(summary, trials, defaults as unknown as Record<string, unknown>));
    if (!best) log('No trial completed: see the errors above.');
    const out = options.out ? await writeTuneResults(options.out, summary, trials) : undefined;
    if (out) log(`wrote the results to ${out}`);
    return { trials, summary, searchSeconds, ...(out ? { out } : {}) };
  } finally {
    await storage.close();
  }
}
