/**
 * `Conv2DBackpropFilter` (the weight gradient of a convolution) on WebGPU with
 * a split reduction. tfjs-backend-webgpu 4.22 gives each filter element one
 * invocation that loops over every batch × output position: a 3×3×1×32 filter
 * is 288 invocations, each summing `batch·outH·outW` products in series, which
 * leaves most of a GPU idle. Here a 16×16 workgroup computes 16 consecutive
 * output channels of one `(row, col, inChannel)`: 16 lanes read `dy` side by
 * side, 16 slices split the positions, and a tree in workgroup memory sums the
 * slices — 16× the parallelism, coalesced `dy` reads. The slices split the
 * (batch, output row) pairs and walk each row with running indices, so the
 * inner loop has no division and no bounds test (software adapters run
 * integer division scalar).
 *
 * NHWC with dilation 1 (what the conv2d gradient asks for); anything else
 * goes to tfjs's own kernel.
 */
import * as tf from '@tensorflow/tfjs-core';
import { overrideWebGPUKernel } from './override';
import {
  BUFFER_USAGE,
  beginPass,
  bufferOf,
  type GpuDevice,
  type GpuPipeline,
  scratchBuffer,
  type WebGPUBackendInternals,
} from './webgpu-internals';

type KernelArgs = Parameters<tf.KernelFunc>[0];

const LANES = 16;
const SLICES = 16;
const MAX_WORKGROUPS = 65535;

const SHADER = /* wgsl */ `
struct U {
  xShape: vec4<i32>,
  dyShape: vec4<i32>,
  fshape: vec4<i32>,
  stride: vec2<i32>,
  pad: vec2<i32>,
  tilesD2: i32,
  unused: i32,
}
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> dy: array<f32>;
@group(0) @binding(2) var<storage, read_write> dw: array<f32>;
@group(0) @binding(3) var<uniform> u: U;

var<workgroup> partial: array<f32, ${LANES * SLICES}>;

@compute @workgroup_size(${LANES}, ${SLICES})
fn main(
  @builtin(workgroup_id) wg: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_id) lid: vec3<u32>,
) {
  let fh = u.fshape.x;
  let fw = u.fshape.y;
  let d1n = u.fshape.z;
  let d2n = u.fshape.w;
  let group = i32(wg.x + wg.y * nwg.x);
  let valid = group < fh * fw * d1n * u.tilesD2;
  let tile = group % u.tilesD2;
  var rest = group / u.tilesD2;
  let d1 = rest % d1n;
  rest = rest / d1n;
  let fc = rest % fw;
  let fr = rest / fw;
  let d2 = tile * ${LANES} + i32(lid.x);
  let inH = u.xShape.y;
  let inW = u.xShape.z;
  let outH = u.dyShape.y;
  let outW = u.dyShape.z;
  var acc = 0.0;
  if (valid && d2 < d2n) {
    // the output columns whose input column lies inside the image: no bounds test per product
    let lo = u.pad.y - fc;
    let ycLo = select(0, (lo + u.stride.y - 1) / u.stride.y, lo > 0);
    let hi = inW - 1 + u.pad.y - fc;
    let ycHi = select(min(outW, hi / u.stride.y + 1), 0, hi < 0);
    let xStep = u.stride.y * d1n;
    let rows = u.dyShape.x * outH;
    // slices split the (batch, output row) pairs; the inner loop walks one row, division-free
    for (var r = i32(lid.y); r < rows; r = r + ${SLICES}) {
      let b = r / outH;
      let yr = r - b * outH;
      let xr = yr * u.stride.x - u.pad.x + fr;
      if (xr >= 0 && xr < inH) {
        var xi = ((b * inH + xr) * inW + ycLo * u.stride.y - u.pad.y + fc) * d1n + d1;
        var di = ((b * outH + yr) * outW + ycLo) * d2n + d2;
        for (var yc = ycLo; yc < ycHi; yc = yc + 1) {
          acc = acc + x[xi] * dy[di];
          xi = xi + xStep;
          di = di + d2n;
        }
      }
    }
  }
  partial[lid.y * ${LANES}u + lid.x] = acc;
  workgroupBarrier();
  for (var s = ${SLICES / 2}u; s > 0u; s = s >> 1u) {
    if (lid.y < s) {
      partial[lid.y * ${LANES}u + lid.x] = partial[lid.y * ${LANES}u + lid.x] + partial[(lid.y + s) * ${LANES}u + lid.x];
    }
    workgroupBarrier();
  }
  if (lid.y == 0u && valid && d2 < d2n) {
    dw[((fr * fw + fc) * d1n + d1) * d2n + d2] = partial[lid.x];
  }
}
`;

const UNIFORM_BYTES = 80;
const pipelines = new WeakMap<GpuDevice, GpuPipeline>();

function pipelineFor(device: GpuDevice): GpuPipeline {
  let pipeline = pipelines.get(device);
  if (!pipeline) {
    const module = device.createShaderModule({ code: SHADER, label: 'ConvkitConv2DBackpropFilter' });
    pipeline = device.createComputePipeline({
      label: 'ConvkitConv2DBackpropFilter',
      layout: 'auto',
      compute: { module, entryPoint: 'main' },
    });
    pipelines.set(device, pipeline);
  }
  return pipeline;
}

/** The WGSL source of the kernel (for documentation and tests). */
export const CONV2D_BACKPROP_FILTER_WGSL = SHADER;

/**
 * The kernel, or `undefined` when the case is one for tfjs's own kernel
 * (NCHW, dilation, empty tensors, non-float32 input).
 */
function run(args: KernelArgs): tf.TensorInfo | undefined {
  const { x, dy } = args.inputs as unknown as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  if (attrs.dataFormat !== 'NHWC' || x.dtype !== 'float32' || dy.dtype !== 'float32') return undefined;
  const backend = args.backend as WebGPUBackendInternals;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) return undefined;
  const [fh, fw, d1, d2] = attrs.filterShape;
  const positions = info.batchSize * info.outHeight * info.outWidth;
  if (fh * fw * d1 * d2 === 0 || positions === 0 || tf.util.sizeFromShape(x.shape) === 0) return undefined;

  const out = backend.makeTensorInfo([fh, fw, d1, d2], 'float32');
  const device = backend.device;
  const pipeline = pipelineFor(device);
  const tilesD2 = Math.ceil(d2 / LANES);
  const groups = fh * fw * d1 * tilesD2;
  const uniform = scratchBuffer(backend, UNIFORM_BYTES, BUFFER_USAGE.UNIFORM | BUFFER_USAGE.COPY_DST);
  const data = new Int32Array(UNIFORM_BYTES / 4);
  data.set([...x.shape, ...dy.shape, fh, fw, d1, d2, info.strideHeight, info.strideWidth]);
  data.set([info.padInfo.top, info.padInfo.left, tilesD2, 0], 14);
  backend.queue.writeBuffer(uniform, 0, data.buffer);
  const bindGroup = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [
      { binding: 0, resource: { buffer: bufferOf(backend, x) } },
      { binding: 1, resource: { buffer: bufferOf(backend, dy) } },
      { binding: 2, resource: { buffer: bufferOf(backend, out) } },
      { binding: 3, resource: { buffer: uniform, offset: 0, size: UNIFORM_BYTES } },
    ],
  });
  const { pass, end } = beginPass(backend, 'ConvkitConv2DBackpropFilter');
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(Math.min(groups, MAX_WORKGROUPS), Math.ceil(groups / MAX_WORKGROUPS));
  end();
  return out;
}

/**
 * Replaces the 'webgpu' `Conv2DBackpropFilter` by the split-reduction kernel,
 * keeping tfjs's for the cases it does not cover. Call after
 * tfjs-backend-webgpu has registered its kernels; calling again does nothing.
 */
export function registerConv2DBackpropFilter(): void {
  overrideWebGPUKernel(tf.Conv2DBackpropFilter, run);
}
