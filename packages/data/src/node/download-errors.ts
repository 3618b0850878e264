/** The typed errors of the download cache: a failed download and a file whose checksum is wrong. */
import { ConvkitError, DataFormatError } from '@convkit/core';

/** Why a download failed (see {@link DownloadError}). */
export type DownloadFailure =
  /** The server answered with an HTTP error status (404, 500, ...). */
  | 'status'
  /** No byte arrived for `timeoutMs`. */
  | 'timeout'
  /** The response is larger than the file may be (`maxBytes`, or the announced `Content-Length`). */
  | 'too-large'
  /** The connection ended before the announced `Content-Length`. */
  | 'truncated'
  /** The mirror folder has no such file. */
  | 'missing'
  /** Any other network or file-system failure (connection refused, DNS, ...). */
  | 'network';

/**
 * A dataset file could not be downloaded from its URL or mirror folder. Nothing
 * is left behind in the cache: the partial temporary file is removed.
 */
export class DownloadError extends ConvkitError {
  /** The file being fetched, e.g. `'train-images-idx3-ubyte.gz'`. */
  readonly file: string;
  /** Where it was fetched from (a URL or a path). */
  readonly url: string;
  /** Why it failed. */
  readonly reason: DownloadFailure;
  /** The HTTP status, when the server answered with an error status. */
  readonly status?: number;

  /**
   * @param message - Human-readable message naming the file, the URL and the fix.
   * @param details - `file`, `url`, `reason`, `status` (HTTP) and `cause`.
   */
  constructor(
    message: string,
    details: { file: string; url: string; reason: DownloadFailure; status?: number; cause?: unknown },
  ) {
    super('DOWNLOAD', message, { cause: details.cause });
    this.file = details.file;
    this.url = details.url;
    this.reason = details.reason;
    if (details.status !== undefined) this.status = details.status;
  }
}

/**
 * A dataset file does not have the expected SHA-256 (a corrupt or truncated
 * download, a different file on a mirror, a damaged cached copy). A `DataFormatError`.
 */
export class ChecksumError extends DataFormatError {
  /** The file, e.g. `'train-images-idx3-ubyte.gz'`. */
  readonly file: string;
  /** Where the bad bytes are or came from (the cached path or the URL). */
  readonly source: string;
  /** The expected SHA-256 (lower-case hex); the first one when several are accepted. */
  readonly expected: string;
  /** The SHA-256 of the bytes received (lower-case hex). */
  readonly received: string;

  /**
   * @param message - Human-readable message naming the file, both hashes and the fix.
   * @param details - `file`, `source`, `expected` and `received` hashes.
   */
  constructor(message: string, details: { file: string; source: string; expected: string; received: string }) {
    super(message);
    this.file = details.file;
    this.source = details.source;
    this.expected = details.expected;
    this.received = details.received;
  }
}
