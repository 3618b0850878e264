// `node bench/wasm-train.mjs --threads-breakdown [--rounds N]`: where a layers trainOnBatch step of the
// reference CNN spends its time on 1 and 2 threads, as now ('new': copy cache on, convkit's MaxPool)
// and as before ('old': copy cache off, tfjs-backend-wasm's MaxPool). The four
// variants alternate within each round (so drift of a shared machine hits all alike); figures are
// medians over rounds of each round's median step. Columns: step ms; inside convkit's kernels: the
// kernel-module runs (the threaded part), copies into and out of convkit's memory; kernel time
// outside those (tfjs-backend-wasm's single-threaded ops and convkit's JS around its runs); and JS
// dispatch outside any kernel (tape, engine), from tf.profile of the same steps.
import os from 'node:os';
import {
  convkitKernelConfigs,
  readKernelStats,
  replacedTfjsWasmKernel,
  setCopyCacheEnabled,
  setKernelStatsEnabled,
  setThreadsCount,
} from '@convkit/backend-wasm';
import * as tf from '@tensorflow/tfjs-core';

/** The 'new' path (copy cache, convkit's MaxPool) or the 'old' one (per-call copies, tfjs-backend-wasm's MaxPool). */
function usePath(isNew) {
  setCopyCacheEnabled(isNew);
  const kernelFunc = isNew
    ? convkitKernelConfigs.find((k) => k.kernelName === 'MaxPool').kernelFunc
    : replacedTfjsWasmKernel('MaxPool');
  tf.unregisterKernel('MaxPool', 'wasm');
  tf.registerKernel({ kernelName: 'MaxPool', backendName: 'wasm', kernelFunc });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (v, d = 2) => v.toFixed(d);

/**
 * Runs the breakdown with `buildModel` (the bench's reference CNN) and prints a table.
 * @param {() => any} buildModel
 * @param {{ rounds: number, steps: number }} opts
 */
export async function threadsBreakdown(buildModel, { rounds, steps }) {
  const B = 64;
  const model = buildModel();
  const x = tf.randomUniform([B, 28, 28, 1]);
  const y = tf.randomUniform([B], 0, 10, 'int32');
  const step = () => model.trainOnBatch(x, y);
  const variants = [
    { threads: 1, isNew: false },
    { threads: 1, isNew: true },
    { threads: 2, isNew: false },
    { threads: 2, isNew: true },
  ];
  const res = new Map(
    variants.map((v) => [
      v,
      { ms: [], run: [], cin: [], cout: [], hitMB: [], inMB: [], cpu: [], runCpu: [], kernels: [], leaked: 0 },
    ]),
  );
  const load = [os.loadavg()[0]];
  for (let round = 0; round < rounds; round++) {
    for (const v of variants) {
      await setThreadsCount(v.threads);
      usePath(v.isNew);
      await step();
      const before = tf.memory().numTensors;
      await step();
      const r = res.get(v);
      r.leaked = Math.max(r.leaked, tf.memory().numTensors - before);
      setKernelStatsEnabled(true);
      const cpu0 = process.cpuUsage();
      const ts = [];
      for (let i = 0; i < steps; i++) {
        const t = performance.now();
        await step();
        ts.push(performance.now() - t);
      }
      const cpu = process.cpuUsage(cpu0);
      const s = readKernelStats();
      r.cpu.push((cpu.user + cpu.system) / 1000 / steps);
      r.runCpu.push(s.runCpuMs / steps);
      setKernelStatsEnabled(false);
      r.ms.push(median(ts));
      r.run.push(s.runMs / steps);
      r.cin.push(s.copyInMs / steps);
      r.cout.push(s.copyOutMs / steps);
      r.hitMB.push(s.cacheHitBytes / steps / 2 ** 20);
      r.inMB.push(s.copyInBytes / steps / 2 ** 20);
      const prof = await tf.profile(step);
      r.kernels.push(prof.kernels.reduce((a, k) => a + k.kernelTimeMs, 0));
    }
    load.push(os.loadavg()[0]);
  }
  usePath(true);
  tf.dispose([x, y]);
  model.dispose?.();
  console.log(
    `\nThreads breakdown: layers trainOnBatch, batch ${B}, ${rounds} alternating rounds x ${steps} steps (ms per step, medians)`,
  );
  console.log(
    '| threads | path | step | kernel runs | copy in | copy out | other kernel time | outside kernels | MiB copied in | MiB not copied | leaked |',
  );
  console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const row = {};
  for (const v of variants) {
    const r = res.get(v);
    const ms = median(r.ms);
    const run = median(r.run);
    const cin = median(r.cin);
    const cout = median(r.cout);
    const k = median(r.kernels);
    row[`${v.threads}${v.isNew}`] = ms;
    console.log(
      `| ${v.threads} | ${v.isNew ? 'new' : 'old'} | ${f(ms)} | ${f(run)} | ${f(cin)} | ${f(cout)} | ${f(Math.max(0, k - run - cin - cout))} | ${f(Math.max(0, ms - k))} | ${f(median(r.inMB), 1)} | ${f(median(r.hitMB), 1)} | ${r.leaked} |`,
    );
  }
  console.log(
    `1 -> 2 threads: ${f(row['1false'] / row['2false'])}x old, ${f(row['1true'] / row['2true'])}x new; new vs old speed: ${f(row['1false'] / row['1true'])}x at 1 thread, ${f(row['2false'] / row['2true'])}x at 2 threads`,
  );
  // CPU time hardly depends on what else the machine runs: with one thread the process's CPU time
  // per step is the step's work, the CPU time inside kernel runs is the part threads can share, and
  // the rest is serial. Perfect sharing of the runs over 2 threads bounds the speed-up (Amdahl).
  console.log('\nCPU time per step on 1 thread (process CPU, ms, medians; independent of machine load):');
  console.log('| path | step CPU | in kernel runs | serial rest | Amdahl bound for 2 threads |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const v of variants.filter((w) => w.threads === 1)) {
    const r = res.get(v);
    const total = median(r.cpu);
    const runs = median(r.runCpu);
    console.log(
      `| ${v.isNew ? 'new' : 'old'} | ${f(total)} | ${f(runs)} | ${f(total - runs)} | ${f(total / (total - runs + runs / 2))}x |`,
    );
  }
  console.log(`load average (1 min) during the run: ${load.map((l) => f(l)).join(' ')}; ${os.cpus().length} cpus`);
}
