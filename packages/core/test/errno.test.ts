import { ConvkitError, describeErrno, errnoCodeOf, FileSystemError, fileSystemError } from '@convkit/core';
import { describe, expect, it } from 'vitest';

describe('fileSystemError', () => {
  it('gives a readable reason for each common errno code and keeps the path, the code and the cause', () => {
    const expected: Record<string, string> = {
      ENOSPC: 'no space left on device',
      EROFS: 'the file system is read-only',
      EACCES: 'permission denied',
      EPERM: 'operation not permitted',
      EDQUOT: 'disk quota exceeded',
      ENOTDIR: 'a part of the path is a file, not a folder',
      EISDIR: 'it is a folder, not a file',
      ENAMETOOLONG: 'the path or a name in it is too long',
      ENOENT: 'a folder on the path does not exist',
    };
    for (const [code, reason] of Object.entries(expected)) {
      const cause = Object.assign(new Error(`${code}: raw node message, open '/x/.m.tmp-1'`), { code });
      const e = fileSystemError('save the model to', '/data/m', cause);
      expect(e).toBeInstanceOf(FileSystemError);
      expect(e).toBeInstanceOf(ConvkitError);
      expect(e.code).toBe('FILE_SYSTEM');
      expect(e.message).toBe(`could not save the model to /data/m: ${reason}`);
      expect(e.path).toBe('/data/m');
      expect(e.errnoCode).toBe(code);
      expect(e.cause).toBe(cause);
      expect(describeErrno(code)).toBe(reason);
    }
  });

  it('falls back to the original message for unknown codes and errors without one', () => {
    const odd = Object.assign(new Error('strange failure'), { code: 'EWEIRD' });
    expect(fileSystemError('save the model to', '/m', odd).message).toBe(
      'could not save the model to /m: strange failure',
    );
    expect(fileSystemError('save the model to', '/m', odd).errnoCode).toBe('EWEIRD');
    const plain = fileSystemError('save the model to', '/m', new Error('no code'));
    expect(plain.message).toBe('could not save the model to /m: no code');
    expect(plain.errnoCode).toBeUndefined();
    expect(errnoCodeOf({ code: 'ERR_INVALID_ARG_TYPE' })).toBeUndefined();
    expect(errnoCodeOf(null)).toBeUndefined();
    expect(describeErrno('constructor')).toBe('constructor');
  });
});
