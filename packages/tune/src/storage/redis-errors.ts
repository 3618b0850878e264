/** The error of a study storage that cannot be reached. */
import { ConvkitError } from '@convkit/core';

/**
 * The study's storage server (Redis) cannot be reached or stopped answering. The message names
 * the URL and says how to start a server.
 */
export class StorageUnavailableError extends ConvkitError {
  /**
   * @param message - Names the URL and the fix.
   * @param options - `cause`: the client's error.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super('STORAGE_UNAVAILABLE', message, options);
  }
}
