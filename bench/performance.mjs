// The performance issue's whole table in one run: training img/s of convkit (1 and 2 threads) against
// every PyTorch build given, inference at batch 1/64/256, per-kernel GFLOP/s (bench/wasm-train.mjs),
// then int8 and sparse inference against the float model (bench/compressed-inference.mjs), one after
// the other so they never compete for the cores; then the training comparison with PyTorch once more in
// alternating rounds (packages/backend-wasm/bench/train-vs-torch.mjs), the ratio the target is judged on.
// Usage: pnpm build && node bench/performance.mjs [--quick] [--torch-python PATH ...] [--markdown DIR]
// (`--torch-python` and `--markdown` go to both scripts where they apply; CONVKIT_TORCH_PYTHON too.)
// PyTorch on OpenBLAS needs Debian's python3-torch with libopenblas0-pthread installed: without it, torch
// runs on the reference BLAS and the bench says so in its labels.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { machineLine } from './markdown.mjs';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const md = argv.indexOf('--markdown');
const markdown = md >= 0 ? ['--markdown', argv[md + 1]] : [];
const pythons = argv.flatMap((a, i) => (a === '--torch-python' && argv[i + 1] ? ['--torch-python', argv[i + 1]] : []));

function run(script, args) {
  const path = fileURLToPath(new URL(script, import.meta.url));
  console.log(`\n## node bench/${script} ${args.join(' ')}\n(${machineLine()})\n`);
  const r = spawnSync(process.execPath, [path, ...args], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`bench/${script} exited with ${r.status ?? r.signal}`);
    process.exitCode = 1;
  }
}

run('wasm-train.mjs', [...(quick ? ['--quick'] : []), '--no-cpu', ...pythons, ...markdown]);
run('compressed-inference.mjs', [...(quick ? ['--quick'] : []), ...markdown]);
// The training ratio again, convkit and PyTorch alternating round by round (robust to load bursts).
run('../packages/backend-wasm/bench/train-vs-torch.mjs', [...(quick ? ['--rounds', '3'] : []), ...pythons]);
