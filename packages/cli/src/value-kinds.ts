/**
 * The kinds of value a command-line flag accepts, each with its parser. A
 * parser turns the text the user typed into a typed value or throws a
 * `UsageError` that names the flag, what it accepts and what it got:
 * `--epochs must be a positive integer, got -1`.
 */
import { didYouMean } from './suggest';
import { showValue, UsageError } from './usage-error';

/** How one flag's value is read. */
export interface ValueKind<T> {
  /** What the flag accepts, completing "--flag must be …" (`a positive integer`). */
  readonly accepts: string;
  /** The value's placeholder in the help (`N`, `X`, `cpu|wasm`). */
  readonly placeholder: string;
  /** Parses `raw`, the text given to `--${flag}`; throws a `UsageError` if it is not acceptable. */
  parse(raw: string, flag: string): T;
}

/** A switch: present or not, it takes no value. */
export interface SwitchKind {
  readonly switch: true;
}

/** The kind of the switches (`--quiet`, `--help`, `--debug`). */
export const SWITCH: SwitchKind = { switch: true };

function reject(flag: string, accepts: string, raw: string, hint = ''): never {
  throw new UsageError(`--${flag} must be ${accepts}, got ${showValue(raw)}${hint}`);
}

// A plain decimal number: digits with an optional fraction and exponent. No
// hex, no `Infinity`, no blanks (`Number('')` would be 0), no `1_000`.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number `raw` spells in plain decimal notation, or `undefined`. `-0` reads as 0. */
export function parseDecimal(raw: string): number | undefined {
  if (raw.length > 400 || !DECIMAL.test(raw)) return undefined;
  return Number(raw) + 0;
}

function integerKind(accepts: string, ok: (n: number) => boolean): ValueKind<number> {
  return {
    accepts,
    placeholder: 'N',
    parse(raw, flag) {
      const n = parseDecimal(raw);
      if (n === undefined || !Number.isSafeInteger(n) || !ok(n)) reject(flag, accepts, raw);
      return n;
    },
  };
}

/** An integer ≥ 1 (`--epochs`, `--batch-size`, `--train-count`). */
export function positiveInteger(): ValueKind<number> {
  return integerKind('a positive integer', (n) => n >= 1);
}

/** An integer from `min` to `max` inclusive (`--prune-epochs 0..1000`). */
export function integerRange(min: number, max: number): ValueKind<number> {
  return integerKind(`an integer from ${min} to ${max}`, (n) => n >= min && n <= max);
}

/** Any integer, negative ones included, within ±(2^53 − 1) (`--seed`). */
export function anyInteger(): ValueKind<number> {
  return integerKind('an integer', () => true);
}

/** 0 (off) or an integer from `min` to `max` (`--cluster`: 0, or 2 to 256 clusters). */
export function offOrIntegerRange(min: number, max: number): ValueKind<number> {
  return integerKind(`0 (off) or an integer from ${min} to ${max}`, (n) => n === 0 || (n >= min && n <= max));
}

/** A finite number > 0 (`--lr`): not 0, not negative, not `Infinity`, not `NaN`. */
export function positiveNumber(): ValueKind<number> {
  const accepts = 'a finite positive number';
  return {
    accepts,
    placeholder: 'X',
    parse(raw, flag) {
      const x = parseDecimal(raw);
      if (x === undefined || !Number.isFinite(x) || !(x > 0)) reject(flag, accepts, raw);
      return x;
    },
  };
}

/** A comma-separated list of finite numbers ≥ 0 (`--eps 0.1,0.2,0.3`): at least one, no empty item. */
export function nonNegativeNumberList(): ValueKind<number[]> {
  const accepts = 'a comma-separated list of finite numbers ≥ 0';
  return {
    accepts,
    placeholder: 'X,…',
    parse(raw, flag) {
      if (raw.length > 10_000) reject(flag, accepts, raw);
      return raw.split(',').map((item) => {
        if (item === '') reject(flag, accepts, raw, ' (an empty item)');
        const x = parseDecimal(item);
        if (x === undefined || !Number.isFinite(x) || x < 0) {
          reject(flag, accepts, raw, raw.includes(',') ? ` (${showValue(item)})` : '');
        }
        return x;
      });
    },
  };
}

/** A comma-separated list of integers from `min` to `max` (`--bits 8,4,2`): at least one, no empty item, no repeat. */
export function integerList(min: number, max: number): ValueKind<number[]> {
  const accepts = `a comma-separated list of integers from ${min} to ${max}`;
  return {
    accepts,
    placeholder: 'N,…',
    parse(raw, flag) {
      if (raw.length > 1000) reject(flag, accepts, raw);
      const seen = new Set<number>();
      return raw.split(',').map((item) => {
        if (item === '') reject(flag, accepts, raw, ' (an empty item)');
        const n = parseDecimal(item);
        if (n === undefined || !Number.isInteger(n) || n < min || n > max) {
          reject(flag, accepts, raw, raw.includes(',') ? ` (${showValue(item)})` : '');
        }
        if (seen.has(n)) reject(flag, accepts, raw, ` (${n} is given twice)`);
        seen.add(n);
        return n;
      });
    },
  };
}

/** A number in [0, 1) (`--prune`, `--structured`): a fraction of weights or filters. */
export function fraction(): ValueKind<number> {
  const accepts = 'a fraction in [0, 1)';
  return {
    accepts,
    placeholder: 'F',
    parse(raw, flag) {
      const x = parseDecimal(raw);
      if (x === undefined || !(x >= 0 && x < 1)) reject(flag, accepts, raw);
      return x;
    },
  };
}

function listOf(values: readonly string[]): string {
  return values.length === 2 ? `${values[0]} or ${values[1]}` : `one of ${values.join(', ')}`;
}

function suggestion(raw: string, values: readonly string[]): string {
  const near = didYouMean(raw, values);
  return near === undefined ? '' : `did you mean ${near}?`;
}

/** One of `values` (`--backend cpu|wasm|webgpu`), with a "did you mean" for a near miss. */
export function choice<const V extends string>(values: readonly V[]): ValueKind<V> {
  const accepts = listOf(values);
  return {
    accepts,
    placeholder: values.join('|'),
    parse(raw, flag) {
      if (!(values as readonly string[]).includes(raw)) {
        const near = suggestion(raw, values);
        reject(flag, accepts, raw, near && ` (${near})`);
      }
      return raw as V;
    },
  };
}

/**
 * A comma-separated list of distinct items from `values` (`--metrics accuracy,f1`):
 * no empty item, no repeated item.
 */
export function commaList<const V extends string>(values: readonly V[]): ValueKind<V[]> {
  const accepts = `a comma-separated list of ${values.join(', ')}`;
  return {
    accepts,
    placeholder: `${values[0]},…`,
    parse(raw, flag) {
      const items = raw.split(',');
      const seen = new Set<string>();
      for (const item of items) {
        if (item === '') reject(flag, accepts, raw, ' (an empty item)');
        if (!(values as readonly string[]).includes(item)) {
          const near = suggestion(item, values);
          reject(flag, accepts, raw, ` (unknown item ${showValue(item)}${near && `; ${near}`})`);
        }
        if (seen.has(item)) reject(flag, accepts, raw, ` (${item} is listed twice)`);
        seen.add(item);
      }
      return items as V[];
    },
  };
}

/** A path (`--out`, `--model-dir`): any non-empty text; whether it exists is checked where it is used. */
export function path(placeholder: 'DIR' | 'FILE' | 'PATH'): ValueKind<string> {
  const accepts = placeholder === 'DIR' ? 'a directory path' : placeholder === 'FILE' ? 'a file path' : 'a path';
  return {
    accepts,
    placeholder,
    parse(raw, flag) {
      if (raw === '' || raw.includes('\0')) reject(flag, accepts, raw);
      return raw;
    },
  };
}

/**
 * A download mirror: an `http://` or `https://` URL, a `file://` URL or a
 * local folder path (anything without a `scheme://`).
 *
 * @returns The value kind.
 */
export function mirror(): ValueKind<string> {
  const accepts = 'an http(s):// URL, a file:// URL or a folder';
  return {
    accepts,
    placeholder: 'URL',
    parse(raw, flag) {
      if (raw === '' || raw.includes('\0')) reject(flag, accepts, raw);
      const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1]?.toLowerCase();
      if (scheme !== undefined && !['http', 'https', 'file'].includes(scheme)) reject(flag, accepts, raw);
      if ((scheme === 'http' || scheme === 'https') && !URL.canParse(raw)) reject(flag, accepts, raw);
      return raw;
    },
  };
}

/**
 * Where a study lives (`convkit tune --storage`): `memory`, `file:PATH` (a JSON study file) or a
 * `redis://host:port` / `rediss://…` URL (a study shared by several processes and machines).
 *
 * @returns The value kind.
 */
export function storageUrl(): ValueKind<string> {
  const accepts = 'memory, file:PATH or a redis://host:port URL';
  return {
    accepts,
    placeholder: 'URL',
    parse(raw, flag) {
      if (raw === 'memory') return raw;
      if (/^file:./.test(raw) && !raw.includes('\0')) return raw;
      if (/^rediss?:\/\//i.test(raw) && URL.canParse(raw) && new URL(raw).hostname !== '') return raw;
      reject(flag, accepts, raw);
    },
  };
}

/** A study name (`--study`): 1 to 128 letters, digits, `_`, `.` or `-` (it names Redis keys and queues). */
export function studyName(): ValueKind<string> {
  const accepts = "1 to 128 letters, digits, '_', '.' or '-'";
  return {
    accepts,
    placeholder: 'NAME',
    parse(raw, flag) {
      if (!/^[\w.-]{1,128}$/.test(raw)) reject(flag, accepts, raw);
      return raw;
    },
  };
}
