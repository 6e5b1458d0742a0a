// Errors of the data layer that mean "the caller's input is wrong" (CLI: exit code 2; router:
// BAD_REQUEST / NOT_FOUND). Each names the field so that the message can point at it.
export type InputErrorCode = "invalid" | "not_found" | "conflict";

export class MembershipInputError extends Error {
  override name = "MembershipInputError";
  constructor(
    readonly field: string,
    message: string,
    readonly code: InputErrorCode = "invalid",
  ) {
    super(`${field}: ${message}`);
  }
}

/**
 * The operation was stopped (SIGINT/SIGTERM: the AbortSignal given to it) before it committed; its
 * transaction rolled back, nothing of it was written. The CLI exits with 130.
 */
export class OperationInterruptedError extends Error {
  override name = "OperationInterruptedError";
  constructor(readonly signal: string) {
    super(`interrupted by ${signal}: nothing was written`);
  }
}
