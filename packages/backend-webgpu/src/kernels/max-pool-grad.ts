/**
 * `MaxPoolGrad` on WebGPU in one dispatch. tfjs-backend-webgpu 4.22 runs two
 * programs: one writes the argmax position of every window to a temporary
 * tensor, the second scatters `dy` through it. Here each invocation owns one
 * element of `dx`: for every window that contains it, it recomputes the
 * window's argmax from `x` (the first maximum in row-major order, as the cpu
 * backend picks it) and adds that window's `dy` when the argmax is itself. No
 * temporary tensor, one dispatch; a 2×2 stride-2 pool reads 4 values per element.
 *
 * Float32 tensors; anything else goes to tfjs's own kernel.
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

const WORKGROUP = 64;
const MAX_WORKGROUPS = 65535;
const NAME = 'ConvkitMaxPoolGrad';

const SHADER = /* wgsl */ `
struct U {
  xShape: vec4<i32>,
  dyShape: vec4<i32>,
  fsize: vec2<i32>,
  stride: vec2<i32>,
  pad: vec2<i32>,
  dilation: vec2<i32>,
  size: i32,
}
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> dy: array<f32>;
@group(0) @binding(2) var<storage, read_write> dx: array<f32>;
@group(0) @binding(3) var<uniform> u: U;

@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = i32(gid.x + gid.y * nwg.x * ${WORKGROUP}u);
  if (i >= u.size) {
    return;
  }
  let H = u.xShape.y;
  let W = u.xShape.z;
  let C = u.xShape.w;
  let outH = u.dyShape.y;
  let outW = u.dyShape.z;
  let d = i % C;
  var t = i / C;
  let c = t % W;
  t = t / W;
  let r = t % H;
  let b = t / H;
  let effH = (u.fsize.x - 1) * u.dilation.x + 1;
  let effW = (u.fsize.y - 1) * u.dilation.y + 1;
  // windows (yr, yc) whose span covers (r, c): yr·stride − pad ≤ r ≤ yr·stride − pad + effH − 1
  let loR = r + u.pad.x - effH + 1;
  let yrLo = select(0, (loR + u.stride.x - 1) / u.stride.x, loR > 0);
  let yrHi = min(outH - 1, (r + u.pad.x) / u.stride.x);
  let loC = c + u.pad.y - effW + 1;
  let ycLo = select(0, (loC + u.stride.y - 1) / u.stride.y, loC > 0);
  let ycHi = min(outW - 1, (c + u.pad.y) / u.stride.y);
  var acc = 0.0;
  for (var yr = yrLo; yr <= yrHi; yr = yr + 1) {
    let r0 = yr * u.stride.x - u.pad.x;
    if ((r - r0) % u.dilation.x != 0) {
      continue;
    }
    for (var yc = ycLo; yc <= ycHi; yc = yc + 1) {
      let c0 = yc * u.stride.y - u.pad.y;
      if ((c - c0) % u.dilation.y != 0) {
        continue;
      }
      // the window's first maximum in row-major order
      var found = false;
      var best = 0.0;
      var bestR = -1;
      var bestC = -1;
      for (var fr = 0; fr < u.fsize.x; fr = fr + 1) {
        let xr = r0 + fr * u.dilation.x;
        if (xr < 0 || xr >= H) {
          continue;
        }
        for (var fc = 0; fc < u.fsize.y; fc = fc + 1) {
          let xc = c0 + fc * u.dilation.y;
          if (xc < 0 || xc >= W) {
            continue;
          }
          let v = x[((b * H + xr) * W + xc) * C + d];
          if (!found || v > best) {
            found = true;
            best = v;
            bestR = xr;
            bestC = xc;
          }
        }
      }
      if (bestR == r && bestC == c) {
        acc = acc + dy[((b * outH + yr) * outW + yc) * C + d];
      }
    }
  }
  dx[i] = acc;
}
`;

const UNIFORM_BYTES = 80;
const pipelines = new WeakMap<GpuDevice, GpuPipeline>();

function pipelineFor(device: GpuDevice): GpuPipeline {
  let pipeline = pipelines.get(device);
  if (!pipeline) {
    const module = device.createShaderModule({ code: SHADER, label: NAME });
    pipeline = device.createComputePipeline({ label: NAME, layout: 'auto', compute: { module, entryPoint: 'main' } });
    pipelines.set(device, pipeline);
  }
  return pipeline;
}

/** The kernel, or `undefined` for the cases left to tfjs (non-float32, empty tensors). */
function run(args: KernelArgs): tf.TensorInfo | undefined {
  const { dy, input } = args.inputs as unknown as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const attrs = args.attrs as unknown as tf.MaxPoolGradAttrs;
  if (input.dtype !== 'float32' || dy.dtype !== 'float32') return undefined;
  const size = tf.util.sizeFromShape(input.shape);
  if (size === 0 || tf.util.sizeFromShape(dy.shape) === 0) return undefined;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const backend = args.backend as WebGPUBackendInternals;
  const out = backend.makeTensorInfo(input.shape.slice(), 'float32');
  const device = backend.device;
  const pipeline = pipelineFor(device);
  const uniform = scratchBuffer(backend, UNIFORM_BYTES, BUFFER_USAGE.UNIFORM | BUFFER_USAGE.COPY_DST);
  const data = new Int32Array(UNIFORM_BYTES / 4);
  data.set([
    ...input.shape,
    ...dy.shape,
    info.filterHeight,
    info.filterWidth,
    info.strideHeight,
    info.strideWidth,
    info.padInfo.top,
    info.padInfo.left,
    info.dilationHeight,
    info.dilationWidth,
    size,
  ]);
  backend.queue.writeBuffer(uniform, 0, data.buffer);
  const bindGroup = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [
      { binding: 0, resource: { buffer: bufferOf(backend, input) } },
      { binding: 1, resource: { buffer: bufferOf(backend, dy) } },
      { binding: 2, resource: { buffer: bufferOf(backend, out) } },
      { binding: 3, resource: { buffer: uniform, offset: 0, size: UNIFORM_BYTES } },
    ],
  });
  const groups = Math.ceil(size / WORKGROUP);
  const { pass, end } = beginPass(backend, NAME);
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  const gx = Math.min(groups, MAX_WORKGROUPS);
  pass.dispatchWorkgroups(gx, Math.ceil(groups / gx));
  end();
  return out;
}

/**
 * Replaces the 'webgpu' `MaxPoolGrad` by the one-dispatch kernel, keeping
 * tfjs's for the cases it does not cover. Call after tfjs-backend-webgpu has
 * registered its kernels; calling again does nothing.
 */
export function registerMaxPoolGrad(): void {
  overrideWebGPUKernel(tf.MaxPoolGrad, run);
}
