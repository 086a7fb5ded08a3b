// The errors of Resource Manager calls, apart from the client so that code reading results needs no Azure SDK.

/** Why a write failed, in words a user can act on; `code`/`message` are Azure's own when it sent them. */
export class ArmOperationError extends Error {
  constructor(
    /** HTTP status, or null when the failure came from a long-running operation's status or no answer came. */
    readonly statusCode: number | null,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ArmOperationError';
  }
}

/** Waiting was stopped by the caller; the operation itself goes on in Azure and a re-run picks it up. */
export class WaitCancelledError extends Error {
  constructor(readonly what: string) {
    super(`stopped waiting for ${what}; Azure carries on with it, and running the same command again continues from where it is`);
    this.name = 'WaitCancelledError';
  }
}
