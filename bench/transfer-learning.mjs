// Transfer learning from MNIST digits to Fashion-MNIST; the example script lives with @convkit/layers.
// Usage: pnpm build && node bench/transfer-learning.mjs [--quick] [--data-dir DIR] [--train-count 1000]
//   [--head-epochs 10] [--finetune-epochs 5] [--markdown docs/guide/generated]
await import('../packages/layers/examples/transfer-learning.mjs');
