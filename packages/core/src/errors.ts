/**
 * Typed errors shared by every convkit package. Each carries a stable `code`
 * so callers can branch on the kind of failure without parsing messages.
 */

/** Base class of every error convkit throws on purpose. */
export class ConvkitError extends Error {
  /** Stable machine-readable code, e.g. `'SHAPE'`. */
  readonly code: string;

  /**
   * @param code - Stable machine-readable code of the subclass, e.g. `'SHAPE'`.
   * @param message - Human-readable message naming the layer, option or shape at fault.
   * @param options - `cause`: the underlying error, if any.
   */
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** A tensor or layer received a shape it cannot work with. */
export class ShapeError extends ConvkitError {
  /**
   * @param message - Human-readable message naming the layer, option or shape at fault.
   * @param options - `cause`: the underlying error, if any.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super('SHAPE', message, options);
  }
}

/** An option object or argument is invalid (wrong value, range or combination). */
export class ConfigError extends ConvkitError {
  /**
   * @param message - Human-readable message naming the layer, option or shape at fault.
   * @param options - `cause`: the underlying error, if any.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFIG', message, options);
  }
}

/** A saved model, checkpoint or weight file is corrupt, truncated, oversized or of an unknown version. */
export class SerializationError extends ConvkitError {
  /**
   * @param message - Human-readable message naming the layer, option or shape at fault.
   * @param options - `cause`: the underlying error, if any.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super('SERIALIZATION', message, options);
  }
}

/** A data file (IDX, CIFAR-10, ...) is corrupt, truncated or does not match its header. */
export class DataFormatError extends ConvkitError {
  /**
   * @param message - Human-readable message naming the layer, option or shape at fault.
   * @param options - `cause`: the underlying error, if any.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super('DATA_FORMAT', message, options);
  }
}

/** A requested backend is not installed, failed to initialise or lacks a kernel. */
export class BackendError extends ConvkitError {
  /**
   * @param message - Human-readable message naming the layer, option or shape at fault.
   * @param options - `cause`: the underlying error, if any.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super('BACKEND', message, options);
  }
}

/** Training produced a non-finite loss or weight. */
export class NonFiniteError extends ConvkitError {
  /**
   * @param message - Human-readable message naming the layer, option or shape at fault.
   * @param options - `cause`: the underlying error, if any.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super('NON_FINITE', message, options);
  }
}

/**
 * A file-system operation failed: no space, a read-only file system, a
 * missing permission, a path that cannot exist, ... `path` names the target
 * the caller asked for and `errnoCode` the operating system's code (e.g.
 * `'ENOSPC'`), when there is one. Build one from a Node error with
 * `fileSystemError`.
 */
export class FileSystemError extends ConvkitError {
  /** The file or folder the failed operation was for. */
  readonly path: string;
  /** The operating system's error code, e.g. `'ENOSPC'`, `'EROFS'`, `'EACCES'`; undefined when there was none. */
  readonly errnoCode: string | undefined;

  /**
   * @param message - Human-readable message naming the path and the reason.
   * @param options - `path`: the target; `errnoCode`: the OS code, if any; `cause`: the Node error.
   */
  constructor(message: string, options: { path: string; errnoCode?: string; cause?: unknown }) {
    super('FILE_SYSTEM', message, { cause: options.cause });
    this.path = options.path;
    this.errnoCode = options.errnoCode;
  }
}

/**
 * Formats a shape as `[a, b, c]`, with `null` for unknown dimensions.
 *
 * @param shape - Dimensions; `null` marks an unknown one (e.g. the batch size).
 * @returns e.g. `'[null, 28, 28, 1]'`.
 */
export function formatShape(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? 'null' : String(d))).join(', ')}]`;
}
