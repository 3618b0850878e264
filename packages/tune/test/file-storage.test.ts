import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, FileSystemError, SerializationError } from '@convkit/core';
import { createStudy, RandomSampler, TPESampler } from '@convkit/tune';
import { FileStorage, parseStudyFile } from '@convkit/tune/node';
import { afterAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const packagesDir = join(here, '..', '..');
const root = mkdtempSync(join(tmpdir(), 'convkit-tune-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Esbuild {
  build(options: Record<string, unknown>): Promise<unknown>;
}

/** Bundles fixtures/study-child.ts with the packages' sources (esbuild, which tsup runs on). */
async function bundleChild(out: string): Promise<void> {
  const require = createRequire(import.meta.url);
  const esbuild = createRequire(require.resolve('tsup'))('esbuild') as Esbuild;
  await esbuild.build({
    entryPoints: [join(here, 'fixtures', 'study-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: out,
    logLevel: 'error',
    ignoreAnnotations: true,
    plugins: [
      {
        name: 'convkit-sources',
        setup(build: { onResolve(o: { filter: RegExp }, cb: (a: { path: string }) => { path: string }): void }) {
          build.onResolve({ filter: /^@convkit\/[\w-]+(\/node)?$/ }, (a) => {
            const [pkg, sub] = a.path.slice('@convkit/'.length).split('/');
            return { path: join(packagesDir, pkg, 'src', `${sub ?? 'index'}.ts`) };
          });
        },
      },
    ],
  });
}

describe('FileStorage', () => {
  it('persists every change atomically and resumes numbering in a new process', async () => {
    const file = join(root, 'a', 'study.json');
    const study = await createStudy({
      name: 's',
      storage: new FileStorage(file),
      sampler: new RandomSampler({ seed: 1 }),
    });
    const seen: string[] = [];
    await study.optimize(
      async (t) => {
        const x = t.suggestFloat('x', 0, 1);
        await t.report(x, 0);
        // The running trial, its parameter and report are on disk before it ends.
        const onDisk = parseStudyFile(file, readFileSync(file, 'utf8')).studies.s.trials[t.number];
        expect(onDisk.state).toBe('running');
        expect(onDisk.params.x).toBe(x);
        expect(onDisk.intermediate[0]).toBe(x);
        t.setUserAttr('note', `t${t.number}`);
        return x;
      },
      {
        trials: 3,
        onTrialEnd: (r) => {
          const onDisk = parseStudyFile(file, readFileSync(file, 'utf8')).studies.s.trials[r.number];
          seen.push(onDisk.state);
          expect(onDisk).toEqual(r);
        },
      },
    );
    expect(seen).toEqual(['complete', 'complete', 'complete']);
    expect(readdirSync(join(root, 'a'))).toEqual(['study.json']); // no temporary siblings left
    const reopened = await createStudy({
      name: 's',
      storage: new FileStorage(file),
      sampler: new RandomSampler({ seed: 1 }),
    });
    await reopened.optimize((t) => t.suggestFloat('x', 0, 1), { totalTrials: 5 });
    const trials = await reopened.trials();
    expect(trials.map((t) => t.number)).toEqual([0, 1, 2, 3, 4]);
    expect(trials[1].userAttrs).toEqual({ note: 't1' });
    // Two studies share one file.
    const other = await createStudy({ name: 'other', direction: 'maximize', storage: new FileStorage(file) });
    await other.optimize((t) => t.suggestInt('k', 0, 3), { trials: 2 });
    const file2 = parseStudyFile(file, readFileSync(file, 'utf8'));
    expect(Object.keys(file2.studies).sort()).toEqual(['other', 's']);
    expect(file2.studies.s.trials).toHaveLength(5);
  });

  it('refuses files that are not study files, leaving them untouched', async () => {
    const cases: [string, RegExp][] = [
      ['not json {', /not JSON/],
      ['{"hello": 1}', /not a study file/],
      ['', /not JSON/],
      ['{"format": "convkit-tune-study", "version": 99, "studies": {}}', /unsupported study file version 99/],
      [
        '{"format": "convkit-tune-study", "version": 1, "studies": {"s": {"info": {"name": "s", "direction": "minimize", "createdAt": "x"}, "trials": [{"number": 5}]}}}',
        /trials\[0\] has number 5/,
      ],
      [
        '{"format": "convkit-tune-study", "version": 1, "studies": {"s": {"info": {"name": "s", "direction": "up", "createdAt": "x"}, "trials": []}}}',
        /direction/,
      ],
    ];
    for (const [i, [content, message]] of cases.entries()) {
      const file = join(root, `bad-${i}.json`);
      writeFileSync(file, content);
      const storage = new FileStorage(file);
      const err = await createStudy({ storage }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SerializationError);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).toContain(file);
      expect(readFileSync(file, 'utf8')).toBe(content);
    }
    await expect(createStudy({ storage: new FileStorage(root) })).rejects.toThrow(ConfigError); // a folder
    const plain = join(root, 'plain.txt');
    writeFileSync(plain, 'user data');
    await expect(createStudy({ storage: new FileStorage(join(plain, 'study.json')) })).rejects.toThrow(FileSystemError);
    expect(readFileSync(plain, 'utf8')).toBe('user data');
    expect(() => new FileStorage('')).toThrow(ConfigError);
  });

  it('refuses to write over a file that another FileStorage replaced or that was removed', async () => {
    const file = join(root, 'shared.json');
    const a = await createStudy({ name: 's', storage: new FileStorage(file), sampler: new RandomSampler({ seed: 1 }) });
    await a.optimize((t) => t.suggestFloat('x', 0, 1), { trials: 1 });
    const b = await createStudy({ name: 's', storage: new FileStorage(file), sampler: new RandomSampler({ seed: 1 }) });
    await b.optimize((t) => t.suggestFloat('x', 0, 1), { trials: 1 });
    const before = readFileSync(file, 'utf8');
    const err = await a.optimize((t) => t.suggestFloat('x', 0, 1), { trials: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SerializationError);
    expect((err as Error).message).toMatch(/replaced by another program or FileStorage/);
    expect(readFileSync(file, 'utf8')).toBe(before); // b's two trials are intact
    rmSync(file);
    await expect(b.optimize((t) => t.suggestFloat('x', 0, 1), { trials: 1 })).rejects.toThrow(/removed/);
    expect(existsSync(file)).toBe(false);
  });

  it('a study killed mid-trial resumes: the running trial is failed, finished ones are not repeated', async () => {
    const bundle = join(root, 'study-child.cjs');
    await bundleChild(bundle);
    const file = join(root, 'killed.json');
    const marker = join(root, 'marker');
    const child = spawn(process.execPath, [bundle, file, marker, '4'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_c, signal) => resolve(signal)));
    const deadline = Date.now() + 30_000;
    while (!existsSync(marker)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`child did not reach trial 4: ${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const before = parseStudyFile(file, readFileSync(file, 'utf8')).studies.killed.trials;
    expect(before.map((t) => t.state)).toEqual(['complete', 'complete', 'complete', 'complete', 'running']);
    expect(before[4].params.x).toBeTypeOf('number');

    const study = await createStudy({
      name: 'killed',
      storage: new FileStorage(file),
      sampler: new TPESampler({ seed: 9 }),
    });
    const ran: number[] = [];
    await study.optimize(
      (t) => {
        ran.push(t.number);
        return t.suggestFloat('x', -1, 1) ** 2;
      },
      { totalTrials: 10 },
    );
    expect(ran).toEqual([5, 6, 7, 8, 9, 10]);
    const after = await study.trials();
    expect(after[4].state).toBe('failed');
    expect(after[4].error).toMatch(/interrupted/);
    expect(after.slice(0, 4)).toEqual(before.slice(0, 4));
    expect(after.filter((t) => t.state === 'complete')).toHaveLength(10);
    expect(readdirSync(root).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});
