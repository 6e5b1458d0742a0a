/**
 * A failure the user can act on (bad input, a database refusing a migration, a missing file).
 * The CLI prints these as one line, without a stack trace. `code` reuses Prisma's error codes
 * (P3005, P3009, ...) where the situation is the same, so that Prisma's docs apply.
 */
export class DbError extends Error {
  override readonly name = "DbError";
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isDbError(error: unknown): error is DbError {
  return error instanceof DbError;
}

/** Errors from the network or the server (not from our code) that a user fixes by changing configuration. */
export function describeConnectionError(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const code = (error as { code?: unknown }).code;
  let message = (error as { message?: unknown }).message;
  // Node reports "localhost" (IPv4 and IPv6 both refused) as an AggregateError with an empty message.
  const inner = (error as { errors?: unknown }).errors;
  if (message === "" && Array.isArray(inner) && inner[0] instanceof Error) message = inner[0].message;
  if (typeof code !== "string" || typeof message !== "string") return null;
  switch (code) {
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ECONNRESET":
      return `cannot reach the database server (${code}): ${message}`;
    case "28P01":
    case "28000":
      return `the database server refused the login: ${message}`;
    case "3D000":
      return `the database does not exist: ${message}`;
    default:
      return null;
  }
}
