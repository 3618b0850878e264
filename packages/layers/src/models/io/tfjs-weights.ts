/**
 * The `weightsManifest` of a TensorFlow.js `model.json`: groups of weights,
 * each stored across one or more shard files (`group1-shard1of2.bin`, …) whose
 * bytes, concatenated, hold the group's weights one after the other. Here the
 * manifest is validated (shard names, shapes, dtypes, sizes against
 * `maxBytes`) before anything is read, and the weights are repacked into the
 * float32 buffer of a convkit checkpoint in the order the model builds them.
 * Nothing here allocates a tensor.
 */
import { formatShape, SerializationError } from '@convkit/core';
import { preview } from '../../engine/preview';
import { checkWeightShape } from './manifest';
import type { WeightManifestEntry } from './model-json';

/** Most groups, shard files per group and weights per group a manifest may list. */
export const MAX_TFJS_MANIFEST_ITEMS = 100_000;

/** One weight of a TensorFlow.js manifest, located in its group's bytes. */
export interface TfjsWeightEntry {
  /** Weight name as written (`conv2d_1/kernel`). */
  name: string;
  /** Shape. */
  shape: number[];
  /** Stored dtype. */
  dtype: 'float32' | 'int32';
  /** Index of the group holding it. */
  group: number;
  /** Byte offset inside the group's concatenated shards. */
  offset: number;
  /** Bytes it takes (4 per element). */
  byteLength: number;
}

/** The validated manifest: each group's shard paths and total bytes, and every weight. */
export interface TfjsManifest {
  /** `paths` of each group, as relative file names. */
  groups: { paths: string[]; bytes: number }[];
  /** Every weight, in manifest order. */
  weights: TfjsWeightEntry[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(o: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** A shard path must be a relative file name inside the model's folder (or URL path). */
function checkShardPath(raw: unknown, where: string): string {
  // tfjs's downloads:// and browserFiles write `./name.weights.bin`: the same file as `name.weights.bin`.
  const p = typeof raw === 'string' && raw.startsWith('./') ? raw.slice(2) : raw;
  if (
    typeof p !== 'string' ||
    p.length === 0 ||
    p.length > 255 ||
    p.includes('\\') ||
    p.includes('\0') ||
    p.startsWith('/') ||
    /^[a-z][a-z0-9+.-]*:/i.test(p) ||
    p.split('/').some((s) => s === '..' || s === '.' || s === '')
  ) {
    throw new SerializationError(
      `${where} must be a relative file name inside the model's folder (no '..', no absolute path or URL), got ${preview(raw)}`,
    );
  }
  return p;
}

/**
 * Validates a TensorFlow.js `weightsManifest` (already bounded JSON): at least
 * one shard per group, relative shard names, weights with a shape of at most
 * 2^28 elements, dtype `float32` or `int32` (quantized weights are refused),
 * unique names and a total within `maxBytes`. `where` names the file.
 *
 * @throws {SerializationError} naming the entry that is wrong.
 * @internal
 */
export function parseTfjsManifest(raw: unknown, maxBytes: number, where = 'model.json'): TfjsManifest {
  if (!Array.isArray(raw)) throw new SerializationError(`${where} 'weightsManifest' must be an array of groups`);
  if (raw.length > MAX_TFJS_MANIFEST_ITEMS) throw new SerializationError(`${where} lists ${raw.length} weight groups`);
  const groups: TfjsManifest['groups'] = [];
  const weights: TfjsWeightEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  raw.forEach((g, gi) => {
    const at = `${where} weightsManifest[${gi}]`;
    if (!isRecord(g)) throw new SerializationError(`${at} must be an object { paths, weights }`);
    const paths = own(g, 'paths');
    const specs = own(g, 'weights');
    if (!Array.isArray(paths) || paths.length === 0 || paths.length > MAX_TFJS_MANIFEST_ITEMS) {
      throw new SerializationError(`${at} 'paths' must be a non-empty array of shard file names`);
    }
    if (!Array.isArray(specs) || specs.length > MAX_TFJS_MANIFEST_ITEMS) {
      throw new SerializationError(`${at} 'weights' must be an array`);
    }
    let offset = 0;
    specs.forEach((s, wi) => {
      const wat = `${at}.weights[${wi}]`;
      if (!isRecord(s) || typeof own(s, 'name') !== 'string') {
        throw new SerializationError(`${wat} must be an object with a string 'name'`);
      }
      const name = own(s, 'name') as string;
      const nat = `${where} weight '${name.slice(0, 200)}'`;
      if (names.has(name)) throw new SerializationError(`${where} lists weight '${name.slice(0, 200)}' twice`);
      names.add(name);
      if (own(s, 'quantization') !== undefined) {
        throw new SerializationError(
          `${nat} is quantized (${preview(own(s, 'quantization'))}); quantized tfjs weights are not supported, convert the model without --quantize_*`,
        );
      }
      const dtype = own(s, 'dtype');
      if (dtype !== 'float32' && dtype !== 'int32') {
        throw new SerializationError(`${nat} has dtype ${preview(dtype)}; only 'float32' and 'int32' are supported`);
      }
      const shape = checkWeightShape(own(s, 'shape'), nat);
      const byteLength = 4 * shape.reduce((a, b) => a * b, 1);
      total += byteLength;
      if (total > maxBytes) {
        throw new SerializationError(
          `${where} weights total more than maxBytes = ${maxBytes} bytes (at weight '${name.slice(0, 200)}')`,
        );
      }
      weights.push({ name, shape, dtype, group: gi, offset, byteLength });
      offset += byteLength;
    });
    groups.push({ paths: paths.map((p, pi) => checkShardPath(p, `${at}.paths[${pi}]`)), bytes: offset });
  });
  return { groups, weights };
}

/** `model_1/conv2d_1/kernel:0` → candidates `conv2d_1/kernel`, …, most specific first. */
function keysOf(name: string): string[] {
  const clean = name.replace(/:\d+$/, '');
  const parts = clean.split('/');
  const keys = [clean];
  if (parts.length > 2) keys.push(parts.slice(-2).join('/'));
  return keys;
}

/**
 * Repacks the group buffers into a convkit weight buffer laid out for
 * `planned` (the weights the topology builds, in `model.weights` order), with
 * the manifest entries `fromArtifacts` expects. Weights are matched by name
 * (`layer/weight`, ignoring a `:0` suffix and outer scopes); int32 values are
 * converted to float32. Every planned weight must be found with its shape, and
 * every stored weight used.
 *
 * @throws {SerializationError} for a missing, extra or misshapen weight, or a group whose bytes do not match the manifest.
 * @internal
 */
export function repackTfjsWeights(
  manifest: TfjsManifest,
  groupBytes: readonly Uint8Array[],
  planned: readonly { name: string; shape: readonly number[] }[],
  where = 'model.json',
): { entries: WeightManifestEntry[]; buffer: ArrayBuffer } {
  manifest.groups.forEach((g, i) => {
    const got = groupBytes[i]?.byteLength;
    if (got !== g.bytes) {
      throw new SerializationError(
        `${where} weight group ${i} (${g.paths.join(', ')}) needs ${g.bytes} bytes but its shard files hold ${got ?? 0}; the files are truncated, corrupt or do not belong to this model.json`,
      );
    }
  });
  const byKey = new Map<string, TfjsWeightEntry>();
  for (const w of manifest.weights) for (const k of keysOf(w.name)) if (!byKey.has(k)) byKey.set(k, w);
  const used = new Set<TfjsWeightEntry>();
  const entries: WeightManifestEntry[] = [];
  const sources: TfjsWeightEntry[] = [];
  let offset = 0;
  for (const p of planned) {
    const w = byKey.get(p.name);
    if (!w || used.has(w)) {
      throw new SerializationError(`${where} has no stored value for weight '${p.name}' ${formatShape([...p.shape])}`);
    }
    if (w.shape.length !== p.shape.length || w.shape.some((d, j) => d !== p.shape[j])) {
      throw new SerializationError(
        `Weight '${w.name}' has shape ${formatShape(w.shape)} in ${where} but the layer needs ${formatShape([...p.shape])}`,
      );
    }
    used.add(w);
    sources.push(w);
    entries.push({ name: p.name, shape: [...p.shape], dtype: 'float32', offset, byteLength: w.byteLength });
    offset += w.byteLength;
  }
  const extra = manifest.weights.filter((w) => !used.has(w));
  if (extra.length > 0) {
    throw new SerializationError(
      `${where} stores weights no layer uses: ${extra
        .slice(0, 5)
        .map((w) => `'${w.name.slice(0, 100)}'`)
        .join(', ')}${extra.length > 5 ? ` and ${extra.length - 5} more` : ''}`,
    );
  }
  const buffer = new ArrayBuffer(offset);
  const out = new DataView(buffer);
  entries.forEach((e, i) => {
    const w = sources[i];
    const src = groupBytes[w.group];
    const view = new DataView(src.buffer, src.byteOffset + w.offset, w.byteLength);
    for (let j = 0; j < w.byteLength; j += 4) {
      out.setFloat32(e.offset + j, w.dtype === 'int32' ? view.getInt32(j, true) : view.getFloat32(j, true), true);
    }
  });
  return { entries, buffer };
}

/** Concatenates shard bytes into one group buffer. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
