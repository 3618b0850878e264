/**
 * Values flowing through the exported graph and their memory layout.
 *
 * convkit is NHWC; ONNX's Conv and pooling operators are NCHW. A rank-4 value
 * is kept NCHW from the first layer that needs it (one Transpose at the
 * input), and turned back into NHWC only where convkit's element order
 * matters (Flatten, Reshape, Dense on a feature map, the graph output).
 */
import type { Shape } from '@convkit/core';
import type { GraphBuilder } from './graph-builder';

/** A value of the graph: its ONNX name, its convkit (NHWC) shape and how it is laid out. */
export interface OnnxValue {
  /** Name in the ONNX graph. */
  readonly name: string;
  /** The shape convkit gives it, batch first (`null` for the batch). */
  readonly shape: Shape;
  /** `'nchw'`: a rank-4 value stored channels first; `'native'`: stored as convkit has it. */
  readonly layout: 'nchw' | 'native';
}

const TO_NCHW = [0, 3, 1, 2];
const TO_NHWC = [0, 2, 3, 1];

/** Inserts layout Transposes, at most one per value and direction. */
export class Layouts {
  private readonly converted = new Map<string, string>();

  constructor(private readonly graph: GraphBuilder) {}

  /** The name of `v` stored NCHW (v must be rank 4). */
  nchw(v: OnnxValue): string {
    if (v.layout === 'nchw') return v.name;
    return this.transpose(v.name, TO_NCHW, 'nchw');
  }

  /** The name of `v` stored as convkit has it (NHWC for rank 4). */
  native(v: OnnxValue): string {
    if (v.layout === 'native') return v.name;
    return this.transpose(v.name, TO_NHWC, 'nhwc');
  }

  private transpose(name: string, perm: number[], suffix: string): string {
    const key = `${name}|${suffix}`;
    let out = this.converted.get(key);
    if (out === undefined) {
      out = this.graph.node('Transpose', [name], `${name}/${suffix}`, { perm: { ints: perm } });
      this.converted.set(key, out);
    }
    return out;
  }
}

/** The NCHW position of axis `axis` (non-negative) of an NHWC value. */
export function nchwAxis(axis: number): number {
  return [0, 2, 3, 1][axis];
}
