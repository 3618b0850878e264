/**
 * The define-by-run trial handle that runners give objectives, over a small backend that either
 * samples in-process (Redis workers) or asks the main thread (worker threads).
 */
import { ConfigError } from '@convkit/core';
import type { Distribution, ParamValue, StudyStorage, TrialRecord, TrialResult } from '../types';
import { type RunnerObjective, type RunnerTrial, type SampleParam, type ShouldPrune, TrialPruned } from './types';

/** Where a {@link RunnerTrial} sends its calls. */
export interface TrialBackend {
  suggest(name: string, distribution: Distribution): Promise<ParamValue>;
  report(step: number, value: number): Promise<void>;
  shouldPrune(): Promise<boolean>;
}

function checkRange(name: string, low: number, high: number, step: number | undefined, log: boolean | undefined) {
  if (!Number.isFinite(low) || !Number.isFinite(high) || low > high) {
    throw new ConfigError(
      `parameter '${name}': low (${low}) and high (${high}) must be finite numbers with low <= high`,
    );
  }
  if (step !== undefined && !(Number.isFinite(step) && step > 0)) {
    throw new ConfigError(`parameter '${name}': step must be a finite number > 0, got ${step}`);
  }
  if (log && low <= 0) throw new ConfigError(`parameter '${name}': a log scale needs low > 0, got ${low}`);
  if (log && step !== undefined) throw new ConfigError(`parameter '${name}': give log or step, not both`);
}

/**
 * A trial handle for an objective.
 *
 * @param number - The trial's number.
 * @param params - Its parameters so far (a retried trial keeps them; the handle updates this object).
 * @param backend - Where suggestions and reports go.
 * @param userAttrs - Receives `setUserAttr` calls.
 * @returns The handle.
 */
export function makeRunnerTrial(
  number: number,
  params: Record<string, ParamValue>,
  backend: TrialBackend,
  userAttrs: Record<string, unknown>,
): RunnerTrial {
  const suggest = async (name: string, distribution: Distribution): Promise<ParamValue> => {
    if (typeof name !== 'string' || name === '') throw new ConfigError('a parameter needs a non-empty name');
    if (Object.hasOwn(params, name)) return params[name];
    const value = await backend.suggest(name, distribution);
    params[name] = value;
    return value;
  };
  return {
    number,
    params,
    suggest,
    async suggestFloat(name, low, high, options = {}) {
      checkRange(name, low, high, options.step, options.log);
      return (await suggest(name, { type: 'float', low, high, ...options })) as number;
    },
    async suggestInt(name, low, high, options = {}) {
      checkRange(name, low, high, options.step, options.log);
      if (!Number.isInteger(low) || !Number.isInteger(high)) {
        throw new ConfigError(`parameter '${name}': an int parameter needs integer bounds, got ${low} and ${high}`);
      }
      return (await suggest(name, { type: 'int', low, high, ...options })) as number;
    },
    async suggestCategorical(name, choices) {
      if (!Array.isArray(choices) || choices.length === 0) {
        throw new ConfigError(`parameter '${name}': a categorical parameter needs at least one choice`);
      }
      return (await suggest(name, { type: 'categorical', choices })) as (typeof choices)[number];
    },
    async report(value, step) {
      if (!Number.isFinite(value))
        throw new ConfigError(`trial ${number}: reported value must be finite, got ${value}`);
      if (!Number.isInteger(step) || step < 0) {
        throw new ConfigError(`trial ${number}: report step must be an integer >= 0, got ${step}`);
      }
      await backend.report(step, value);
    },
    shouldPrune: () => backend.shouldPrune(),
    setUserAttr(key, value) {
      userAttrs[key] = value;
    },
  };
}

/**
 * Runs `objective` on `trial` and says how the trial ended: `complete` with a finite value,
 * `pruned` when it threw {@link TrialPruned} (value: its last report), `failed` with the
 * error's message otherwise. It never throws.
 *
 * @param objective - The objective.
 * @param trial - The handle.
 * @param lastReport - The trial's last reported value, read when it is pruned.
 * @param userAttrs - The attributes the objective set.
 * @returns The result to store.
 */
export async function settle(
  objective: RunnerObjective,
  trial: RunnerTrial,
  lastReport: () => number | undefined,
  userAttrs: Record<string, unknown>,
): Promise<TrialResult> {
  const attrs = () => (Object.keys(userAttrs).length > 0 ? { userAttrs: { ...userAttrs } } : {});
  try {
    const value = await objective(trial);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return { state: 'failed', error: `the objective returned ${String(value)}, not a finite number`, ...attrs() };
    }
    return { state: 'complete', value, ...attrs() };
  } catch (err) {
    if (err instanceof TrialPruned || (err as Error | undefined)?.name === 'TrialPruned') {
      const value = lastReport();
      return { state: 'pruned', ...(value === undefined ? {} : { value }), ...attrs() };
    }
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return { state: 'failed', error: message, ...attrs() };
  }
}

/** The last reported intermediate value of a record (highest step). */
export function lastIntermediate(record: Pick<TrialRecord, 'intermediate'>): number | undefined {
  const steps = Object.keys(record.intermediate).map(Number);
  if (steps.length === 0) return undefined;
  return record.intermediate[Math.max(...steps)];
}

/**
 * A backend that samples and prunes in this process against the shared storage: every
 * suggestion reads all trials from the storage first, so it sees other workers' results.
 *
 * @param storage - The study's storage.
 * @param study - The study's name.
 * @param record - The running trial.
 * @param sampleParam - The sampler seam.
 * @param shouldPrune - The pruner seam.
 * @returns The backend.
 */
export function storageBackend(
  storage: StudyStorage,
  study: string,
  record: TrialRecord,
  sampleParam: SampleParam,
  shouldPrune: ShouldPrune | undefined,
): TrialBackend {
  let lastStep = -1;
  const current = async () => {
    const trials = await storage.getTrials(study);
    return { trials, self: trials.find((t) => t.number === record.number) ?? record };
  };
  return {
    async suggest(name, distribution) {
      const { trials, self } = await current();
      const value = await sampleParam(trials, name, distribution, self);
      await storage.setParam(study, record.number, name, value, distribution);
      record.params[name] = value;
      record.distributions[name] = distribution;
      return value;
    },
    async report(step, value) {
      await storage.reportIntermediate(study, record.number, step, value);
      record.intermediate[step] = value;
      lastStep = step;
    },
    async shouldPrune() {
      if (!shouldPrune || lastStep < 0) return false;
      const { trials, self } = await current();
      return shouldPrune(trials, self, lastStep);
    },
  };
}

/**
 * Runs one trial of `record` in this process and stores how it ended.
 *
 * @param storage - The study's storage.
 * @param study - The study's name.
 * @param record - The running trial (created or resumed by the caller).
 * @param objective - The objective.
 * @param sampleParam - The sampler seam.
 * @param shouldPrune - The pruner seam.
 * @returns The stored result.
 */
export async function runTrialHere(
  storage: StudyStorage,
  study: string,
  record: TrialRecord,
  objective: RunnerObjective,
  sampleParam: SampleParam,
  shouldPrune?: ShouldPrune,
): Promise<TrialResult> {
  const userAttrs: Record<string, unknown> = {};
  const backend = storageBackend(storage, study, record, sampleParam, shouldPrune);
  const trial = makeRunnerTrial(record.number, { ...record.params }, backend, userAttrs);
  const result = await settle(objective, trial, () => lastIntermediate(record), userAttrs);
  await storage.finishTrial(study, record.number, result);
  return result;
}
