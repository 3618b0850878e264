/**
 * Knowledge distillation (Hinton et al., 2015): a small student learns from
 * the softened outputs of a trained teacher as well as from the labels:
 *
 *   loss = α · hard(y, student) + (1 − α) · T² · KL(softmax(t/T) ‖ softmax(s/T))
 *
 * where t and s are the teacher's and the student's logits and T the
 * temperature. Models that end in a softmax are handled through their
 * log-probabilities, which equal the logits up to a per-sample constant that
 * softmax ignores. The teacher may be an ensemble: its logits are then the
 * mean of its members' (a geometric mean of their probabilities).
 */
import { type Batch, type BatchSource, ConfigError, dispose, keep, ops, type Tensor, tidy } from '@convkit/core';
import {
  type Callback,
  guardedTrainStep,
  type History,
  isTensor,
  type LayersModel,
  type Logs,
  ProgressBar,
  sliceBatch,
} from '@convkit/layers';
import { hasSoftmaxActivation, withLogitOutput } from './evaluate';

/** Options of `distill`. */
export interface DistillOptions {
  /**
   * The trained teacher (only used for inference), or an ensemble of teachers whose
   * logits are averaged.
   */
  teacher: LayersModel | readonly LayersModel[];
  /** The student, compiled: its optimizer, its loss on the labels (the hard loss) and its metrics are used. */
  student: LayersModel;
  /** Training data: a re-iterable batch source, or `[x, y]` tensors. */
  data: BatchSource | (() => BatchSource) | [Tensor, Tensor];
  /**
   * Default 1.
   *
   * @defaultValue `1`
   */
  epochs?: number;
  /**
   * Batch size with `[x, y]` data. Default 32.
   *
   * @defaultValue `32`
   */
  batchSize?: number;
  /**
   * Softmax temperature T. Default 4 (Hinton et al.). Tune it: a teacher with small logits
   * (not over-confident) can lose its signal at high T. On Fashion-MNIST with the reference CNN
   * as teacher, T = 1 with α = 0.5 helped the student and T = 2 to 4 hurt it (see the package README).
   *
   * @defaultValue `4`
   */
  temperature?: number;
  /**
   * Weight α of the hard-label loss; 1 − α goes to the distillation term. Default 0.1.
   *
   * @defaultValue `0.1`
   */
  alpha?: number;
  /**
   * Whether the models output probabilities (they end in softmax) or logits.
   * Default: detected from the last layer's activation (`'softmax'` → probabilities).
   *
   * @defaultValue detected from the models (softmax at the end: probabilities)
   */
  outputs?: 'probabilities' | 'logits';
  /** Held-out data evaluated with the student's loss and metrics after each epoch. */
  validationData?: BatchSource | [Tensor, Tensor];
  /** Callbacks (their `model` is the student). */
  callbacks?: Callback[];
  /**
   * 0 silent (default), 1 progress bar, 2 a line per epoch.
   *
   * @defaultValue `0`
   */
  verbose?: 0 | 1 | 2;
}

function endsInSoftmax(model: LayersModel): boolean {
  const last = model.layers[model.layers.length - 1];
  if (!last) return false;
  if (last.className === 'Softmax') return true;
  const act = last.getConfig().activation;
  return (
    act === 'softmax' || (typeof act === 'object' && act !== null && (act as { name?: string }).name === 'softmax')
  );
}

/** `log softmax` of logits, or the clipped log of probabilities. */
function logits(out: Tensor, probabilities: boolean): Tensor {
  return probabilities ? ops.log(ops.clipByValue(out, 1e-7, 1)) : out;
}

/**
 * The distillation term `T² · KL(softmax(t/T) ‖ softmax(s/T))`, averaged over
 * the batch, from teacher and student logits.
 *
 * @param teacherLogits - Teacher logits `[b, k]`.
 * @param studentLogits - Student logits `[b, k]`.
 * @param temperature - Softening temperature `T > 0`.
 * @returns A new scalar tensor, owned by the caller. (No argument checks: pass matching shapes and `T > 0`.)
 */
export function distillationLoss(teacherLogits: Tensor, studentLogits: Tensor, temperature: number): Tensor {
  return tidy(() => {
    const pt = ops.softmax(ops.div(teacherLogits, temperature));
    const logPt = ops.logSoftmax(ops.div(teacherLogits, temperature));
    const logPs = ops.logSoftmax(ops.div(studentLogits, temperature));
    const kl = ops.sum(ops.mul(pt, ops.sub(logPt, logPs)), -1);
    return ops.mul(ops.mean(kl), temperature * temperature);
  });
}

/**
 * Trains `student` to imitate `teacher` (see the module comment). Resolves to
 * the training history (`loss`, `hardLoss`, `distillLoss`, the student's
 * metrics on the training batches, and `val_*` with validation data).
 *
 * @param options - `teacher`(s), `student`, `data`, `epochs`, `temperature`, `alpha`, validation and callbacks.
 * @returns Resolves to the training history.
 * @throws {ConfigError} when the student is not compiled, the teacher and student differ in output size,
 *   the data yields no batch, or an option is invalid.
 * @throws {NonFiniteError} when a step produces a non-finite loss or weight (the student is rolled back).
 * @example
 * ```ts
 * import { distill } from '@convkit/compress';
 *
 * student.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
 * const history = await distill({ teacher, student, data: [xTrain, yTrain], epochs: 3, temperature: 4, alpha: 0.1 });
 * ```
 */
export async function distill(options: DistillOptions): Promise<History> {
  const { student } = options;
  const teachers: readonly LayersModel[] = Array.isArray(options.teacher)
    ? options.teacher
    : [options.teacher as LayersModel];
  if (teachers.length === 0) throw new ConfigError('distill: the teacher ensemble is empty');
  const optimizer = student.optimizer;
  const hardLoss = student.lossFn;
  if (!optimizer || !hardLoss) {
    throw new ConfigError('distill: compile the student first ({ optimizer, loss }): its loss is the hard-label term');
  }
  const T = options.temperature ?? 4;
  const alpha = options.alpha ?? 0.1;
  const epochs = options.epochs ?? 1;
  if (!(T > 0) || !Number.isFinite(T)) throw new ConfigError(`distill: temperature must be > 0, got ${T}`);
  if (!(alpha >= 0 && alpha <= 1)) throw new ConfigError(`distill: alpha must be in [0, 1], got ${alpha}`);
  if (!Number.isInteger(epochs) || epochs < 1) throw new ConfigError(`distill: epochs must be a positive integer`);
  const sOut = student.outputShape;
  teachers.forEach((teacher, i) => {
    const tOut = teacher.outputShape;
    if (tOut[tOut.length - 1] !== sOut[sOut.length - 1]) {
      const who = teachers.length > 1 ? `teacher ${i} ('${teacher.name}')` : 'teacher';
      throw new ConfigError(
        `distill: the ${who} has ${tOut[tOut.length - 1]} outputs but the student ${sOut[sOut.length - 1]}`,
      );
    }
  });
  const probsS = options.outputs ? options.outputs === 'probabilities' : endsInSoftmax(student);
  // Exact logits where the softmax is the output layer's activation (the usual case);
  // otherwise the log of the probabilities, which clips very small ones.
  const teacherLogitsOf = (xs: Tensor): Tensor =>
    tidy(() => {
      const each = teachers.map((teacher) => {
        const probs = options.outputs ? options.outputs === 'probabilities' : endsInSoftmax(teacher);
        return probs && hasSoftmaxActivation(teacher)
          ? withLogitOutput(teacher, () => teacher.call(xs, { training: false }))
          : logits(teacher.call(xs, { training: false }), probs);
      });
      return each.length === 1 ? each[0] : ops.div(ops.addN(each), each.length);
    });
  const softmaxS = probsS && hasSoftmaxActivation(student);

  const batchSize = options.batchSize ?? 32;
  const source = (): Iterable<Batch> | AsyncIterable<Batch> => {
    const d = options.data;
    if (typeof d === 'function') return d();
    if (Array.isArray(d) && isTensor(d[0])) return tensorBatches(d[0], d[1], batchSize);
    return d as BatchSource;
  };
  const callbacks = [...(options.callbacks ?? [])];
  if ((options.verbose ?? 0) > 0) callbacks.push(new ProgressBar({ mode: options.verbose === 2 ? 'lines' : 'auto' }));
  for (const cb of callbacks) {
    cb.setModel(student);
    cb.setParams({ epochs, batchSize });
  }
  const history: History = { epoch: [], history: {} };
  student.stopTraining = false;
  for (const cb of callbacks) await cb.onTrainBegin();
  let last: Logs | undefined;
  for (let epoch = 0; epoch < epochs && !student.stopTraining; epoch++) {
    for (const cb of callbacks) await cb.onEpochBegin(epoch);
    for (const m of student.metrics) m.reset();
    let sums = { loss: 0, hard: 0, soft: 0 };
    let count = 0;
    let step = 0;
    for await (const batch of source() as AsyncIterable<Batch>) {
      try {
        for (const cb of callbacks) await cb.onBatchBegin(step);
        const teacherLogits = teacherLogitsOf(batch.xs);
        let hard: Tensor | undefined;
        let soft: Tensor | undefined;
        try {
          // The guarded step of `fit`: a NaN or infinite loss, gradient, weight or optimizer
          // slot raises NonFiniteError and leaves the student and its optimizer as they were.
          const loss = await guardedTrainStep(
            {
              model: student,
              optimizer,
              lossFn: hardLoss,
              metrics: student.metrics,
              context: `distill, epoch ${epoch + 1}, batch ${step + 1}`,
              objective: (xs, ys) => {
                // With a softmax activation on the output layer the student runs with it switched off,
                // so the distillation term sees exact logits; the hard loss and metrics get softmax(logits).
                let out: Tensor;
                let studentLogits: Tensor;
                if (softmaxS) {
                  studentLogits = withLogitOutput(student, () => student.call(xs, { training: true }));
                  out = ops.softmax(studentLogits);
                } else {
                  out = student.call(xs, { training: true });
                  studentLogits = logits(out, probsS);
                }
                const h = hardLoss(ys, out);
                const s = distillationLoss(teacherLogits, studentLogits, T);
                hard = keep(h);
                soft = keep(s);
                return { loss: ops.add(ops.mul(h, alpha), ops.mul(s, 1 - alpha)), pred: out };
              },
            },
            batch.xs,
            batch.ys,
          );
          const [hardValue, softValue] = await Promise.all([hard!.data(), soft!.data()]);
          const size = batch.xs.shape[0];
          sums = {
            loss: sums.loss + loss * size,
            hard: sums.hard + hardValue[0] * size,
            soft: sums.soft + softValue[0] * size,
          };
          count += size;
          const logs: Logs = { loss, size };
          for (const m of student.metrics) if (!m.epochOnly) logs[m.name] = m.result();
          for (const cb of callbacks) await cb.onBatchEnd(step, logs);
        } finally {
          dispose([teacherLogits, ...[hard, soft].filter((t): t is Tensor => t !== undefined)]);
        }
      } finally {
        dispose([batch.xs, batch.ys]);
      }
      step++;
      if (student.stopTraining) break;
    }
    if (count === 0) throw new ConfigError('distill: the training data produced no batches');
    const logs: Logs = { loss: sums.loss / count, hardLoss: sums.hard / count, distillLoss: sums.soft / count };
    for (const m of student.metrics) logs[m.name] = m.result();
    if (options.validationData) {
      const vd = options.validationData;
      const val = Array.isArray(vd) ? await student.evaluate(vd[0], vd[1]) : await student.evaluate(vd);
      for (const [k, v] of Object.entries(val)) logs[`val_${k}`] = v;
    }
    history.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) history.history[k] = [...(history.history[k] ?? []), v];
    for (const cb of callbacks) await cb.onEpochEnd(epoch, logs);
    last = logs;
  }
  for (const cb of callbacks) await cb.onTrainEnd(last);
  return history;
}

function tensorBatches(x: Tensor, y: Tensor, batchSize: number): Iterable<Batch> {
  return {
    *[Symbol.iterator]() {
      for (let s = 0; s < x.shape[0]; s += batchSize) {
        const size = Math.min(batchSize, x.shape[0] - s);
        yield { xs: sliceBatch(x, s, size), ys: sliceBatch(y, s, size) };
      }
    },
  };
}
