// Compressed inference (int8 integer kernels, sparse kernels) on the wasm backend; the script lives with @convkit/compress.
// Usage: pnpm build && node bench/compressed-inference.mjs [--threads 2] [--rounds 3] [--quick] [--no-train]
await import('../packages/compress/bench/compressed-inference.mjs');
