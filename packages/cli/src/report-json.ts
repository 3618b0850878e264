/**
 * `--report-json FILE`: the compression report as JSON, written like every
 * other convkit output — atomically, and only over a file that is an earlier
 * report (its `format` field says so); any other existing file is refused
 * before any training, never replaced.
 */
import type { ReportRow } from '@convkit/compress';
import { type AtomicTargetSpec, checkAtomicTarget, writeAtomically, writeFileDurably } from '@convkit/layers';

/** The `format` field that marks a file as convkit's compression report. */
export const REPORT_JSON_FORMAT = 'convkit-compress-report';

/** Reports are a few kilobytes: a larger file is not one of them, and is not read whole. */
const MAX_REPORT_BYTES = 1 << 20;

function reportSpec(file: string): AtomicTargetSpec {
  const notOurs =
    'is a file that is not a convkit compression report, and writing the report would replace it; choose another file name or remove it yourself';
  return {
    target: file,
    kind: 'file',
    what: 'the report',
    recognise: async (real) => {
      const fs = await import('node:fs/promises');
      if ((await fs.stat(real)).size > MAX_REPORT_BYTES) return notOurs;
      try {
        const parsed: unknown = JSON.parse(await fs.readFile(real, 'utf8'));
        const ours =
          typeof parsed === 'object' &&
          parsed !== null &&
          (parsed as { format?: unknown }).format === REPORT_JSON_FORMAT;
        return ours ? undefined : notOurs;
      } catch {
        return notOurs;
      }
    },
  };
}

/** Throws the error `writeReportJson(file, …)` would refuse with, writing nothing. */
export async function checkReportTarget(file: string): Promise<void> {
  await checkAtomicTarget(reportSpec(file));
}

/** Writes `{ format, rows }` to `file` atomically (see the module comment for what it refuses). */
export async function writeReportJson(file: string, rows: readonly ReportRow[]): Promise<void> {
  const text = JSON.stringify({ format: REPORT_JSON_FORMAT, rows }, null, 2);
  await writeAtomically(reportSpec(file), (tmp) => writeFileDurably(tmp, text));
}
