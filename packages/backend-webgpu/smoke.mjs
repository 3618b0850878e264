import '@convkit/backend-webgpu';
import { webgpuAdapterInfo } from '@convkit/backend-webgpu';
import { getBackend, ops, setBackend, tensor2d } from '@convkit/core';

const t0 = Date.now();
try {
  await setBackend('webgpu');
} catch (e) {
  console.log('ERR', e.name, e.message);
  process.exit(0);
}
console.log(getBackend(), webgpuAdapterInfo(), Date.now() - t0);
const a = tensor2d([
  [1, 2],
  [3, 4],
]);
const y = ops.matMul(a, a);
console.log(await y.data(), Date.now() - t0);
try {
  y.dataSync();
} catch (e) {
  console.log('dataSync:', e.message);
}
