// How closely convkit reproduces Keras on the Keras fixtures (packages/layers/test/fixtures/keras,
// written by Keras 3 with make-keras-fixtures.py), and how long loading takes.
// Usage: pnpm turbo run build --filter=@convkit/layers... && node packages/layers/bench/keras-import.mjs
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { numTensors, tensor } from '@convkit/core';
import { loadKerasModel } from '@convkit/layers/keras';

const dir = fileURLToPath(new URL('../test/fixtures/keras/', import.meta.url));
const expected = JSON.parse(readFileSync(`${dir}expected.json`, 'utf8'));
const rows = [];
for (const [name, file] of [
  ['cnn', 'cnn.keras'],
  ['cnn', 'cnn.h5'],
  ['cnn', 'cnn-keras2-layout.h5'],
  ['mlp', 'mlp.keras'],
  ['mlp', 'mlp.h5'],
]) {
  const e = expected.models[name];
  const t0 = performance.now();
  const model = await loadKerasModel(`${dir}${file}`);
  const loadMs = performance.now() - t0;
  const x = tensor(e.input, e.inputShape);
  const y = model.predict(x);
  const got = await y.data();
  let maxErr = 0;
  for (let i = 0; i < e.output.length; i++) maxErr = Math.max(maxErr, Math.abs(got[i] - e.output[i]));
  rows.push({
    file,
    params: model.countParams(),
    'load ms': Number(loadMs.toFixed(1)),
    'max |convkit - keras|': maxErr.toExponential(2),
  });
  x.dispose();
  y.dispose();
  model.dispose();
}
console.table(rows);
console.log(`Keras ${expected.keras_version} (${expected.backend} backend); live tensors after: ${numTensors()}`);
