// Reference-CNN training and inference benchmark of @convkit/backend-webgpu; the script lives with the package.
// Usage: pnpm build && node bench/webgpu-train.mjs [--quick] [--swiftshader] [--no-wasm] [--markdown docs/guide/generated]
// On the lent GPU machine (no Node there): node scripts/gpu/bundle.mjs here, then one device run of
// `bash scripts/gpu/run.sh` with carry [".gpu"] (docs/guide/webgpu.md, "Measuring on a real GPU").
await import('../packages/backend-webgpu/bench/webgpu-train.mjs');
