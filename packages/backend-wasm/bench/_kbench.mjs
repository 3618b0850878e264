import * as tf from '@tensorflow/tfjs-core';
const core = await import('../../core/dist/index.js');
const bw = await import('../dist/index.js');
await core.setBackend('wasm');
const threads = +(process.argv[2] ?? 2);
await bw.setThreadsCount(threads);
const { ops } = core;
function time(fn, reps) { for (let i=0;i<3;i++) tf.dispose(fn()); const t0=performance.now(); for (let i=0;i<reps;i++) tf.dispose(fn()); return (performance.now()-t0)/reps; }
for (const [B, H, C, N, fh] of [[1,13,32,64,3],[64,13,32,64,3],[1,28,1,32,3],[64,28,1,32,3]]) {
  const x = tf.tidy(()=>tf.mul(tf.round(tf.randomUniform([B,H,H,C],0,50)),0.02));
  const scales = Array.from({length:N},()=>0.01);
  const w = tf.tidy(()=>tf.mul(tf.round(tf.randomUniform([fh,fh,C,N],-127,127)),0.01));
  const ws = tf.tidy(()=>tf.mul(w, tf.cast(tf.greater(tf.randomUniform(w.shape), 0.9), 'float32')));
  const b = tf.zeros([N]);
  const reps = B===1?200:20;
  const fl = time(()=>tf.fused.conv2d({x,filter:w,bias:b,activation:'relu',strides:1,pad:'valid'}), reps);
  const q = time(()=>ops.quantizedConv2d(x,w,b,{activation:'relu',input:{scale:0.02,zeroPoint:-128},weightScales:scales,output:{scale:0.1,zeroPoint:-128}}), reps);
  const sp = time(()=>ops.sparseConv2d(x,ws,b,{activation:'relu'}), reps);
  const fls = time(()=>tf.fused.conv2d({x,filter:ws,bias:b,activation:'relu',strides:1,pad:'valid'}), reps);
  console.log(`conv B${B} ${H}x${H}x${C}->${N}: float ${fl.toFixed(3)} int8 ${q.toFixed(3)} (${(fl/q).toFixed(2)}x)  sparse90 ${sp.toFixed(3)} vs dense ${fls.toFixed(3)} (${(fls/sp).toFixed(2)}x)`);
}
for (const [M,K,N] of [[1,1600,128],[64,1600,128]]) {
  const x = tf.tidy(()=>tf.mul(tf.round(tf.randomUniform([M,K],0,50)),0.02));
  const w = tf.tidy(()=>tf.mul(tf.round(tf.randomUniform([K,N],-127,127)),0.01));
  const ws = tf.tidy(()=>tf.mul(w, tf.cast(tf.greater(tf.randomUniform(w.shape), 0.9), 'float32')));
  const b = tf.zeros([N]); const scales = Array.from({length:N},()=>0.01);
  const reps = M===1?500:50;
  const fl = time(()=>tf.fused.matMul({a:x,b:w,bias:b,activation:'relu'}), reps);
  const q = time(()=>ops.quantizedMatMul(x,w,b,{activation:'relu',input:{scale:0.02,zeroPoint:-128},weightScales:scales,output:{scale:0.1,zeroPoint:-128}}), reps);
  const sp = time(()=>ops.sparseMatMul(x,ws,b,{activation:'relu'}), reps);
  console.log(`dense ${M}x${K}x${N}: float ${fl.toFixed(3)} int8 ${q.toFixed(3)} (${(fl/q).toFixed(2)}x) sparse90 ${sp.toFixed(3)} (${(fl/sp).toFixed(2)}x)`);
}
process.exit(0);
