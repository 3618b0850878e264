/**
 * `loadKerasModel` in the browser build: the Node file-system module is swapped for its browser
 * stand-in (as tsup's browser build does), so a path is refused with a ConfigError that says to
 * pass the bytes, and bytes still load.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '@convkit/core';
import { loadKerasModel } from '@convkit/layers/keras';
import { expect, it, vi } from 'vitest';

vi.mock('../../src/models/io/node-fs', () => import('../../src/models/io/node-fs.browser'));

it('refuses a path without a file system, naming what to pass instead', async () => {
  const err = await loadKerasModel('model.keras').catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ConfigError);
  expect((err as Error).message).toMatch(/a file path needs Node's file system; in a browser pass the file's bytes/);
});

it('loads from bytes without a file system', async () => {
  const bytes = readFileSync(new URL('../fixtures/keras/mlp.keras', import.meta.url));
  const model = await loadKerasModel(new Uint8Array(bytes));
  expect(model.layers.map((l) => l.name)).toEqual(['dense_1', 'dropout_1', 'dense_2', 'dense_3']);
  model.dispose();
});
