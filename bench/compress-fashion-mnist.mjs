// Compression benchmark on the full Fashion-MNIST; the script lives with @convkit/compress.
// Usage: pnpm build && node bench/compress-fashion-mnist.mjs [--quick] [--epochs 10] [--finetune 3] [--baseline DIR]
//   [--train-count N] [--test-count N] [--data-dir DIR] [--markdown docs/guide/generated]
await import('../packages/compress/bench/fashion-mnist.mjs');
