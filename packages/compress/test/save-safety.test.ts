/**
 * `saveCompressed` replaces only a `.ckz` it recognises by its magic bytes (or
 * an empty file), refuses anything else with a ConfigError naming the path,
 * maps file-system failures to FileSystemErrors, and removes the temporary
 * files of killed saves on the next save or load.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, crc32, FileSystemError, setSeed } from '@convkit/core';
import { Dense, Sequential } from '@convkit/layers';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { checkCompressedTarget, loadCompressed, saveCompressed } from '../src/format';

const fault = vi.hoisted(() => ({ code: undefined as string | undefined }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const open = async (...args: Parameters<typeof actual.open>): Promise<FileHandle> => {
    const fh = await actual.open(...args);
    const code = fault.code;
    if (code === undefined || args[1] !== 'wx') return fh;
    return new Proxy(fh, {
      get(target, key) {
        if (key === 'writeFile') {
          return async (data: Uint8Array) => {
            await target.write(data.subarray(0, data.length >> 1));
            throw Object.assign(new Error(`${code}: injected`), { code });
          };
        }
        const v = Reflect.get(target, key);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  };
  return { ...actual, default: { ...actual, open }, open };
});

const root = mkdtempSync(join(tmpdir(), 'convkit-ckz-safety-'));
const models: { dispose(): void }[] = [];
afterAll(() => {
  for (const m of models) m.dispose();
  rmSync(root, { recursive: true, force: true });
});
afterEach(() => {
  fault.code = undefined;
});

function tiny(seed: number): Sequential {
  setSeed(seed);
  const m = new Sequential({ layers: [new Dense({ units: 3, inputShape: [4] })] });
  models.push(m);
  return m;
}

let seq = 0;
function fresh(): string {
  seq += 1;
  const d = join(root, `case-${seq}`);
  mkdirSync(d);
  return d;
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = lstatSync(p);
    out[name] = st.isFile() ? readFileSync(p).toString('base64') : st.isDirectory() ? 'dir' : 'other';
  }
  return out;
}

async function expectRefused(p: Promise<unknown>, path: string, reason: RegExp): Promise<void> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as Error).message).toContain(`refusing to save the compressed model to ${path}`);
  expect((error as Error).message).toMatch(reason);
}

async function firstWeight(file: string): Promise<number[]> {
  const { model } = await loadCompressed(file);
  const v = Array.from(await model.weights[0].variable.data());
  model.dispose();
  return v;
}

describe('saveCompressed refuses what it did not write', () => {
  it('another file, a folder, a device, the root: refused, left byte for byte', async () => {
    const dir = fresh();
    const notes = join(dir, 'notes.ckz');
    writeFileSync(notes, 'a text file that happens to end in .ckz');
    mkdirSync(join(dir, 'folder.ckz'));
    writeFileSync(join(dir, 'folder.ckz', 'inside.txt'), 'x');
    const before = snapshot(dir);
    const m = tiny(1);
    await expectRefused(
      saveCompressed(m, notes),
      notes,
      /not a convkit-compressed model \(it does not start with 'CKCMPRS1'\)/,
    );
    await expectRefused(checkCompressedTarget(notes), notes, /not a convkit-compressed model/);
    await expectRefused(saveCompressed(m, join(dir, 'folder.ckz')), join(dir, 'folder.ckz'), /is a folder.*model\.ckz/);
    await expectRefused(saveCompressed(m, '/dev/null'), '/dev/null', /not a regular file/);
    await expectRefused(saveCompressed(m, '/'), '/', /root of the file system/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('replaces its own .ckz (by content, whatever the name) and an empty file; follows links', async () => {
    const dir = fresh();
    const own = join(dir, 'model.bin');
    await saveCompressed(tiny(2), own);
    const next = tiny(3);
    await saveCompressed(next, own);
    const expected = Array.from(await next.weights[0].variable.data());
    expect(await firstWeight(own)).toEqual(expected);
    const empty = join(dir, 'empty.ckz');
    writeFileSync(empty, '');
    await checkCompressedTarget(empty);
    await saveCompressed(next, empty);
    expect(await firstWeight(empty)).toEqual(expected);

    const link = join(dir, 'latest.ckz');
    symlinkSync(own, link);
    const third = tiny(4);
    await saveCompressed(third, link);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(await firstWeight(own)).toEqual(Array.from(await third.weights[0].variable.data()));
    symlinkSync(join(dir, 'nowhere.ckz'), join(dir, 'dangling.ckz'));
    await expectRefused(saveCompressed(third, join(dir, 'dangling.ckz')), join(dir, 'dangling.ckz'), /does not exist/);
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('a file where a folder is expected on the path is a FileSystemError (ENOTDIR)', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'plain'), 'x');
    const target = join(dir, 'plain', 'm.ckz');
    const error = await saveCompressed(tiny(5), target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileSystemError);
    expect((error as FileSystemError).errnoCode).toBe('ENOTDIR');
    expect((error as Error).message).toMatch(`could not save the compressed model to ${target}: `);
  });
});

describe('file-system failures and killed saves', () => {
  it('an errno while writing is a FileSystemError; the old file stays and no temp file is left', async () => {
    const dir = fresh();
    const file = join(dir, 'm.ckz');
    const old = tiny(6);
    await saveCompressed(old, file);
    const before = snapshot(dir);
    for (const [code, reason] of [
      ['ENOSPC', 'no space left on device'],
      ['EROFS', 'the file system is read-only'],
      ['EDQUOT', 'disk quota exceeded'],
      ['EACCES', 'permission denied'],
    ]) {
      fault.code = code;
      const error = await saveCompressed(tiny(7), file).catch((e: unknown) => e);
      fault.code = undefined;
      expect(error).toBeInstanceOf(FileSystemError);
      expect((error as FileSystemError).errnoCode).toBe(code);
      expect((error as FileSystemError).path).toBe(file);
      expect((error as Error).message).toBe(`could not save the compressed model to ${file}: ${reason}`);
      expect(snapshot(dir)).toEqual(before);
    }
    expect(await firstWeight(file)).toEqual(Array.from(await old.weights[0].variable.data()));
  });

  it('temp files of dead processes are removed by the next load and save; those of live ones stay', async () => {
    const dir = fresh();
    const file = join(dir, 'm.ckz');
    await saveCompressed(tiny(8), file);
    // The machine tag in temp-file names: 8 hex digits of the CRC-32 of the host name.
    const host = crc32(new TextEncoder().encode(hostname())).toString(16).padStart(8, '0');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid as number;
    const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      const live = `.m.ckz.tmp-${alive.pid}-${host}-l1ve0000`;
      const leave = () => {
        writeFileSync(join(dir, `.m.ckz.tmp-${dead}-${host}-k1ll3d00`), new Uint8Array(100));
        writeFileSync(join(dir, live), new Uint8Array(100));
      };
      leave();
      await firstWeight(file);
      expect(readdirSync(dir).sort()).toEqual([live, 'm.ckz']);
      leave();
      await saveCompressed(tiny(9), file);
      expect(readdirSync(dir).sort()).toEqual([live, 'm.ckz']);
    } finally {
      alive.kill('SIGKILL');
    }
  });
});
