// Reference-CNN training benchmark of @convkit/backend-wasm; the script lives with the package.
// Usage: pnpm --filter @convkit/backend-wasm build && node bench/wasm-train.mjs [--quick] [--no-torch] [--no-cpu]
await import('../packages/backend-wasm/bench/wasm-train.mjs');
