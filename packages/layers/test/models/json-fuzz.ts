/**
 * fast-check helpers for fuzzing JSON files (model.json, the .ckz header):
 * JSON texts of hostile values and their substitution at random paths.
 * Shared by the layers and compress property tests.
 */
import fc from 'fast-check';

/** Every path (keys from the root) of a JSON value, found without recursion. */
export function pathsOf(root: unknown): (string | number)[][] {
  const out: (string | number)[][] = [];
  const stack: [unknown, (string | number)[]][] = [[root, []]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (path.length > 0) out.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, [...path, i]]));
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) stack.push([x, [...path, k]]);
  }
  return out;
}

/**
 * `json` with each edit applied in turn: the value at the edit's path (chosen
 * among the paths present at that point) replaced by a JSON text, or removed
 * (null). Values go in as marker strings and their texts are spliced into the
 * final JSON, so deep values never pass through a recursive JSON.stringify here.
 */
export function substitute(json: string, edits: readonly [number, string | null][]): string {
  const root = JSON.parse(json);
  const texts: string[] = [];
  for (const [pathIndex, valueText] of edits) {
    const paths = pathsOf(root);
    if (paths.length === 0) break;
    const path = paths[pathIndex % paths.length];
    let parent = root;
    for (const k of path.slice(0, -1)) parent = parent[k];
    const last = path[path.length - 1];
    if (valueText === null) {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
    } else {
      parent[last] = `@@FUZZ-${texts.length}@@`;
      texts.push(valueText);
    }
  }
  return JSON.stringify(root).replace(/"@@FUZZ-(\d+)@@"/g, (_m, i: string) => texts[Number(i)]);
}

/** JSON texts of values that stress the loader. */
export const hostileValue: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      '1e308',
      '-1e308',
      '1e999',
      '-1e999',
      '1e7',
      '9007199254740993',
      '4294967296',
      '-1',
      '0',
      '0.5',
      '"constructor"',
      '"__proto__"',
      '"toString"',
      '"hasOwnProperty"',
      '{"__proto__": {"x": 1}}',
      '[]',
      '{}',
      'null',
      'true',
      '"same"',
      '[1e308, 1e308]',
      '[100000, 100000, 3]',
      '{"className": "Dense", "config": {"units": 10000000}}',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 60, max: 20_000 }).map((d) => `${'['.repeat(d)}${']'.repeat(d)}`) },
  { weight: 1, arbitrary: fc.integer({ min: 60, max: 2_000 }).map((d) => `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`) },
  { weight: 1, arbitrary: fc.constant(null) },
);
