/**
 * How the command reports a failure: one line for anything the program can
 * foresee (a `ConvkitError`, a file-system error), exit code 2; one line and
 * exit code 1 for a bug; the stack trace only with `--debug`.
 */
import { ConvkitError } from '@convkit/core';

/** Exit code of a foreseeable failure: bad options or input, a missing or unreadable file. */
export const EXIT_USAGE = 2;
/** Exit code of an unexpected error (a bug in convkit or a library under it). */
export const EXIT_BUG = 1;

const SYSTEM_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'already exists',
  ENOTEMPTY: 'directory not empty',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  EDQUOT: 'disk quota exceeded',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many symbolic links',
  EBUSY: 'resource busy',
  EXDEV: 'cross-device link',
};

interface SystemError extends Error {
  code: string;
  syscall?: string;
  path?: string;
  dest?: string;
}

function isSystemError(err: unknown): err is SystemError {
  const e = err as Partial<SystemError> | null;
  return (
    err instanceof Error &&
    typeof e?.code === 'string' &&
    /^E[A-Z0-9]+$/.test(e.code) &&
    (typeof e.syscall === 'string' || typeof e.path === 'string')
  );
}

/**
 * One line for a Node file-system error (`ENOENT`, `EACCES`, `ENOSPC`, …) that
 * reached the top without being turned into a `ConvkitError`:
 * `cannot open '/x/model.json': no such file or directory (ENOENT)`.
 * Undefined for any other error.
 *
 * @param err - Any thrown value.
 * @returns The line, or `undefined` when `err` is not a Node file-system error.
 */
export function describeSystemError(err: unknown): string | undefined {
  if (!isSystemError(err)) return undefined;
  const reason = SYSTEM_REASONS[err.code] ?? err.message.replace(/^E[A-Z0-9]+: /, '').replace(/, .*$/s, '');
  const what = err.syscall ? `cannot ${err.syscall}` : 'file-system error';
  const where = err.path ? ` '${err.path}'${err.dest ? ` → '${err.dest}'` : ''}` : '';
  return `${what}${where}: ${reason} (${err.code})`;
}

/** `text` on one line: line breaks and the indentation after them become single spaces. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** `String(value)`, or a placeholder if even that throws (a thrown object with a broken `toString`). */
function text(value: unknown): string {
  try {
    return String(value);
  } catch {
    return 'a value that cannot be printed';
  }
}

function stackOf(err: unknown): string {
  const lines: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && current !== null && depth < 8; depth++) {
    lines.push(
      `${depth > 0 ? 'caused by: ' : ''}${current instanceof Error ? (current.stack ?? text(current)) : text(current)}`,
    );
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join('\n');
}

/**
 * Prints `err` through `error` and returns the exit code: a `ConvkitError`
 * or a file-system error as `convkit: message` (2); anything else as one
 * line naming it unexpected, with the hint to rerun with `--debug` (1).
 * With `debug`, the stack trace (and the chain of causes) follows.
 *
 * @param err - The error that ended the command.
 * @param error - Receives the lines (stderr).
 * @param debug - Also print the stack trace and causes.
 * @returns The exit code (2 or 1).
 */
export function reportFailure(err: unknown, error: (line: string) => void, debug: boolean): number {
  const known = err instanceof ConvkitError ? err.message : describeSystemError(err);
  if (known !== undefined) {
    error(`convkit: ${oneLine(known)}`);
    if (debug) error(stackOf(err));
    return EXIT_USAGE;
  }
  const name = err instanceof Error ? `${err.name}: ${err.message}` : text(err);
  if (debug) {
    error(`convkit: unexpected error: ${oneLine(name)}`);
    error(stackOf(err));
  } else {
    error(`convkit: unexpected error: ${oneLine(name)} (run with --debug for the stack trace)`);
  }
  return EXIT_BUG;
}

/** Whether `argv` asks for `--debug` (looked up directly, so that it works when parsing fails). */
export function wantsDebug(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--debug');
}
