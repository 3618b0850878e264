/** Metrics by name: the built-in names and those added with `registerMetric`. */
import { ConfigError } from '@convkit/core';
import { Accuracy, TopKAccuracy } from './accuracy';
import type { Metric } from './metric';
import { F1Score, Precision, Recall } from './precision-recall';
import { AveragePrecision, RocAuc } from './ranking';

/** A metric by name or instance. */
export type MetricIdentifier = string | Metric;

/** Metric factories registered with `registerMetric`. */
const CUSTOM_METRICS = new Map<string, () => Metric>();

/**
 * Registers a custom metric factory under `name`, so `compile({ metrics: [name] })`
 * works and a saved model listing `name` in `training.metrics` loads.
 *
 * @param name - The metric's name.
 * @param factory - Makes a fresh metric.
 * @throws {ConfigError} for an empty name or a factory that is not a function.
 */
export function registerMetric(name: string, factory: () => Metric): void {
  if (typeof name !== 'string' || name.length === 0)
    throw new ConfigError('registerMetric: name must be a non-empty string');
  if (typeof factory !== 'function') throw new ConfigError(`registerMetric('${name}'): factory must be a function`);
  CUSTOM_METRICS.set(name, factory);
}

const KNOWN =
  'accuracy, acc, topKAccuracy, topN (e.g. top3), precision, recall, f1, auc, microAuc, averagePrecision, microAveragePrecision';

/**
 * Resolves a metric name — `'accuracy' | 'acc'`, `'topKAccuracy'` (k = 5),
 * `'top3'` / `'top3Accuracy'` (any k), `'precision' | 'recall' | 'f1'`,
 * `'auc' | 'rocAuc'` (macro ROC AUC), `'microAuc'`, `'averagePrecision' |
 * 'ap'` (macro), `'microAveragePrecision'`, or a name given to
 * `registerMetric` — or returns a `Metric` as is.
 *
 * @param id - A name or a metric.
 * @returns A fresh metric (or `id` itself).
 * @throws {ConfigError} for an unknown name (the message lists the known ones).
 */
export function getMetric(id: MetricIdentifier): Metric {
  if (typeof id === 'object' && id !== null && typeof (id as Metric).update === 'function') return id;
  if (typeof id !== 'string') throw new ConfigError(`Invalid metric of type ${typeof id}: pass a name or a Metric`);
  const factory = CUSTOM_METRICS.get(id);
  if (factory) return factory();
  switch (id) {
    case 'accuracy':
    case 'acc':
      return new Accuracy({ name: id });
    case 'precision':
      return new Precision();
    case 'recall':
      return new Recall();
    case 'f1':
    case 'f1Score':
      return new F1Score({ name: id });
    case 'topKAccuracy':
    case 'top_k_accuracy':
      return new TopKAccuracy(5, id);
    case 'auc':
    case 'rocAuc':
      return new RocAuc({ name: id });
    case 'microAuc':
      return new RocAuc({ name: id, average: 'micro' });
    case 'averagePrecision':
    case 'ap':
      return new AveragePrecision({ name: id });
    case 'microAveragePrecision':
      return new AveragePrecision({ name: id, average: 'micro' });
  }
  const m = /^top(\d{1,6})(Accuracy)?$/.exec(id);
  if (m) return new TopKAccuracy(Number(m[1]), id);
  const custom = CUSTOM_METRICS.size > 0 ? `, ${[...CUSTOM_METRICS.keys()].sort().join(', ')}` : '';
  throw new ConfigError(
    `Unknown metric '${id.slice(0, 100)}'. Known: ${KNOWN}${custom}. Register a custom metric with registerMetric(name, factory).`,
  );
}
