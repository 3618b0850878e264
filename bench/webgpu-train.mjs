// Reference-CNN training and inference benchmark of @convkit/backend-webgpu; the script lives with the package.
// Usage: pnpm build && node bench/webgpu-train.mjs [--quick] [--swiftshader] [--no-wasm] [--markdown docs/guide/generated]
await import('../packages/backend-webgpu/bench/webgpu-train.mjs');
