// Reference-CNN training benchmark of @convkit/backend-wasm; the script lives with the package.
// Usage: pnpm build && node bench/wasm-train.mjs [--quick] [--no-torch] [--no-cpu] [--markdown docs/guide/generated]
await import('../packages/backend-wasm/bench/wasm-train.mjs');
