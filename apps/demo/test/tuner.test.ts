/**
 * The worker's tune session (src/tuner.ts) in Node on the wasm backend, on a few hundred real
 * digits: one event per finished trial with @convkit/tune's bestSoFar and paramImportances, the
 * best trial, cancellation, bad configurations, and no leaked tensors.
 */
import '@convkit/backend-wasm';
import { ConfigError, numTensors, setBackend, setSeed } from '@convkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDigitFiles } from '../build/digits';
import { type Digits, parseDigits } from '../src/digits';
import type { Response, TuneConfig, TuneTrialEvent } from '../src/protocol';
import { Tuner } from '../src/tuner';

let train: Digits;
let test: Digits;
const config: TuneConfig = { trials: 4, epochs: 2, trainDigits: 200, valDigits: 100, batchSize: 32, seed: 7 };

beforeAll(async () => {
  await setBackend('wasm');
  setSeed(5);
  const files = makeDigitFiles();
  train = parseDigits(files.train, 'train');
  test = parseDigits(files.test, 'test');
});

describe('tune session', () => {
  it('streams one row per trial with the running best and importances, returns the best, frees its tensors', async () => {
    const events: TuneTrialEvent[] = [];
    const tuner = new Tuner(train, test, (m: Response) => {
      if (m.type === 'tune-trial') events.push(m);
    });
    const before = numTensors();
    const result = await tuner.run(config);
    expect(numTensors()).toBe(before);
    expect(result.cancelled).toBe(false);
    expect(result.rows.map((r) => r.number)).toEqual([0, 1, 2, 3]);
    expect(events.map((e) => e.row)).toEqual(result.rows);
    const complete = result.rows.filter((r) => r.state === 'complete');
    expect(complete.length).toBeGreaterThan(0);
    // Trial 0 is never pruned (ASHA keeps the best while fewer than η trials reached the rung).
    expect(result.rows[0].state).toBe('complete');
    expect(result.best?.valAccuracy).toBe(Math.max(...complete.map((r) => r.valAccuracy ?? -1)));
    const last = events.at(-1)!;
    let best = -1;
    expect(last.bestSoFar.map((p) => p.best)).toEqual(complete.map((r) => (best = Math.max(best, r.valAccuracy!))));
    expect(Object.keys(last.importances).sort()).toEqual(['dropout', 'filters', 'lr']);
    for (const r of result.rows) {
      // Accuracies on 100 digits are multiples of 1 %.
      expect(Math.abs(r.valAccuracy! * 100 - Math.round(r.valAccuracy! * 100))).toBeLessThan(1e-6);
      expect(r.epochs).toBeGreaterThanOrEqual(1);
      expect(r.epochs).toBeLessThanOrEqual(2);
    }
    // Same seed, same digits: the sampler proposes the same parameters again.
    const again = await new Tuner(train, test, () => {}).run(config);
    expect(again.rows.map((r) => r.params)).toEqual(result.rows.map((r) => r.params));
  }, 60_000);

  it('cancels at the next batch, keeps the finished rows and frees its tensors', async () => {
    let tuner: Tuner | undefined;
    const rows: number[] = [];
    tuner = new Tuner(train, test, (m: Response) => {
      if (m.type !== 'tune-trial') return;
      rows.push(m.row.number);
      tuner?.cancel();
    });
    const before = numTensors();
    const result = await tuner.run({ ...config, trials: 30 });
    expect(numTensors()).toBe(before);
    expect(result.cancelled).toBe(true);
    expect(rows).toEqual([0]);
    expect(result.rows.map((r) => r.number)).toEqual([0]);
    expect(tuner.busy).toBe(false);
  }, 30_000);

  it('rejects bad configurations with a ConfigError naming the option', async () => {
    const tuner = new Tuner(train, test, () => {});
    const before = numTensors();
    for (const [key, value] of [
      ['trials', 1],
      ['trials', 2.5],
      ['epochs', 0],
      ['trainDigits', Number.NaN],
      ['batchSize', 0],
      ['seed', -1],
    ] as const) {
      const err = await tuner.run({ ...config, [key]: value }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toContain(key);
    }
    expect(tuner.busy).toBe(false);
    expect(numTensors()).toBe(before);
  });
});
