/**
 * Bounded JSON for untrusted model files: `model.json` and the header of a
 * `convkit-compressed` file go through `parseJson`; an already parsed value
 * (what a custom load handler or IndexedDB returns, a topology passed to
 * `modelFromConfig`) goes through `checkJsonValue`.
 *
 * `JSON.parse` itself copes with any nesting, but every walker that runs on
 * the result afterwards (error messages, config readers, structured clones)
 * may recurse. Both functions therefore bound the text size, the nesting depth
 * and the number of values, with one iterative walk, and reject what no
 * convkit file contains: non-finite numbers (`1e999` parses to Infinity),
 * BigInts, functions, symbols and non-plain objects. Every failure is a
 * `SerializationError` naming the file and the JSON path.
 */
import { ConfigError, ConvkitError, SerializationError } from '@convkit/core';

/** Deepest nesting of arrays and objects accepted (a convkit model.json uses fewer than 10 levels). */
export const MAX_JSON_DEPTH = 64;
/** Largest JSON text accepted, in UTF-16 code units (64 Mi: about 64 MB of ASCII). */
export const MAX_JSON_CHARS = 2 ** 26;
/** Largest number of values (objects, arrays and leaves together) accepted. */
export const MAX_JSON_VALUES = 2 ** 20;

/** Limits of `parseJson` and `checkJsonValue`; each defaults to the constant of the same name. */
export interface JsonLimits {
  /**
   * Default `MAX_JSON_DEPTH` (64).
   *
   * @defaultValue `MAX_JSON_DEPTH` (64)
   */
  maxDepth?: number;
  /**
   * Default `MAX_JSON_CHARS` (2^26). Only `parseJson` reads it.
   *
   * @defaultValue `MAX_JSON_CHARS` (2^26)
   */
  maxChars?: number;
  /**
   * Default `MAX_JSON_VALUES` (2^20).
   *
   * @defaultValue `MAX_JSON_VALUES` (2^20)
   */
  maxValues?: number;
}

/**
 * Parses untrusted JSON text: rejects text longer than `maxChars`, invalid
 * JSON, nesting deeper than `maxDepth`, more than `maxValues` values and
 * non-finite numbers. `where` names the source in messages (`'model.json'`,
 * `'/ckpt/model.json'`, `'convkit-compressed header'`).
 *
 * @example
 * const raw = parseJson(text, 'model.json'); // SerializationError for `[[[[…]]]]` 10 000 deep
 */
export function parseJson(text: string, where: string, limits: JsonLimits = {}): unknown {
  if (typeof text !== 'string') throw new SerializationError(`${where} must be JSON text, got ${typeof text}`);
  const maxChars = limit(limits.maxChars, MAX_JSON_CHARS, 'maxChars');
  if (text.length > maxChars) {
    throw new SerializationError(
      `${where} is ${text.length} characters long, more than the ${maxChars} accepted for a JSON file; it is not a convkit file or it is corrupt`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new SerializationError(`${where} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  checkJsonValue(value, where, limits);
  return value;
}

/**
 * Checks that `value` is plain JSON data within the limits (see the module
 * comment), without recursion: depth ≤ `maxDepth`, at most `maxValues`
 * values (so a cycle or a shared sub-object cannot make the walk endless),
 * only finite numbers, strings, booleans, null, arrays and plain objects
 * (`undefined` object properties are allowed: they mean "absent").
 * Throws a `SerializationError` naming `where` and the path.
 */
export function checkJsonValue(value: unknown, where: string, limits: JsonLimits = {}): void {
  const maxDepth = limit(limits.maxDepth, MAX_JSON_DEPTH, 'maxDepth');
  const maxValues = limit(limits.maxValues, MAX_JSON_VALUES, 'maxValues');
  // Each pending value with its depth and how to name it (parent index + key), for the message.
  const values: unknown[] = [value];
  const depths: number[] = [0];
  const parents: number[] = [-1];
  const keys: (string | number)[] = [''];
  try {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const fail = (what: string, why = ''): never => {
        throw new SerializationError(`${where} ${what} at ${pathOf(parents, keys, i)}${why}`);
      };
      switch (typeof v) {
        case 'string':
        case 'boolean':
          continue;
        case 'number':
          if (!Number.isFinite(v))
            fail(`holds the non-finite number ${v}`, ' (JSON cannot encode it; the file is corrupt)');
          continue;
        case 'object':
          break;
        default:
          fail(`holds ${typeof v === 'undefined' ? 'undefined' : `a ${typeof v}`}, which is not JSON data`);
      }
      if (v === null) continue;
      const proto = Object.getPrototypeOf(v);
      const isArray = Array.isArray(v);
      if (!isArray && proto !== Object.prototype && proto !== null) {
        fail(`holds a ${(v as object).constructor?.name ?? 'non-plain'} object, which is not JSON data`);
      }
      const depth = depths[i] + 1;
      if (depth > maxDepth) fail(`is nested more than ${maxDepth} levels deep`);
      const push = (k: string | number, x: unknown): void => {
        if (values.length >= maxValues) fail(`holds more than ${maxValues} values`);
        values.push(x);
        depths.push(depth);
        parents.push(i);
        keys.push(k);
      };
      if (isArray) {
        const arr = v as unknown[];
        for (let k = 0; k < arr.length; k++) push(k, arr[k]);
      } else {
        for (const k of Object.keys(v as object)) {
          const x = (v as Record<string, unknown>)[k];
          if (x !== undefined) push(k, x);
        }
      }
    }
  } catch (e) {
    if (e instanceof ConvkitError) throw e;
    // A throwing getter or a proxy in an in-memory value.
    throw new SerializationError(`${where} cannot be read as JSON data: ${(e as Error)?.message ?? String(e)}`, {
      cause: e,
    });
  }
}

/**
 * `$.topology.config.layers[3]` for the value at index `i`: the whole path
 * (at most `maxDepth` + 1 steps), abbreviated in the middle when long.
 */
function pathOf(parents: readonly number[], keys: readonly (string | number)[], i: number): string {
  const parts: string[] = [];
  for (let j = i; j > 0; j = parents[j]) {
    const k = keys[j];
    parts.push(
      typeof k === 'number' ? `[${k}]` : /^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k.slice(0, 50))}]`,
    );
  }
  parts.reverse();
  const shown = parts.length > 12 ? [...parts.slice(0, 8), `…(${parts.length - 10} more)…`, ...parts.slice(-2)] : parts;
  return `$${shown.join('')}`;
}

function limit(v: number | undefined, dflt: number, name: string): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !(v >= 1)) throw new ConfigError(`JSON limit ${name} must be a number ≥ 1, got ${v}`);
  return v;
}
