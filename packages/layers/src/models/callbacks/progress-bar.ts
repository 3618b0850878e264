/**
 * `ProgressBar`: training progress for people. In Node it draws on stderr —
 * a bar redrawn in place when stderr is a terminal, one line per epoch
 * otherwise (CI logs, pipes). In the browser (or anywhere) it can emit
 * structured events to a listener that renders them.
 */
import type { Logs } from './callback';
import { Callback } from './callback';

/** One progress report. */
export interface ProgressEvent {
  /** `'batch'` after a step, `'epoch'` at the end of an epoch, `'end'` when `fit` finishes. */
  type: 'batch' | 'epoch' | 'end';
  /** 0-based epoch. */
  epoch: number;
  /** Total epochs of this `fit`. */
  epochs: number;
  /** Batches done in this epoch. */
  batch: number;
  /** Batches per epoch, when known. */
  steps?: number;
  /** Running `loss` and metrics (for `epoch`: the epoch's logs, `val_*` included). */
  logs: Logs;
  /** Training samples per second in this epoch. */
  samplesPerSecond: number;
  /** Seconds since the epoch began. */
  elapsedSeconds: number;
  /** Estimated seconds left in this epoch, when `steps` is known. */
  etaSeconds?: number;
}

/** Where the bar is drawn: `process.stderr` or anything with `write`. */
export interface ProgressStream {
  /**
   * Writes text (no newline added).
   *
   * @param text - What to write.
   * @returns Ignored.
   */
  write(text: string): unknown;
  /** Redraw in place when true. */
  isTTY?: boolean;
  /** Terminal width, to keep the line from wrapping. */
  columns?: number;
}

/** Options of `ProgressBar`. */
export interface ProgressBarOptions {
  /**
   * Drawing target. Default: `process.stderr` in Node, none in browsers.
   *
   * @defaultValue `process.stderr`
   */
  stream?: ProgressStream | null;
  /**
   * Receives every progress event (use it to render progress in a web page).
   * When it returns a promise `fit` awaits it, e.g. to let the page repaint.
   */
  listener?: (event: ProgressEvent) => void | Promise<void>;
  /**
   * `'auto'` redraws in place only on a TTY; `'lines'` always prints one line per epoch. Default `'auto'`.
   *
   * @defaultValue `'auto'`
   */
  mode?: 'auto' | 'tty' | 'lines';
  /**
   * Bar width in characters. Default 30.
   *
   * @defaultValue `30`
   */
  width?: number;
  /**
   * Minimum time between two redraws on a TTY, in ms. Default 100.
   *
   * @defaultValue `100`
   */
  minRedrawMs?: number;
  /**
   * Clock in ms (injectable for tests). Default `performance.now`.
   *
   * @defaultValue `performance.now`
   */
  now?: () => number;
}

const HIDDEN = new Set(['size', 'batch']);

function defaultStream(): ProgressStream | null {
  const proc = (globalThis as { process?: { stderr?: ProgressStream } }).process;
  return proc?.stderr && typeof proc.stderr.write === 'function' ? proc.stderr : null;
}

/** `0.1234`, `1.23e-5`, `12345.7`: short but precise enough for a log. */
export function formatValue(key: string, v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (key === 'lr' || key.endsWith('_lr')) return v.toPrecision(3);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(3);
  return v.toFixed(4);
}

/** `75ms`, `4s`, `2m05s`, `1h02m`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m${String(Math.round(seconds - 60 * m)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

function formatLogs(logs: Logs): string {
  return Object.entries(logs)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => `${k} ${formatValue(k, v)}`)
    .join(' - ');
}

/** Keras-style progress: `Epoch 3/10 [=====>....] 12/40 - loss 0.4321 - accuracy 0.9000 - 850 img/s - ETA 3s`. */
export class ProgressBar extends Callback {
  private readonly stream: ProgressStream | null;
  private readonly listener?: (event: ProgressEvent) => void | Promise<void>;
  private readonly tty: boolean;
  private readonly width: number;
  private readonly minRedrawMs: number;
  private readonly now: () => number;
  private epoch = 0;
  private epochStart = 0;
  private samples = 0;
  private batches = 0;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private drawn = false;

  constructor(options: ProgressBarOptions = {}) {
    super();
    this.stream = options.stream === undefined ? defaultStream() : options.stream;
    this.listener = options.listener;
    const mode = options.mode ?? 'auto';
    this.tty = mode === 'tty' || (mode === 'auto' && this.stream?.isTTY === true);
    this.width = options.width ?? 30;
    this.minRedrawMs = options.minRedrawMs ?? 100;
    this.now = options.now ?? (() => performance.now());
  }

  override onEpochBegin(epoch: number): void {
    this.epoch = epoch;
    this.epochStart = this.now();
    this.samples = 0;
    this.batches = 0;
    this.lastDraw = Number.NEGATIVE_INFINITY;
    this.drawn = false;
  }

  override async onBatchEnd(_batch: number, logs: Logs = {}): Promise<void> {
    this.batches++;
    this.samples += logs.size ?? this.params.batchSize ?? 0;
    const event = this.event('batch', logs);
    await this.listener?.(event);
    if (!this.stream || !this.tty) return;
    const t = this.now();
    const last = event.steps !== undefined && this.batches >= event.steps;
    if (!last && t - this.lastDraw < this.minRedrawMs) return;
    this.lastDraw = t;
    this.draw(this.batchLine(event));
  }

  override async onEpochEnd(_epoch: number, logs: Logs = {}): Promise<void> {
    const event = this.event('epoch', logs);
    await this.listener?.(event);
    if (!this.stream) return;
    const line = `${this.prefix()} - ${this.batches}/${event.steps ?? this.batches} - ${formatDuration(event.elapsedSeconds)} - ${formatLogs(logs)} - ${Math.round(event.samplesPerSecond)} img/s`;
    if (this.tty) {
      // The epoch summary is not clipped: it stays in the scrollback.
      this.stream.write(`\r\x1b[2K${line}\n`);
      this.drawn = false;
    } else {
      this.stream.write(`${line}\n`);
    }
  }

  override async onTrainEnd(logs: Logs = {}): Promise<void> {
    await this.listener?.(this.event('end', logs));
    this.finishLine();
  }

  override onTrainError(): void {
    this.finishLine();
  }

  private finishLine(): void {
    if (this.stream && this.tty && this.drawn) this.stream.write('\n');
    this.drawn = false;
  }

  private event(type: ProgressEvent['type'], logs: Logs): ProgressEvent {
    const elapsed = Math.max(0, (this.now() - this.epochStart) / 1000);
    const steps = this.params.steps;
    const perBatch = this.batches > 0 ? elapsed / this.batches : 0;
    return {
      type,
      epoch: this.epoch,
      epochs: this.params.epochs,
      batch: this.batches,
      steps,
      logs: { ...logs },
      samplesPerSecond: elapsed > 0 ? this.samples / elapsed : 0,
      elapsedSeconds: elapsed,
      etaSeconds: steps !== undefined ? Math.max(0, steps - this.batches) * perBatch : undefined,
    };
  }

  private prefix(): string {
    return `Epoch ${this.epoch + 1}/${this.params.epochs}`;
  }

  private batchLine(e: ProgressEvent): string {
    let bar: string;
    if (e.steps !== undefined && e.steps > 0) {
      const filled = Math.min(this.width, Math.floor((this.width * e.batch) / e.steps));
      const head = filled < this.width ? '>' : '';
      bar = `[${'='.repeat(filled)}${head}${'.'.repeat(Math.max(0, this.width - filled - head.length))}] ${e.batch}/${e.steps}`;
    } else {
      bar = `${e.batch} batches`;
    }
    const eta = e.etaSeconds !== undefined ? ` - ETA ${formatDuration(e.etaSeconds)}` : '';
    return `${this.prefix()} ${bar} - ${formatLogs(e.logs)} - ${Math.round(e.samplesPerSecond)} img/s${eta}`;
  }

  /** Rewrites the current terminal line (clipped to the terminal width). */
  private draw(line: string): void {
    const cols = this.stream?.columns;
    const text = cols && line.length >= cols ? line.slice(0, cols - 1) : line;
    this.stream!.write(`\r\x1b[2K${text}`);
    this.drawn = true;
  }
}
