/** Search spaces as JSON (for the CLI and config files): parsing with precise errors, and sampling. */
import { ConfigError } from '@convkit/core';
import { checkDistribution, contains } from './distributions';
import type { Trial } from './trial';
import type { Distribution, Params, ParamValue } from './types';

/** When a parameter is active: the earlier parameter `param` equals `equals`, or is one of `in`. */
export type SearchSpaceConditionJson =
  | { readonly param: string; readonly equals: ParamValue }
  | { readonly param: string; readonly in: readonly ParamValue[] };

/** One parameter of a JSON search space. */
export type SearchSpaceParamJson = Distribution & { readonly condition?: SearchSpaceConditionJson };

/**
 * A search space as JSON: parameters by name, in the order they are suggested. A parameter with a
 * `condition` is suggested only when an earlier parameter has the given value.
 *
 * @example
 * ```json
 * {
 *   "lr": { "type": "float", "low": 0.0001, "high": 0.1, "log": true },
 *   "filters": { "type": "int", "low": 8, "high": 64, "step": 8 },
 *   "optimizer": { "type": "categorical", "choices": ["sgd", "adam"] },
 *   "momentum": { "type": "float", "low": 0, "high": 0.99, "condition": { "param": "optimizer", "equals": "sgd" } }
 * }
 * ```
 */
export type SearchSpaceJson = Readonly<Record<string, SearchSpaceParamJson>>;

/** A validated search space. */
export interface SearchSpace {
  readonly params: readonly {
    readonly name: string;
    readonly distribution: Distribution;
    readonly condition?: { readonly param: string; readonly values: readonly ParamValue[] };
  }[];
}

const KEYS: Record<string, readonly string[]> = {
  float: ['type', 'low', 'high', 'log', 'step', 'condition'],
  int: ['type', 'low', 'high', 'step', 'log', 'condition'],
  categorical: ['type', 'choices', 'condition'],
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function jsonPath(name: string, key?: string): string {
  const id = /^[A-Za-z_$][\w$]*$/;
  const seg = (s: string) => (id.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`);
  return `$${seg(name)}${key === undefined ? '' : seg(key)}`;
}

/**
 * Parses and validates a JSON search space.
 *
 * @param json - The JSON text, or the already parsed object.
 * @returns The search space, for {@link suggestFromSpace}.
 * @throws {ConfigError} naming the path of the bad key (e.g. `$.lr.low`): bad JSON, an unknown type or
 *   key, bad bounds, or a condition on an unknown or later parameter or on a value it cannot take.
 *
 * @example
 * ```ts
 * import { parseSearchSpace } from '@convkit/tune';
 *
 * const space = parseSearchSpace('{"lr": {"type": "float", "low": 1e-4, "high": 0.1, "log": true}}');
 * ```
 */
export function parseSearchSpace(json: string | unknown): SearchSpace {
  let data: unknown = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (e) {
      throw new ConfigError(`search space: not valid JSON (${(e as Error).message})`);
    }
  }
  if (!isObject(data)) throw new ConfigError('search space: $ must be an object of parameters by name');
  const names = Object.keys(data);
  if (names.length === 0) throw new ConfigError('search space: $ has no parameters');
  const params: SearchSpace['params'][number][] = [];
  const seen = new Map<string, Distribution>();
  for (const name of names) {
    const p = data[name];
    const at = jsonPath(name);
    if (!isObject(p)) throw new ConfigError(`search space: ${at} must be an object with a "type"`);
    const type = p.type;
    if (type !== 'float' && type !== 'int' && type !== 'categorical') {
      throw new ConfigError(
        `search space: ${jsonPath(name, 'type')} must be "float", "int" or "categorical", got ${JSON.stringify(type)}`,
      );
    }
    for (const k of Object.keys(p)) {
      if (!KEYS[type].includes(k))
        throw new ConfigError(
          `search space: ${jsonPath(name, k)} is not a key of a ${type} parameter (${KEYS[type].join(', ')})`,
        );
    }
    const { condition, ...rest } = p;
    const distribution = rest as unknown as Distribution;
    try {
      checkDistribution('x', distribution);
    } catch (e) {
      // Re-point the message at the JSON key.
      const msg = (e as Error).message.replace(/^x: /, '');
      const word = /\b(low|high|step|log|choices?)\b/.exec(msg)?.[1];
      const key = word === 'choice' ? 'choices' : word;
      throw new ConfigError(`search space: ${jsonPath(name, key)}: ${msg}`);
    }
    let cond: { param: string; values: ParamValue[] } | undefined;
    if (condition !== undefined) {
      const cat = jsonPath(name, 'condition');
      if (!isObject(condition) || typeof condition.param !== 'string') {
        throw new ConfigError(
          `search space: ${cat} must be {"param": NAME, "equals": VALUE} or {"param": NAME, "in": [VALUES]}`,
        );
      }
      for (const k of Object.keys(condition)) {
        if (k !== 'param' && k !== 'equals' && k !== 'in')
          throw new ConfigError(`search space: ${cat}.${k} is not a condition key (param, equals, in)`);
      }
      const hasEquals = 'equals' in condition;
      const hasIn = 'in' in condition;
      if (hasEquals === hasIn) throw new ConfigError(`search space: ${cat} needs exactly one of "equals" and "in"`);
      const values = hasEquals ? [condition.equals as ParamValue] : (condition.in as ParamValue[]);
      if (!Array.isArray(values) || values.length === 0)
        throw new ConfigError(`search space: ${cat}.in must be a non-empty array`);
      const target = seen.get(condition.param);
      if (!target) {
        throw new ConfigError(
          `search space: ${cat}.param names ${JSON.stringify(condition.param)}, which is not a parameter defined before ${JSON.stringify(name)}`,
        );
      }
      for (const v of values) {
        if (!contains(target, v)) {
          throw new ConfigError(
            `search space: ${cat}: ${JSON.stringify(condition.param)} can never be ${JSON.stringify(v)}`,
          );
        }
      }
      cond = { param: condition.param, values: [...values] };
    }
    seen.set(name, distribution);
    params.push({ name, distribution: JSON.parse(JSON.stringify(distribution)), ...(cond ? { condition: cond } : {}) });
  }
  return { params };
}

/**
 * Suggests every active parameter of `space` on `trial`, in order (inside an objective).
 *
 * @param trial - The running trial.
 * @param space - From {@link parseSearchSpace} (or the JSON, parsed on the fly).
 * @returns The active parameters and their values.
 *
 * @example
 * ```ts
 * const space = parseSearchSpace(readFileSync('search.json', 'utf8'));
 * await study.optimize(async (trial) => train(suggestFromSpace(trial, space)), { trials: 20 });
 * ```
 */
export function suggestFromSpace(trial: Trial, space: SearchSpace | SearchSpaceJson): Params {
  const maybe = space as unknown as Partial<SearchSpace>;
  const s =
    isObject(space) && Array.isArray(maybe.params) ? (space as unknown as SearchSpace) : parseSearchSpace(space);
  const out: Params = {};
  for (const p of s.params) {
    if (p.condition) {
      const v = out[p.condition.param];
      if (v === undefined || !p.condition.values.includes(v)) continue;
    }
    out[p.name] = trial.suggest(p.name, p.distribution);
  }
  return out;
}
