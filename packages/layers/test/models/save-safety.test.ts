/**
 * `saveModel` replaces only what it recognises as its own output (a convkit
 * checkpoint folder, by the content of its model.json), refuses anything else
 * with a ConfigError naming the path and writes nothing then; file-system
 * failures are FileSystemErrors with the errno code and a readable reason;
 * stale siblings of killed saves are removed by the next save or load.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, FileSystemError, numTensors, setSeed } from '@convkit/core';
import {
  Callback,
  checkSaveTarget,
  Dense,
  type LayersModel,
  loadModel,
  ModelCheckpoint,
  Sequential,
  saveModel,
} from '@convkit/layers';
import { SGD } from '@convkit/optim';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { hostTag } from '../../src/models/io/siblings';

// Fault injection: the save code imports node:fs/promises dynamically.
const fault = vi.hoisted(() => ({ code: undefined as string | undefined, on: 'write' as 'write' | 'rename' }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const errno = (code: string) => Object.assign(new Error(`${code}: injected`), { code });
  const open = async (...args: Parameters<typeof actual.open>): Promise<FileHandle> => {
    const fh = await actual.open(...args);
    if (fault.code === undefined || fault.on !== 'write' || args[1] !== 'wx') return fh;
    const code = fault.code;
    return new Proxy(fh, {
      get(target, key) {
        if (key === 'writeFile') {
          return async (data: Uint8Array | string) => {
            await target.write(typeof data === 'string' ? data.slice(0, 3) : data.subarray(0, data.length >> 1));
            throw errno(code);
          };
        }
        const v = Reflect.get(target, key);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  };
  const rename = async (...args: Parameters<typeof actual.rename>): Promise<void> => {
    if (fault.code !== undefined && fault.on === 'rename') throw errno(fault.code);
    return actual.rename(...args);
  };
  return { ...actual, default: { ...actual, open, rename }, open, rename };
});

let root: string;
const disposables: { dispose(): void }[] = [];
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'convkit-save-safety-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose();
  fault.code = undefined;
});

let seq = 0;
function fresh(name = 'case'): string {
  seq += 1;
  const d = join(root, `${name}-${seq}`);
  mkdirSync(d);
  return d;
}

function tiny(seed: number): Sequential {
  setSeed(seed);
  const m = new Sequential({ layers: [new Dense({ units: 3, inputShape: [4] })] });
  disposables.push(m);
  return m;
}

/** Every file and folder under `dir` with its bytes (or link target), for byte-for-byte comparisons. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const r = `${rel}${name}`;
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out[r] = `-> ${readlinkSync(p)}`;
      else if (st.isDirectory()) {
        out[`${r}/`] = '';
        walk(p, `${r}/`);
      } else out[r] = readFileSync(p).toString('base64');
    }
  };
  walk(dir, '');
  return out;
}

async function weightsOf(m: LayersModel): Promise<number[][]> {
  const out: number[][] = [];
  for (const w of m.weights) out.push(Array.from(await w.variable.data()));
  return out;
}

/** Expects `p` to reject with a ConfigError that names `path` and matches `reason`. */
async function expectRefused(p: Promise<unknown>, path: string, reason: RegExp): Promise<void> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as Error).message).toContain(`refusing to save the model to ${path}`);
  expect((error as Error).message).toMatch(reason);
}

function hidden(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.startsWith('.'));
}

/** A pid that no process has any more. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  return r.pid as number;
}

describe('saveModel refuses targets it did not write, and leaves them as they were', () => {
  it('a folder of user files (nested too) survives byte for byte', async () => {
    const parent = fresh();
    const data = join(parent, 'data');
    mkdirSync(join(data, 'photos'), { recursive: true });
    writeFileSync(join(data, 'notes.txt'), 'my notes');
    writeFileSync(join(data, 'photos', 'a.jpg'), Uint8Array.from([0xff, 0xd8, 1, 2, 3]));
    writeFileSync(join(data, 'weights.bin'), 'not ours either');
    const before = snapshot(parent);
    const model = tiny(1);
    const tensors = numTensors();
    await expectRefused(saveModel(model, data), data, /not a convkit checkpoint \(it holds notes\.txt, photos/);
    await expectRefused(saveModel(model, pathToFileURL(data).href), data, /not a convkit checkpoint/);
    await expectRefused(checkSaveTarget(data), data, /not a convkit checkpoint/);
    expect(snapshot(parent)).toEqual(before);
    expect(numTensors()).toBe(tensors);
  });

  it('a convkit checkpoint folder that also holds user files', async () => {
    const parent = fresh();
    const dir = join(parent, 'ckpt');
    const first = tiny(2);
    await saveModel(first, dir);
    writeFileSync(join(dir, 'README.md'), 'trained on the 1st of May');
    const before = snapshot(parent);
    await expectRefused(saveModel(tiny(3), dir), dir, /is a convkit checkpoint but also holds README\.md/);
    expect(snapshot(parent)).toEqual(before);
    const loaded = await loadModel(dir);
    disposables.push(loaded);
    expect(await weightsOf(loaded)).toEqual(await weightsOf(first));
  });

  it("a folder whose model.json is not convkit's (TensorFlow.js, broken JSON, a folder)", async () => {
    const parent = fresh();
    const cases: [string, () => void, RegExp][] = [
      ['tfjs', () => writeFileSync(join(parent, 'tfjs', 'model.json'), '{"format":"layers-model"}'), /"layers-model"/],
      ['broken', () => writeFileSync(join(parent, 'broken', 'model.json'), '{"format":"convkit-mo'), /unreadable/],
      ['dirjson', () => mkdirSync(join(parent, 'dirjson', 'model.json')), /unreadable/],
    ];
    for (const [name, make] of cases) {
      mkdirSync(join(parent, name));
      make();
    }
    const before = snapshot(parent);
    for (const [name, , reason] of cases) {
      await expectRefused(saveModel(tiny(4), join(parent, name)), join(parent, name), reason);
    }
    expect(snapshot(parent)).toEqual(before);
  });

  it('a regular file, a device, a file where a parent folder should be', async () => {
    const parent = fresh();
    const file = join(parent, 'model');
    writeFileSync(file, 'a file the user wrote');
    const before = snapshot(parent);
    await expectRefused(saveModel(tiny(5), file), file, /is a file, not a folder/);
    await expectRefused(saveModel(tiny(5), '/dev/null'), '/dev/null', /not a folder/);
    const error = await saveModel(tiny(5), join(file, 'sub', 'ckpt')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileSystemError);
    expect((error as FileSystemError).errnoCode).toBe('ENOTDIR');
    expect((error as FileSystemError).path).toBe(join(file, 'sub', 'ckpt'));
    expect((error as Error).message).toBe(
      `could not save the model to ${join(file, 'sub', 'ckpt')}: ${file} is a file, not a folder; choose a path whose folders are folders`,
    );
    expect(snapshot(parent)).toEqual(before);
  });

  it('the file-system root and the home folder', async () => {
    await expectRefused(saveModel(tiny(6), '/'), '/', /root of the file system/);
    await expectRefused(saveModel(tiny(6), 'file:///'), '/', /root of the file system/);
    await expectRefused(checkSaveTarget('/'), '/', /root of the file system/);
    const home = fresh('home');
    const saved = process.env.HOME;
    process.env.HOME = home;
    try {
      // Refused even when empty: a home folder is never a checkpoint.
      await expectRefused(saveModel(tiny(6), home), home, /your home folder/);
      writeFileSync(join(home, '.bashrc'), 'alias ll="ls -l"');
      await expectRefused(saveModel(tiny(6), `${home}/`), `${home}/`, /your home folder/);
      expect(snapshot(home)).toEqual({ '.bashrc': Buffer.from('alias ll="ls -l"').toString('base64') });
    } finally {
      process.env.HOME = saved;
    }
  });

  it('symbolic links: followed to a checkpoint (the link stays), refused to user files or nowhere', async () => {
    const parent = fresh();
    const real = join(parent, 'real-ckpt');
    await saveModel(tiny(7), real);
    const link = join(parent, 'latest');
    symlinkSync(real, link);
    const next = tiny(8);
    await saveModel(next, link);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const loaded = await loadModel(real);
    disposables.push(loaded);
    expect(await weightsOf(loaded)).toEqual(await weightsOf(next));
    expect(hidden(parent)).toEqual([]);

    const user = join(parent, 'user');
    mkdirSync(user);
    writeFileSync(join(user, 'thesis.tex'), '\\documentclass{article}');
    symlinkSync(user, join(parent, 'to-user'));
    symlinkSync(join(parent, 'nowhere'), join(parent, 'dangling'));
    const before = snapshot(parent);
    await expectRefused(saveModel(tiny(9), join(parent, 'to-user')), join(parent, 'to-user'), /thesis\.tex/);
    await expectRefused(saveModel(tiny(9), join(parent, 'dangling')), join(parent, 'dangling'), /does not exist/);
    expect(snapshot(parent)).toEqual(before);
  });

  it('accepts a missing path (creating its parents) and an empty folder; checkSaveTarget writes nothing', async () => {
    const parent = fresh();
    const nested = join(parent, 'a', 'b', 'ckpt');
    await checkSaveTarget(nested);
    expect(readdirSync(parent)).toEqual([]);
    const m = tiny(10);
    await saveModel(m, nested);
    const empty = join(parent, 'empty');
    mkdirSync(empty);
    await checkSaveTarget(empty);
    await saveModel(m, empty);
    for (const dir of [nested, empty]) {
      const loaded = await loadModel(dir);
      disposables.push(loaded);
      expect(await weightsOf(loaded)).toEqual(await weightsOf(m));
    }
    expect(readdirSync(parent).sort()).toEqual(['a', 'empty']);
  });

  it.skipIf(!existsSync('/proc/self'))(
    'a folder that cannot be created under /proc fails fast with the errno',
    async () => {
      const error = await saveModel(tiny(11), '/proc/convkit-no-such/ckpt').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileSystemError);
      expect((error as FileSystemError).errnoCode).toBe('ENOENT');
      expect((error as Error).message).toBe(
        'could not save the model to /proc/convkit-no-such/ckpt: a folder on the path does not exist (creating the folder /proc/convkit-no-such)',
      );
      const check = await checkSaveTarget('/proc/convkit-no-such/ckpt').catch((e: unknown) => e);
      expect(check).toBeInstanceOf(FileSystemError);
    },
  );

  it('ModelCheckpoint refuses a fixed path before the first epoch', async () => {
    const parent = fresh();
    writeFileSync(join(parent, 'keep.txt'), 'keep me');
    const before = snapshot(parent);
    const model = tiny(12);
    model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: 'meanSquaredError' });
    let epochs = 0;
    const counter = new (class extends Callback {
      override onEpochBegin(): void {
        epochs++;
      }
    })();
    const { tensor } = await import('@convkit/core');
    const x = tensor(new Float32Array(32).fill(0.5), [8, 4]);
    const y = tensor(new Float32Array(24).fill(0.1), [8, 3]);
    const tensors = numTensors();
    await expect(
      model.fit(x, y, { epochs: 2, batchSize: 4, callbacks: [counter, new ModelCheckpoint(parent)] }),
    ).rejects.toThrow(`refusing to save the model to ${parent}`);
    expect(epochs).toBe(0);
    expect(numTensors()).toBe(tensors);
    expect(snapshot(parent)).toEqual(before);
    x.dispose();
    y.dispose();
  });
});

describe('file-system failures are FileSystemErrors with a readable reason', () => {
  const reasons: Record<string, string> = {
    ENOSPC: 'no space left on device',
    EDQUOT: 'disk quota exceeded',
    EROFS: 'the file system is read-only',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENAMETOOLONG: 'the path or a name in it is too long',
    EIO: 'input/output error (the disk or network file system failed)',
  };

  it('while writing or renaming: the old checkpoint stays, nothing is left behind', async () => {
    const parent = fresh();
    const dir = join(parent, 'ckpt');
    const old = tiny(20);
    await saveModel(old, dir);
    const before = snapshot(parent);
    for (const on of ['write', 'rename'] as const) {
      for (const [code, reason] of Object.entries(reasons)) {
        fault.code = code;
        fault.on = on;
        const error = await saveModel(tiny(21), dir).catch((e: unknown) => e);
        fault.code = undefined;
        expect(error).toBeInstanceOf(FileSystemError);
        expect((error as FileSystemError).errnoCode).toBe(code);
        expect((error as FileSystemError).path).toBe(dir);
        expect((error as Error).message).toBe(`could not save the model to ${dir}: ${reason}`);
        expect(snapshot(parent)).toEqual(before);
      }
    }
    const loaded = await loadModel(dir);
    disposables.push(loaded);
    expect(await weightsOf(loaded)).toEqual(await weightsOf(old));
  });
});

describe('stale siblings of killed saves', () => {
  /** A checkpoint folder's files, written by hand as a killed save leaves them. */
  async function leftovers(parent: string, name: string, pid: number, host: string): Promise<Record<string, string>> {
    const tmp = join(parent, `.${name}.tmp-${pid}-${host}-k1ll3d00`);
    mkdirSync(tmp);
    writeFileSync(join(tmp, 'weights.bin'), new Uint8Array(10)); // partial
    return { tmp };
  }

  it('the next save removes those of dead processes only; a load moves a killed save’s old folder back', async () => {
    const parent = fresh();
    const dir = join(parent, 'ckpt');
    const host = await hostTag();
    const dead = deadPid();
    const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      const old = tiny(30);
      await saveModel(old, dir);
      // A killed save between its two renames: the old checkpoint aside, the new one in tmp, dir missing.
      const aside = join(parent, `.ckpt.old-${dead}-${host}-a51de000`);
      const { renameSync } = await import('node:fs');
      renameSync(dir, aside);
      await leftovers(parent, 'ckpt', dead, host);
      // Not stale: a save running in another live process, one of this process, other names.
      await leftovers(parent, 'ckpt', alive.pid as number, host);
      const live = `.ckpt.tmp-${alive.pid}-${host}-k1ll3d00`;
      const other = join(parent, '.ckpt.notes');
      writeFileSync(other, 'user file that looks similar');
      const withUserFile = join(parent, `.ckpt.tmp-${dead}-${host}-0userf11`);
      mkdirSync(withUserFile);
      writeFileSync(join(withUserFile, 'mine.txt'), 'not written by a save');
      // Names from before pids were recorded: removed when older than an hour.
      const legacyOld = join(parent, '.ckpt.tmp-lx2abcde-q1w2e3r4');
      const legacyNew = join(parent, '.ckpt.tmp-lx2abcdf-q1w2e3r5');
      mkdirSync(legacyOld);
      mkdirSync(legacyNew);
      const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
      utimesSync(legacyOld, twoHoursAgo, twoHoursAgo);

      const loaded = await loadModel(dir);
      disposables.push(loaded);
      expect(await weightsOf(loaded)).toEqual(await weightsOf(old));
      expect(existsSync(join(dir, 'model.json'))).toBe(true); // moved back into place
      const kept = ['.ckpt.notes', live, `.ckpt.tmp-${dead}-${host}-0userf11`, '.ckpt.tmp-lx2abcdf-q1w2e3r5'].sort();
      expect(hidden(parent).sort()).toEqual(kept);
      expect(readdirSync(withUserFile)).toEqual(['mine.txt']);

      // The same leftovers again; this time a save cleans them.
      renameSync(dir, aside);
      await leftovers(parent, 'ckpt', dead, host);
      const next = tiny(31);
      await saveModel(next, dir);
      expect(hidden(parent).sort()).toEqual(kept);
      const again = await loadModel(dir);
      disposables.push(again);
      expect(await weightsOf(again)).toEqual(await weightsOf(next));
    } finally {
      alive.kill('SIGKILL');
    }
  });
});
