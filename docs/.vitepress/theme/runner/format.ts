/** `console.log` arguments as text, close to what Node prints for the same values. */
export function formatArgs(args: unknown[]): string {
  return args.map((a) => (typeof a === 'string' ? a : formatValue(a, 0))).join(' ');
}

function formatValue(value: unknown, depth: number): string {
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (typeof value === 'string') return depth === 0 ? value : `'${value}'`;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value !== 'object' || value === null) return String(value);
  if (depth > 2) return Array.isArray(value) ? '[Array]' : '[Object]';
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const items = Array.from(value as unknown as ArrayLike<number>);
    return `${value.constructor.name}(${items.length}) [ ${items.slice(0, 100).join(', ')}${items.length > 100 ? ', …' : ''} ]`;
  }
  if (Array.isArray(value)) return `[ ${value.map((v) => formatValue(v, depth + 1)).join(', ')} ]`;
  if (value instanceof Map)
    return `Map(${value.size}) { ${[...value].map(([k, v]) => `${formatValue(k, depth + 1)} => ${formatValue(v, depth + 1)}`).join(', ')} }`;
  if (value instanceof Set)
    return `Set(${value.size}) { ${[...value].map((v) => formatValue(v, depth + 1)).join(', ')} }`;
  // A class with its own toString (a tensor, a shape…) prints itself.
  const own = (value as { toString?: () => string }).toString;
  if (typeof own === 'function' && own !== Object.prototype.toString) return own.call(value);
  const name = value.constructor && value.constructor !== Object ? `${value.constructor.name} ` : '';
  const entries = Object.entries(value).map(([k, v]) => `${k}: ${formatValue(v, depth + 1)}`);
  return `${name}{ ${entries.join(', ')} }`;
}
