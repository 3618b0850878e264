// Adversarial robustness of the reference CNN on the embedded MNIST digits; the script lives with @convkit/robust.
// Usage: pnpm build && node bench/robust-mnist.mjs [--quick] [--epochs 4] [--method fgsm|pgd] [--markdown FILE]
await import('../packages/robust/bench/mnist.mjs');
