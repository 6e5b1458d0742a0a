// How the CLI ends: bad input (a field named) → exit 2; the system failing → exit 1; never a stack trace
// (set ORGBOARD_DEBUG=1 to see one).
import { DatabaseBusyError, MembershipInputError } from "@orgboard/membership";

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/** Input the user must fix; `field` names the argument, option or file column. */
export class CliInputError extends Error {
  override name = "CliInputError";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Prints the error for a person and returns the exit code. */
export function reportError(err: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  if (process.env.ORGBOARD_DEBUG) stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  if (err instanceof CliInputError || err instanceof MembershipInputError) {
    stderr.write(`lỗi / error: ${err.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (err instanceof DatabaseBusyError) {
    stderr.write(`lỗi / error: ${err.message}\n`);
    return EXIT_FAILURE;
  }
  const e = err as { code?: string; message?: string };
  if (e?.code === "ECONNREFUSED" || e?.code === "ENOTFOUND" || e?.code === "28P01" || e?.code === "3D000") {
    stderr.write(`lỗi / error: cannot reach the database (${e.code}): ${e.message ?? ""}; check DATABASE_URL\n`);
    return EXIT_FAILURE;
  }
  stderr.write(`lỗi / error: ${e?.message ?? String(err)}\n`);
  return EXIT_FAILURE;
}
