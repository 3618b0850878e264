/**
 * Saving what a command computed without losing it: when the save to `--out`
 * fails after minutes of training, the result goes to a fresh folder that the
 * CLI creates in the OS temp dir, and the error says where it is.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ConfigError, ConvkitError, FileSystemError } from '@convkit/core';

/** `error` with `message`, of the same kind (a `FileSystemError` keeps its path and errno code). */
function withMessage(error: ConvkitError, message: string): ConvkitError {
  if (error instanceof FileSystemError) {
    return new FileSystemError(message, { path: error.path, errnoCode: error.errnoCode, cause: error });
  }
  if (error instanceof ConfigError) return new ConfigError(message, { cause: error });
  return new ConvkitError(error.code, message, { cause: error });
}

/**
 * Runs `save(out)`. When it fails, saves again with `save(rescue)` where
 * `rescue` is `<fresh temp folder>/<name of out, or defaultName>`, then
 * throws the original error (same class, one line) extended with where the
 * result went — or that the rescue failed too. `what` names the result in the
 * message (e.g. `'the trained model'`). An error that is not a
 * `ConvkitError` (a bug) is rethrown as it is after the rescue, and the
 * rescue is reported through `log`.
 */
export async function saveOrRescue(
  out: string,
  save: (path: string) => Promise<unknown>,
  what: string,
  defaultName: string,
  log: (line: string) => void,
): Promise<void> {
  try {
    await save(out);
    return;
  } catch (error) {
    let note: string;
    try {
      const dir = await mkdtemp(join(tmpdir(), 'convkit-rescue-'));
      const name = basename(out.replace(/[\\/]+$/, ''));
      const rescue = join(dir, name && name !== '.' && name !== '..' ? name : defaultName);
      await save(rescue);
      note = `${what} was saved to ${rescue} instead: move it where you want it, or run again with another --out`;
    } catch (rescueError) {
      const reason = rescueError instanceof Error ? rescueError.message : String(rescueError);
      note = `saving ${what} to the temp folder failed too (${reason}), so it was not saved`;
    }
    if (error instanceof ConvkitError) throw withMessage(error, `${error.message.replace(/[.\s]+$/, '')}; ${note}`);
    log(`convkit: ${note}`);
    throw error;
  }
}
