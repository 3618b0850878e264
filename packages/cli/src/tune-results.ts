/**
 * `convkit tune` output: the live lines (one per finished trial, with the best so far), the final
 * table, and `--out results.json|.csv`, written atomically and only over an earlier results file
 * (recognised by content); any other existing file is refused before any training.
 */
import { ConfigError } from '@convkit/core';
import { type AtomicTargetSpec, checkAtomicTarget, writeAtomically, writeFileDurably } from '@convkit/layers';
import { type Direction, type TrialRecord, trialsToCsv } from '@convkit/tune';
import { formatTable, type Row } from './table';

/** The `format` field of a results JSON file. */
export const TUNE_RESULTS_FORMAT = 'convkit-tune-results';
/** The start of a results CSV file's header (`trialsToCsv`). */
const CSV_HEADER = 'number,state,value,duration_ms';
/** Results are small: a larger file is not one of them, and is not read whole. */
const MAX_RESULTS_BYTES = 64 << 20;

/** What the results file holds besides the trials. */
export interface TuneSummary {
  study: string;
  direction: Direction;
  /** What the value is (`validation accuracy`). */
  objective: string;
  /** The best trial's number, parameters and validation accuracy. */
  best?: { number: number; params: Record<string, unknown>; value: number };
  /** The best configuration retrained and scored on the held-out test set. */
  test?: { accuracy: number; images: number };
}

function kindOf(file: string): 'json' | 'csv' {
  if (/\.json$/i.test(file)) return 'json';
  if (/\.csv$/i.test(file)) return 'csv';
  throw new ConfigError(`--out ${file}: give a .json or .csv file (the results format follows the extension)`);
}

function resultsSpec(file: string): AtomicTargetSpec {
  const kind = kindOf(file);
  const notOurs = `is a file that is not a convkit tune results ${kind.toUpperCase()}, and writing the results would replace it; choose another file name or remove it yourself`;
  return {
    target: file,
    kind: 'file',
    what: 'the tuning results',
    recognise: async (real) => {
      const fs = await import('node:fs/promises');
      if ((await fs.stat(real)).size > MAX_RESULTS_BYTES) return notOurs;
      const text = await fs.readFile(real, 'utf8');
      if (kind === 'csv') return text.startsWith(CSV_HEADER) ? undefined : notOurs;
      try {
        const parsed = JSON.parse(text) as { format?: unknown } | null;
        return parsed?.format === TUNE_RESULTS_FORMAT ? undefined : notOurs;
      } catch {
        return notOurs;
      }
    },
  };
}

/**
 * Throws the error {@link writeTuneResults} would refuse `file` with, writing nothing.
 *
 * @param file - The `--out` path.
 */
export async function checkResultsTarget(file: string): Promise<void> {
  kindOf(file);
  await checkAtomicTarget(resultsSpec(file));
}

/**
 * Writes the trials (and, in JSON, the summary) to `file` atomically: `.json` gets
 * `{ format, study, direction, objective, best, test, trials }`, `.csv` one row per trial
 * (`trialsToCsv`).
 *
 * @param file - The `--out` path.
 * @param summary - Study, best trial, test accuracy.
 * @param trials - Every trial of the study.
 * @returns The absolute path written.
 */
export async function writeTuneResults(
  file: string,
  summary: TuneSummary,
  trials: readonly TrialRecord[],
): Promise<string> {
  const text =
    kindOf(file) === 'csv'
      ? trialsToCsv(trials)
      : `${JSON.stringify({ format: TUNE_RESULTS_FORMAT, ...summary, trials }, null, 2)}\n`;
  return writeAtomically(resultsSpec(file), (tmp) => writeFileDurably(tmp, text));
}

function showValue(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : Number(v.toPrecision(4)).toString();
  return String(v);
}

/** `k=v k=v` of a trial's parameters. */
export function showParams(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${showValue(v)}`)
    .join(' ');
}

/**
 * The live line of a finished trial: number, state, validation accuracy, the best so far and the
 * parameters, in fixed-width columns (plain text, one line per trial, also when not a terminal).
 *
 * @param trial - The trial that ended.
 * @param best - The best complete trial so far.
 * @returns The line.
 */
export function trialLine(trial: TrialRecord, best: TrialRecord | undefined): string {
  const pct = (v: number | undefined) => (v === undefined ? '      -' : `${(v * 100).toFixed(2).padStart(6)}%`);
  const seconds = trial.userAttrs?.seconds;
  return [
    `trial ${String(trial.number).padStart(3)}`,
    trial.state.padEnd(8),
    `val ${pct(trial.value)}`,
    `best ${pct(best?.value)}${best ? ` (#${best.number})` : ''}`,
    typeof seconds === 'number' ? `${seconds.toFixed(1)} s` : '',
    showParams(trial.params),
    trial.state === 'failed' && trial.error ? `— ${trial.error}` : '',
  ]
    .filter(Boolean)
    .join('  ');
}

/** The header printed above the live lines. */
export function trialLinesHeader(study: string, trials: number, how: string): string {
  return `convkit tune: study ${study}, ${trials} trial(s), ${how}; objective: validation accuracy (maximised)`;
}

/**
 * The final table: counts by state, the best trial, its parameters, and its configuration's test
 * accuracy.
 *
 * @param summary - Study, best trial, test accuracy.
 * @param trials - Every trial.
 * @param defaults - The configuration without tuning (shown beside the best values).
 * @returns The table.
 */
export function finalTable(
  summary: TuneSummary,
  trials: readonly TrialRecord[],
  defaults: Readonly<Record<string, unknown>>,
): string {
  const count = (s: string) => trials.filter((t) => t.state === s).length;
  const rows: Row[] = [
    { setting: 'study', best: summary.study, default: '' },
    {
      setting: 'trials',
      best: `${trials.length} (${count('complete')} complete, ${count('pruned')} pruned, ${count('failed')} failed)`,
      default: '',
    },
  ];
  if (summary.best) {
    rows.push({ setting: 'best trial', best: `#${summary.best.number}`, default: '' });
    for (const [k, v] of Object.entries(summary.best.params)) {
      rows.push({ setting: k, best: showValue(v), default: defaults[k] === undefined ? '' : showValue(defaults[k]) });
    }
    rows.push({ setting: 'validation accuracy', best: `${(summary.best.value * 100).toFixed(2)} %`, default: '' });
  }
  if (summary.test) {
    rows.push({
      setting: 'test accuracy',
      best: `${(summary.test.accuracy * 100).toFixed(2)} % (${summary.test.images} images, best configuration retrained)`,
      default: '',
    });
  }
  return formatTable(rows, ['setting', 'best', 'default']);
}
