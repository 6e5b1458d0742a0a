// Domain rule violations. The router maps `code` to the tRPC error code; `reason` is a stable machine
// string that clients and tests can match on without parsing the message.
export type DomainErrorCode = "BAD_REQUEST" | "CONFLICT" | "NOT_FOUND" | "FORBIDDEN";

export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly code: DomainErrorCode,
    readonly reason: string,
    message: string,
    /** The input field the error is about, when there is one (e.g. "present"). */
    readonly field?: string,
  ) {
    super(message);
  }
}

export function conflict(reason: string, message: string, field?: string): DomainError {
  return new DomainError("CONFLICT", reason, message, field);
}

export function badRequest(reason: string, message: string, field?: string): DomainError {
  return new DomainError("BAD_REQUEST", reason, message, field);
}
