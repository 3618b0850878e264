// Kernel profile of a reference-CNN training step on @convkit/backend-webgpu; the script lives with the package.
// Usage: pnpm build && node bench/webgpu-profile.mjs [--swiftshader] [--batch N] [--callers] [--markdown docs/guide/generated]
await import('../packages/backend-webgpu/bench/webgpu-profile.mjs');
