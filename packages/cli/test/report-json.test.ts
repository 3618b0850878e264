import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportRow } from '@convkit/compress';
import { ConfigError } from '@convkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { checkReportTarget, REPORT_JSON_FORMAT, writeReportJson } from '../src/report-json';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const row = (step: string) => ({ step }) as unknown as ReportRow;

describe('--report-json', () => {
  it('replaces its own earlier report atomically and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-report-'));
    dirs.push(dir);
    const file = join(dir, 'r.json');
    await writeReportJson(file, [row('original')]);
    await checkReportTarget(file);
    await writeReportJson(file, [row('original'), row('int8 PTQ')]);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved).toEqual({ format: REPORT_JSON_FORMAT, rows: [{ step: 'original' }, { step: 'int8 PTQ' }] });
    expect(readdirSync(dir)).toEqual(['r.json']);
  });

  it('refuses any other file, JSON or not, and leaves it as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-report-'));
    dirs.push(dir);
    for (const [name, text] of [
      ['a.json', '{"rows": []}'],
      ['b.json', 'not json'],
      ['c.json', 'null'],
    ]) {
      const file = join(dir, name);
      writeFileSync(file, text);
      await expect(writeReportJson(file, [row('x')])).rejects.toThrow(ConfigError);
      await expect(checkReportTarget(file)).rejects.toThrow(/not a convkit compression report/);
      expect(readFileSync(file, 'utf8')).toBe(text);
    }
    await expect(writeReportJson(dir, [row('x')])).rejects.toThrow(ConfigError);
  });
});
