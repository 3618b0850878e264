/** `ModelCheckpoint`: saves the model after epochs, atomically, optionally only when it improves. */
import { ConfigError } from '@convkit/core';
import { checkSaveTarget, type SaveHandler, saveModel } from '../io/handlers';
import type { Logs } from './callback';
import { Callback } from './callback';
import { improved, type MonitorMode, resolveMode, warnMissing, worst } from './monitor';

/** Options of `ModelCheckpoint`. */
export interface ModelCheckpointOptions {
  /**
   * Log key compared when `saveBestOnly`. Default `'val_loss'`.
   *
   * @defaultValue `'val_loss'`
   */
  monitor?: string;
  /**
   * Save only when `monitor` improves on the best value so far. Default false.
   *
   * @defaultValue `false`
   */
  saveBestOnly?: boolean;
  /**
   * `'min'`, `'max'` or `'auto'`. Default `'auto'`.
   *
   * @defaultValue `'auto'`
   */
  mode?: MonitorMode;
  /**
   * Save every `saveFreq` epochs (ignored for improvements when `saveBestOnly`). Default 1.
   *
   * @defaultValue `1`
   */
  saveFreq?: number;
}

/**
 * Saves the model at the end of epochs through `saveModel`, so a directory
 * path or `file://` URL is written atomically (a crash or error midway
 * leaves the previous checkpoint intact), and `indexeddb://` or a custom
 * handler works too. The path may contain placeholders filled from the epoch
 * logs: `{epoch}` (1-based, as Keras), `{epoch:03d}`, `{val_loss:.4f}`.
 *
 * ```ts
 * new ModelCheckpoint('./ckpt/best', { monitor: 'val_accuracy', saveBestOnly: true })
 * ```
 *
 * A failed save makes `fit` reject with the save error. A path that a save
 * would refuse (a folder that is not a convkit checkpoint, a file, the
 * file-system root; see `saveModel`) makes `fit` reject before the first epoch
 * when the path has no placeholders, and at the save otherwise.
 */
export class ModelCheckpoint extends Callback {
  /** Log key watched. */
  readonly monitor: string;
  /** Whether only improvements are saved. */
  readonly saveBestOnly: boolean;
  /** Whether smaller (`'min'`) or larger (`'max'`) is better, resolved from `'auto'`. */
  readonly mode: 'min' | 'max';
  /** Save every this many epochs. */
  readonly saveFreq: number;
  /** Best monitored value saved so far. */
  best = Number.NaN;
  /** Where the last successful save went (after placeholder substitution), if any. */
  lastSaved?: string;
  private warned = false;

  constructor(
    /** Where to save: a path or URL (with `{epoch}` / `{key}` placeholders) or a handler. */
    readonly target: string | SaveHandler,
    options: ModelCheckpointOptions = {},
  ) {
    super();
    if (typeof target !== 'string' && (typeof target !== 'object' || typeof target?.save !== 'function')) {
      throw new ConfigError('ModelCheckpoint: target must be a path/URL string or a { save } handler');
    }
    this.monitor = options.monitor ?? 'val_loss';
    this.saveBestOnly = options.saveBestOnly ?? false;
    this.mode = resolveMode('ModelCheckpoint', this.monitor, options.mode);
    this.saveFreq = options.saveFreq ?? 1;
    if (!Number.isInteger(this.saveFreq) || this.saveFreq < 1) {
      throw new ConfigError(`ModelCheckpoint: saveFreq must be a positive integer, got ${this.saveFreq}`);
    }
  }

  override async onTrainBegin(): Promise<void> {
    this.best = worst(this.mode);
    // Refuse an unusable fixed path before training rather than after the first epoch.
    if (typeof this.target !== 'string' || /\{[A-Za-z_]/.test(this.target)) return;
    await checkSaveTarget(this.target);
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    if (this.saveBestOnly) {
      const current = logs[this.monitor];
      if (current === undefined) {
        if (!this.warned) warnMissing('ModelCheckpoint', this.monitor, Object.keys(logs));
        this.warned = true;
        return;
      }
      if (!Number.isFinite(current) || !improved(this.mode, current, this.best, 0)) return;
      await this.save(epoch, logs);
      this.best = current;
      return;
    }
    if ((epoch + 1) % this.saveFreq === 0) await this.save(epoch, logs);
  }

  private async save(epoch: number, logs: Logs): Promise<void> {
    const target = typeof this.target === 'string' ? formatPath(this.target, epoch, logs) : this.target;
    await saveModel(this.model, target);
    this.lastSaved = typeof target === 'string' ? target : '<handler>';
  }
}

/** Fills `{epoch}`, `{epoch:03d}`, `{key}` and `{key:.4f}` placeholders. Unknown keys are left as they are. */
export function formatPath(template: string, epoch: number, logs: Logs): string {
  return template.replace(
    /\{([A-Za-z_][A-Za-z0-9_]*)(?::(0?)(\d*)(?:\.(\d+))?([df]))?\}/g,
    (whole, key, zero, width, prec, kind) => {
      const value = key === 'epoch' ? epoch + 1 : logs[key];
      if (value === undefined) return whole;
      let text: string;
      if (kind === 'f') text = value.toFixed(prec === undefined ? 6 : Number(prec));
      else if (kind === 'd') text = String(Math.trunc(value));
      else text = String(value);
      return width ? text.padStart(Number(width), zero ? '0' : ' ') : text;
    },
  );
}
