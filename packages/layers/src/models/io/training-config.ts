/**
 * The `training` section a model file stores (loss, metrics, optimizer
 * config), validated when the file is read — by `loadModel` and by the
 * `.ckz` loader, which share `parseTrainingConfig` — so a corrupt or hostile
 * section (`loss: 'constructor'`, a learning rate of -Infinity, an unknown
 * optimizer, a negative epsilon) is refused at load time with a
 * `SerializationError`, not later when someone compiles from it.
 */
import { ConvkitError, createOptimizer, type Optimizer, registeredOptimizers, SerializationError } from '@convkit/core';
import { preview } from '../../engine/preview';
import { getLoss } from '../losses';
import { getMetric } from '../metrics/index';
import { checkJsonValue } from './json';
import type { SavedTrainingConfig } from './model-json';

/**
 * Validates a stored `training` section and returns a clean copy:
 * - `loss`: a name `getLoss` resolves (built-in, alias or `registerLoss`'d);
 * - `metrics`: names `getMetric` resolves;
 * - `optimizer` (optional): `{ className, config }`; when optimizers are
 *   registered (`@convkit/optim` imported) the class must be one of them and
 *   the config must build it (every hyper-parameter checked by the optimizer
 *   itself; the instance is disposed at once). Without registered optimizers
 *   only the shape and the JSON values (finite numbers) are checked.
 *
 * `where` names the file in messages. Throws a `SerializationError`.
 */
export function parseTrainingConfig(raw: unknown, where = 'model.json'): SavedTrainingConfig {
  checkJsonValue(raw, `${where} 'training'`);
  if (!isRecord(raw) || typeof raw.loss !== 'string')
    throw new SerializationError(`${where} 'training' must have a string 'loss'`);
  const loss = raw.loss;
  invalidUnless(where, 'training.loss', () => getLoss(loss));
  const metrics = raw.metrics ?? [];
  if (!Array.isArray(metrics) || metrics.some((m) => typeof m !== 'string')) {
    throw new SerializationError(`${where} 'training.metrics' must be an array of strings`);
  }
  for (const m of metrics as string[]) invalidUnless(where, 'training.metrics', () => getMetric(m));
  const out: SavedTrainingConfig = { loss, metrics: [...(metrics as string[])] };
  if (raw.optimizer !== undefined && raw.optimizer !== null) {
    const o = raw.optimizer;
    if (!isRecord(o) || typeof o.className !== 'string' || o.className.length === 0) {
      throw new SerializationError(`${where} 'training.optimizer' must be { className, config }, got ${preview(o)}`);
    }
    const config = o.config ?? {};
    if (!isRecord(config)) {
      throw new SerializationError(`${where} 'training.optimizer.config' must be an object, got ${preview(config)}`);
    }
    checkOptimizer(o.className, config, where);
    out.optimizer = { className: o.className, config: { ...config } };
  }
  return out;
}

/** Builds (then disposes) the optimizer when optimizers are registered, so its own checks run. */
function checkOptimizer(className: string, config: Record<string, unknown>, where: string): void {
  if (registeredOptimizers().length === 0) return;
  let optimizer: Optimizer | undefined;
  invalidUnless(where, 'training.optimizer', () => {
    optimizer = createOptimizer(className, { ...config });
  });
  optimizer?.dispose();
}

/** Runs `check`; what it throws (unknown name, bad value) becomes a `SerializationError` naming the field. */
function invalidUnless(where: string, field: string, check: () => unknown): void {
  try {
    check();
  } catch (e) {
    const why = e instanceof ConvkitError ? e.message : `${(e as Error)?.name}: ${(e as Error)?.message ?? String(e)}`;
    throw new SerializationError(`${where} '${field}' is invalid: ${why}`, { cause: e });
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
