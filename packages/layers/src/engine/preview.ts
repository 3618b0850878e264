/**
 * `preview(value)`: a short, bounded description of an arbitrary value for
 * error messages. Unlike `JSON.stringify` it never recurses deeper than two
 * levels, never throws (BigInt, cycles, throwing getters) and never returns
 * more than `maxLength` characters, so a message about a hostile config
 * (10 000 nested arrays, a megabyte-long string) stays small and safe.
 */

const MAX_ITEMS = 8;

/**
 * A JSON-like description of `value`, at most `maxLength` characters long
 * (`…` marks a cut). Nesting past two levels is shown as `[…]` / `{…}`.
 */
export function preview(value: unknown, maxLength = 120): string {
  let text: string;
  try {
    text = describe(value, 2);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > maxLength ? `${text.slice(0, Math.max(0, maxLength - 1))}…` : text;
}

function describe(v: unknown, depth: number): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v.length > 200 ? `${v.slice(0, 200)}…` : v);
    case 'number':
    case 'boolean':
      return String(v);
    case 'bigint':
      return `${v}n`;
    case 'undefined':
      return 'undefined';
    case 'function':
      return 'a function';
    case 'symbol':
      return v.toString();
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) {
    if (depth === 0) return v.length === 0 ? '[]' : '[…]';
    const items = v.slice(0, MAX_ITEMS).map((x) => describe(x, depth - 1));
    if (v.length > MAX_ITEMS) items.push(`… ${v.length - MAX_ITEMS} more`);
    return `[${items.join(', ')}]`;
  }
  const keys = Object.keys(v as object);
  if (depth === 0) return keys.length === 0 ? '{}' : '{…}';
  const items = keys
    .slice(0, MAX_ITEMS)
    .map((k) => `${JSON.stringify(k)}: ${describe((v as Record<string, unknown>)[k], depth - 1)}`);
  if (keys.length > MAX_ITEMS) items.push(`… ${keys.length - MAX_ITEMS} more`);
  return `{${items.join(', ')}}`;
}
