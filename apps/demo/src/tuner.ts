/**
 * The worker's tune session: a small @convkit/tune study (TPE sampler, ASHA pruning through
 * `pruningCallback`) over the learning rate, the conv filters and the dropout of the tuned CNN,
 * each trial trained on the first digits of the training set and scored on the first held-out
 * digits. Streams one `tune-trial` event per finished trial with `bestSoFar` and
 * `paramImportances`; cancellable between batches. @convkit/tune is imported on demand, so
 * pages that never tune never pay for it at start.
 */
import { ConfigError, dispose, setSeed } from '@convkit/core';
import type { CallbackLike } from '@convkit/layers';
import { Adam } from '@convkit/optim';
import type { TrialRecord } from '@convkit/tune';
import { type Digits, firstDigits } from './digits';
import { buildTunedModel } from './models';
import type { Response, TuneConfig, TuneResult, TuneTrialRow } from './protocol';
import { toTensors, yieldToEvents } from './trainer';

/** Thrown inside a trial when the visitor cancels; ends the study. */
class TuneCancelled extends Error {
  override name = 'TuneCancelled';
}

/** Checks a tune request (the page sends valid ones; a console user may not). */
export function checkTuneConfig(c: TuneConfig): void {
  const int = (name: keyof TuneConfig, min: number, max: number) => {
    const v = c?.[name];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max)
      throw new ConfigError(`tune: ${name} must be an integer in [${min}, ${max}], got ${String(v)}`);
  };
  int('trials', 2, 30);
  int('epochs', 1, 5);
  int('trainDigits', 100, 8000);
  int('valDigits', 10, 10000);
  int('batchSize', 8, 256);
  int('seed', 0, 2 ** 31 - 1);
}

function toRow(t: TrialRecord): TuneTrialRow {
  const p = t.params as { lr: number; filters: number; dropout: number };
  const values = Object.values(t.intermediate ?? {});
  return {
    number: t.number,
    params: { lr: p.lr, filters: p.filters, dropout: p.dropout },
    state: t.state === 'complete' || t.state === 'pruned' ? t.state : 'failed',
    valAccuracy: t.value ?? values.at(-1),
    epochs: values.length,
  };
}

/** Runs one study at a time; `cancel()` stops the running trial at its next batch and ends the study. */
export class Tuner {
  private running = false;
  private cancelRequested = false;

  constructor(
    private readonly train: Digits,
    private readonly test: Digits,
    private readonly emit: (message: Response) => void,
  ) {}

  get busy(): boolean {
    return this.running;
  }

  cancel(): void {
    if (this.running) this.cancelRequested = true;
  }

  /** Runs the study of `config`; resolves with every finished trial and the best one. */
  async run(config: TuneConfig): Promise<TuneResult> {
    checkTuneConfig(config);
    if (this.running) throw new Error('a study is already running');
    this.running = true;
    this.cancelRequested = false;
    // Weights and dropout masks from the study's seed too: the same settings give the same study.
    setSeed(config.seed);
    const trainSet = toTensors(firstDigits(this.train, Math.min(config.trainDigits, this.train.count)));
    const valSet = toTensors(firstDigits(this.test, Math.min(config.valDigits, this.test.count)));
    try {
      const {
        bestSoFar,
        createStudy,
        paramImportances,
        pruningCallback,
        SuccessiveHalvingPruner,
        TPESampler,
        TrialPruned,
      } = await import('@convkit/tune');
      const study = await createStudy({
        direction: 'maximize',
        sampler: new TPESampler({ seed: config.seed, nStartupTrials: Math.min(4, config.trials - 1) }),
        // Epoch e is step e − 1: rungs at steps 1, 2, 4 … judge a trial after its 2nd, 3rd, 5th epoch.
        pruner: new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 }),
      });
      const rows: TuneTrialRow[] = [];
      const progress: CallbackLike = {
        onBatchEnd: async () => {
          await yieldToEvents();
          if (this.cancelRequested) throw new TuneCancelled('cancelled');
        },
      };
      let cancelled = false;
      try {
        await study.optimize(
          async (trial) => {
            if (this.cancelRequested) throw new TuneCancelled('cancelled');
            const lr = trial.suggestFloat('lr', 3e-4, 3e-2, { log: true });
            const filters = trial.suggestCategorical('filters', [4, 8, 16]);
            const dropout = trial.suggestFloat('dropout', 0, 0.5);
            const model = buildTunedModel({ filters, dropout });
            try {
              model.compile({
                optimizer: new Adam({ learningRate: lr }),
                loss: 'sparseCategoricalCrossentropy',
                metrics: ['accuracy'],
              });
              const pruning = pruningCallback(trial, { monitor: 'val_accuracy', onPrune: 'stop' });
              const history = await model.fit(trainSet.xs, trainSet.ys, {
                epochs: config.epochs,
                batchSize: config.batchSize,
                validationData: [valSet.xs, valSet.ys],
                callbacks: [progress, pruning],
              });
              const acc = history.history.val_accuracy ?? [];
              if (pruning.pruned) throw new TrialPruned(`pruned after epoch ${acc.length}`);
              const last = acc.at(-1);
              if (last === undefined) throw new Error('fit reported no val_accuracy');
              return last;
            } finally {
              model.dispose();
            }
          },
          {
            trials: config.trials,
            onTrialEnd: async (record, s) => {
              if (record.state === 'failed') return;
              const row = toRow(record);
              rows.push(row);
              const trials = await s.trials();
              this.emit({
                type: 'tune-trial',
                row,
                bestSoFar: bestSoFar(trials, 'maximize'),
                importances: paramImportances(trials),
              });
            },
          },
        );
      } catch (err) {
        if (!(err instanceof TuneCancelled)) throw err;
        cancelled = true;
      }
      const best = await study.bestTrial();
      return { cancelled, rows, best: best ? toRow(best) : undefined };
    } finally {
      dispose([trainSet.xs, trainSet.ys, valSet.xs, valSet.ys]);
      this.running = false;
    }
  }
}
