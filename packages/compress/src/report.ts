/**
 * The compression report: for each step of a pipeline, parameters, nonzero
 * parameters, FLOPs, size on disk (raw and gzipped, in the format the step
 * would ship in), held-out accuracy and inference latency at batch 1 and 64 —
 * as data (for charts) and as a text table.
 */
import { ops, supportedKernels } from '@convkit/core';
import type { LayersModel } from '@convkit/layers';
import { accuracyOf, type EvalData, measureLatency } from './evaluate';
import { compressedSize } from './format';
import { inferenceKernelsOf } from './inference-kernels';
import { countFlops, countNonzeroParams } from './stats';

/** How a model is stored when its size is measured (see `encodeCompressed`). */
export type SizeOptions = NonNullable<Parameters<typeof compressedSize>[1]>;

/** One row of the report. */
export interface ReportRow {
  /** What this step is, e.g. `'baseline'`, `'pruned 80%'`, `'int8 PTQ'`. */
  step: string;
  /** Number of parameters. */
  params: number;
  /** Parameters that are not exactly zero. */
  nonzeroParams: number;
  /** FLOPs per sample of conv and dense layers (dense cost; zeros counted). */
  flops: number;
  /** Bytes of the compressed file (`encodeCompressed` with the step's options). */
  sizeBytes: number;
  /** The same file gzipped (level 9). */
  gzipBytes: number;
  /** Accuracy on the held-out data, in [0, 1]. */
  accuracy: number;
  /** Median wall time of one `predict` on 1 sample, in ms. */
  latencyBatch1Ms: number;
  /** Median wall time of one `predict` on 64 samples, in ms. */
  latencyBatch64Ms: number;
  /**
   * How the latencies were measured: `'as-is'` (the model exactly as evaluated: an int8
   * model on the integer kernels where the backend has them) or `'float-kernels'` (the
   * int8 weights on float kernels without the rounding of activations; see
   * `MeasureOptions.latency`).
   */
  latencyMode: 'as-is' | 'float-kernels';
  /**
   * The kernels the latencies were timed on: `'float'`, `'int8'` (integer kernels,
   * `useIntegerKernels`), `'sparse'` (sparse kernels, `useSparseKernels`) or
   * `'int8+sparse'`; compressed kernels count only where the active backend has them
   * (`@convkit/backend-wasm`), elsewhere the routes run float composites.
   */
  kernels: 'float' | 'int8' | 'sparse' | 'int8+sparse';
  /** Anything else measured for this step (e.g. max |Δ logits| against the float model). */
  extra?: Record<string, number | string>;
}

/** Options of `measureModel`. */
export interface MeasureOptions {
  /** Held-out data for the accuracy. */
  testData: EvalData;
  /**
   * How the model is stored for the size columns. Default float32, sparse and clustered when they help.
   *
   * @defaultValue float32, sparse and clustered when they make the file smaller
   */
  size?: SizeOptions;
  /**
   * Timed repetitions per latency (median reported). Default 20 for batch 1, 5 for batch 64.
   *
   * @defaultValue `20`
   */
  latencyRuns?: number;
  /** Extra values to put in the row. */
  extra?: Record<string, number | string>;
  /**
   * `'as-is'` (default) times the model exactly as it is evaluated: a quantized model
   * on the integer kernels and a pruned one on the sparse kernels, where the backend has
   * them (`@convkit/backend-wasm`). `'float-kernels'` times it with its layers'
   * `outputTransform` hooks (the int8 rounding of activations) switched off, which also
   * takes it off the integer kernels: the int8 weights on float kernels.
   *
   * @defaultValue `'as-is'`
   */
  latency?: 'as-is' | 'float-kernels';
}

/**
 * Measures one model for the report.
 *
 * @param step - Row label, e.g. `'baseline'`.
 * @param model - The model to measure.
 * @param options - `testData`, size options, `latencyRuns` and extra columns.
 * @returns One report row.
 * @throws {ConfigError} for invalid options.
 * @example
 * ```ts
 * import { formatReport, measureModel } from '@convkit/compress';
 *
 * const rows = [
 *   await measureModel('baseline', model, { testData: [xTest, yTest] }),
 *   await measureModel('int8', q.model, { testData: [xTest, yTest], size: { weights: 'int8', int8Scales: q.int8Scales } }),
 * ];
 * console.log(formatReport(rows));
 * ```
 */
export async function measureModel(step: string, model: LayersModel, options: MeasureOptions): Promise<ReportRow> {
  const { params, nonzero } = await countNonzeroParams(model);
  const size = await compressedSize(model, options.size ?? {});
  const accuracy = await accuracyOf(model, options.testData);
  const runs = options.latencyRuns ?? 20;
  const latencyMode = options.latency ?? 'as-is';
  const hooks = model.layers.map((l) => l.outputTransform);
  if (latencyMode === 'float-kernels') for (const l of model.layers) l.outputTransform = undefined;
  let latencyBatch1Ms: number;
  let latencyBatch64Ms: number;
  try {
    latencyBatch1Ms = await measureLatency(model, 1, runs);
    latencyBatch64Ms = await measureLatency(model, 64, Math.max(3, Math.round(runs / 4)));
  } finally {
    model.layers.forEach((l, i) => {
      l.outputTransform = hooks[i];
    });
  }
  return {
    step,
    kernels: latencyMode === 'float-kernels' ? 'float' : kernelsOf(model),
    params,
    nonzeroParams: nonzero,
    flops: countFlops(model),
    sizeBytes: size.raw,
    gzipBytes: size.gzipped,
    accuracy,
    latencyBatch1Ms,
    latencyBatch64Ms,
    latencyMode,
    ...(options.extra && { extra: options.extra }),
  };
}

/** What `model`'s compressed routes run on, on the active backend. */
function kernelsOf(model: LayersModel): ReportRow['kernels'] {
  const routes = inferenceKernelsOf(model);
  const have = new Set(supportedKernels());
  const int8 = routes.int8.length > 0 && have.has(ops.compressedKernelNames.quantizedConv2d);
  const sparse = routes.sparse.length > 0 && have.has(ops.compressedKernelNames.sparseConv2d);
  return int8 && sparse ? 'int8+sparse' : int8 ? 'int8' : sparse ? 'sparse' : 'float';
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function compact(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return String(n);
}

/**
 * The report as a plain-text table; the first row is the baseline the
 * Δ-accuracy and size-ratio columns compare against.
 *
 * @param rows - Report rows, baseline first.
 * @returns The table, one line per row.
 */
export function formatReport(rows: readonly ReportRow[]): string {
  if (rows.length === 0) return '(no rows)';
  const base = rows[0];
  const head = [
    'step',
    'params',
    'nonzero',
    'FLOPs',
    'size',
    'gzip',
    'vs base',
    'accuracy',
    'Δ acc',
    'batch-1',
    'batch-64',
    'kernels',
  ];
  const body = rows.map((r) => [
    r.step,
    compact(r.params),
    compact(r.nonzeroParams),
    compact(r.flops),
    kb(r.sizeBytes),
    kb(r.gzipBytes),
    `${(base.gzipBytes / r.gzipBytes).toFixed(2)}×`,
    `${(100 * r.accuracy).toFixed(2)}%`,
    r === base ? '' : `${(100 * (r.accuracy - base.accuracy)).toFixed(2)}`,
    `${r.latencyBatch1Ms.toFixed(3)} ms${r.latencyMode === 'float-kernels' ? '*' : ''}`,
    `${r.latencyBatch64Ms.toFixed(2)} ms${r.latencyMode === 'float-kernels' ? '*' : ''}`,
    r.kernels ?? 'float',
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c].length)));
  const line = (cells: string[]) =>
    cells.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  const extras = rows
    .filter((r) => r.extra && Object.keys(r.extra).length > 0)
    .map(
      (r) =>
        `  ${r.step}: ${Object.entries(r.extra!)
          .map(([k, v]) => `${k} ${typeof v === 'number' ? +v.toPrecision(4) : v}`)
          .join(', ')}`,
    );
  const notes = rows.some((r) => r.latencyMode === 'float-kernels')
    ? [
        '',
        "  * int8 weights timed on float kernels (latency: 'float-kernels'); the accuracy includes the int8 rounding of activations",
      ]
    : [];
  return [
    line(head),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body.map(line),
    ...(extras.length ? ['', ...extras] : []),
    ...notes,
  ].join('\n');
}
