// Compressed inference (int8 integer kernels, sparse kernels) on the wasm backend; the script lives with @convkit/compress.
// Usage: pnpm build && node bench/compressed-inference.mjs [--threads 2] [--rounds 3] [--burst 10] [--quick] [--no-train]
// Batch 1 is reported twice: cold (round robin, one call per model per round) and warm (bursts of
// back-to-back calls per model, models still taking turns round by round); see the script header.
await import('../packages/compress/bench/compressed-inference.mjs');
