// Kernel profile of a reference-CNN training step on @convkit/backend-webgpu; the script lives with the package.
// Usage: pnpm build && node bench/webgpu-profile.mjs [--swiftshader] [--batch N] [--callers] [--markdown docs/guide/generated]
// On the lent GPU machine (no Node there): node scripts/gpu/bundle.mjs here, then one device run of
// `bash scripts/gpu/run.sh` with carry [".gpu"] (docs/guide/webgpu.md, "Measuring on a real GPU").
await import('../packages/backend-webgpu/bench/webgpu-profile.mjs');
