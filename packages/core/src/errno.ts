/**
 * Readable reasons for the operating system's file-system error codes, and
 * the `FileSystemError` built from a failed Node file operation.
 */
import { FileSystemError } from './errors';

const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  ENAMETOOLONG: 'the path or a name in it is too long',
  ENOENT: 'a folder on the path does not exist',
  EEXIST: 'something else already exists there',
  ENOTEMPTY: 'the folder is not empty',
  EBUSY: 'the path is in use (a mount point or an open file)',
  EXDEV: 'the path crosses file systems',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EIO: 'input/output error (the disk or network file system failed)',
  ELOOP: 'too many levels of symbolic links',
  EFBIG: 'the file is too large for the file system',
  EINVAL: 'the file system does not support this name or operation',
  ETXTBSY: 'the file is busy',
  EAGAIN: 'the resource is temporarily unavailable',
};

/**
 * The operating system's code of a Node file-system error (`'ENOSPC'`, ...), if `error` has one.
 *
 * @param error - Anything caught from a Node file operation.
 * @returns The `E...` code, or `undefined` when `error` carries none.
 */
export function errnoCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/**
 * A readable reason for an errno code: `'ENOSPC'` → `'no space left on
 * device'`. Unknown codes give `fallback`, or the code itself.
 *
 * @param code - An errno code such as `'EACCES'`.
 * @param fallback - Text returned for codes without a known reason.
 * @returns The reason, in lower case, without a final full stop.
 */
export function describeErrno(code: string, fallback?: string): string {
  return Object.hasOwn(REASONS, code) ? REASONS[code] : (fallback ?? code);
}

/**
 * Turns a failed Node file operation into a `FileSystemError` with the
 * message `could not <action> <path>: <reason>`, e.g. `could not save the
 * model to /data/m: no space left on device`. `error` is kept as the cause;
 * `path` is the target the user named (not the temporary file that failed).
 *
 * @param action - What was attempted, as a verb phrase (`'save the model to'`).
 * @param path - The target the user named.
 * @param error - The error the Node operation threw (kept as `cause`).
 * @returns The error to throw; this function does not throw it.
 */
export function fileSystemError(action: string, path: string, error: unknown): FileSystemError {
  const errnoCode = errnoCodeOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  const reason = errnoCode ? describeErrno(errnoCode, detail) : detail;
  return new FileSystemError(`could not ${action} ${path}: ${reason}`, { path, errnoCode, cause: error });
}
