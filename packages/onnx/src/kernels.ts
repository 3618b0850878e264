/**
 * Weight layouts: convkit's HWIO kernels rearranged into ONNX's OIHW.
 * Plain loops over the values read once from the model.
 */

/** A conv kernel `[kh, kw, inC, outC]` (HWIO) as `[outC, inC, kh, kw]` (OIHW). */
export function hwioToOihw(k: Float32Array, kh: number, kw: number, inC: number, outC: number): Float32Array {
  const out = new Float32Array(k.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < inC; i++)
        for (let o = 0; o < outC; o++) {
          out[((o * inC + i) * kh + y) * kw + x] = k[((y * kw + x) * inC + i) * outC + o];
        }
  return out;
}

/**
 * A depthwise kernel `[kh, kw, inC, multiplier]` as the weight of a grouped
 * Conv (`group = inC`): `[inC · multiplier, 1, kh, kw]`, output channel
 * `c · multiplier + m`, the order tfjs's depthwise conv produces.
 */
export function depthwiseToGrouped(k: Float32Array, kh: number, kw: number, inC: number, mult: number): Float32Array {
  // Output channel c·mult + m, one input channel: the same loop as OIHW with inC → 1 and outC → inC·mult.
  return hwioToOihw(k, kh, kw, 1, inC * mult);
}
