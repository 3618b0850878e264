// Adapter probe for scripts/gpu/run.sh (bundled into .gpu/ by scripts/gpu/bundle.mjs): opens the
// 'webgpu' backend once and prints the adapter it got, or why it got none. Not a test.
//   node probe.mjs [--expect-hardware]
// --expect-hardware: a software adapter (SwiftShader, lavapipe) is a failure too (on the GPU machine
//   it means the GPU's Vulkan driver was not found and a software one answered instead).
// Exit status: 0 adapter found, 2 no adapter (or a software one with --expect-hardware).

const expectHardware = process.argv.includes('--expect-hardware');
// Relative dist paths (as the bench scripts import layers and optim): the repository root depends on no package.
const { webgpuAdapterInfo } = await import('../../packages/backend-webgpu/dist/index.js');
const { setBackend } = await import('../../packages/core/dist/index.js');

const env = ['VK_ICD_FILENAMES', 'VK_DRIVER_FILES', 'VK_ADD_DRIVER_FILES', 'LD_LIBRARY_PATH']
  .map((k) => `${k}=${process.env[k] ?? '(unset)'}`)
  .join(' ');
console.log(`probe: node ${process.version} at ${process.execPath}; ${env}`);
try {
  await setBackend('webgpu');
} catch (err) {
  console.error(`probe: FAILED, no WebGPU adapter: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}
const info = webgpuAdapterInfo();
console.log(`probe: adapter: ${info?.summary ?? '(none)'}${info?.software ? ' (software)' : ''}`);
if (expectHardware && (!info || info.software)) {
  console.error('probe: FAILED, expected a hardware adapter (the GPU) and got a software one');
  process.exit(2);
}
process.exit(0);
