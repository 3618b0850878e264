/**
 * A numeric `pad` with a `dimRoundingMode` ('ceil', or 'round' rounding up)
 * makes the output one row or column longer than the padding alone gives:
 * tfjs sizes the output that way, but tfjs-backend-wasm's XNNPACK kernels
 * (Conv2D, DepthwiseConv2dNative, AvgPool, MaxPool and the fused ones) derive
 * the output size from the padding and leave that last row and column
 * unwritten. The same padding written out explicitly (top/left as given,
 * bottom/right as far as the last window reaches) is what those kernels read
 * correctly, for every output size.
 */
import type { backend_util } from '@tensorflow/tfjs-core';

type Explicit = [[number, number], [number, number], [number, number], [number, number]];

/** What a kernel's conv / pool info tells about its geometry (Conv2DInfo and its pooling twin). */
type Geometry = Pick<
  backend_util.Conv2DInfo,
  | 'inHeight'
  | 'inWidth'
  | 'outHeight'
  | 'outWidth'
  | 'strideHeight'
  | 'strideWidth'
  | 'effectiveFilterHeight'
  | 'effectiveFilterWidth'
  | 'padInfo'
>;

/**
 * `attrs` with a numeric `pad` and a `dimRoundingMode` rewritten as the
 * equivalent explicit padding (and no rounding mode); other attrs unchanged.
 */
export function withExplicitPadding<A extends { pad?: unknown; dimRoundingMode?: unknown }>(
  attrs: A,
  info: Geometry,
): A {
  if (typeof attrs.pad !== 'number' || attrs.dimRoundingMode === undefined || attrs.dimRoundingMode === null) {
    return attrs;
  }
  const { top, left } = info.padInfo;
  const bottom = Math.max(
    0,
    (info.outHeight - 1) * info.strideHeight + info.effectiveFilterHeight - info.inHeight - top,
  );
  const right = Math.max(0, (info.outWidth - 1) * info.strideWidth + info.effectiveFilterWidth - info.inWidth - left);
  const pad: Explicit = [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ];
  return { ...attrs, pad, dimRoundingMode: undefined };
}
