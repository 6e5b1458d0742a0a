// How the CLI ends: bad input (a field named) → exit 2; the system failing → exit 1; not logged in or the
// session over → exit 3 with the hint to run `orgboard login`; never a stack trace (ORGBOARD_DEBUG=1 shows one).
// Messages: Vietnamese first, English second.
import { TRPCClientError } from "@trpc/client";
import { DatabaseBusyError, MembershipInputError, OperationInterruptedError } from "@orgboard/membership";
import { AuthError } from "./auth/oidc.js";
import { LOGIN_HINT } from "./auth/session.js";

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_NOT_LOGGED_IN = 3;
/** Stopped by SIGINT/SIGTERM (128 + 2, the shell's convention for Ctrl-C). */
export const EXIT_INTERRUPTED = 130;

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
export function reportError(thrown: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  // tRPC wraps what its fetch threw (and what a token getter threw) in a TRPCClientError.
  const cause = thrown instanceof TRPCClientError ? (thrown as Error).cause : undefined;
  const err = cause instanceof ApiUnreachableError || cause instanceof AuthError ? cause : thrown;
  if (process.env.ORGBOARD_DEBUG) stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  if (err instanceof OperationInterruptedError) {
    stderr.write(`đã dừng, không ghi gì / stopped: ${err.message}\n`);
    return EXIT_INTERRUPTED;
  }
  if (err instanceof CliInputError || err instanceof MembershipInputError) {
    stderr.write(`lỗi / error: ${err.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (err instanceof DatabaseBusyError) {
    stderr.write(
      `lỗi / error: cơ sở dữ liệu nhúng đang được hệ thống sử dụng; chế độ vận hành (operator) không mở được khi hệ thống đang chạy. Dùng các lệnh qua API: orgboard login, rồi orgboard import|export|report.\n` +
        `The embedded database is in use by a running system; operator mode cannot open it while the system runs. Use the API commands instead: orgboard login, then orgboard import|export|report.\n` +
        `  (${err.message})\n`,
    );
    return EXIT_FAILURE;
  }
  if (err instanceof AuthError) {
    stderr.write(`lỗi / error: ${err.message}\n`);
    return err.kind === "login" ? EXIT_NOT_LOGGED_IN : err.kind === "input" ? EXIT_BAD_INPUT : EXIT_FAILURE;
  }
  if (err instanceof ApiUnreachableError) {
    stderr.write(`lỗi / error: ${err.message}\n`);
    return EXIT_FAILURE;
  }
  if (err instanceof TRPCClientError) return reportApiError(err as TRPCClientError<never>, stderr);
  const e = err as { code?: string; message?: string };
  if (e?.code === "ECONNREFUSED" || e?.code === "ENOTFOUND" || e?.code === "28P01" || e?.code === "3D000") {
    stderr.write(`lỗi / error: cannot reach the database (${e.code}): ${e.message ?? ""}; check DATABASE_URL\n`);
    return EXIT_FAILURE;
  }
  stderr.write(`lỗi / error: ${e?.message ?? String(err)}\n`);
  return EXIT_FAILURE;
}

/** A service did not answer (down, wrong --api / <SERVICE>_URL). */
export class ApiUnreachableError extends Error {
  override name = "ApiUnreachableError";
}

interface ApiErrorData {
  code?: string;
  httpStatus?: number;
  fieldErrors?: { path: string; message: string }[];
}

const API_INPUT_CODES = new Set(["BAD_REQUEST", "NOT_FOUND", "CONFLICT", "PAYLOAD_TOO_LARGE", "PARSE_ERROR", "UNPROCESSABLE_CONTENT"]);

/** An error the service answered: its field errors named, Vietnamese first. */
function reportApiError(err: TRPCClientError<never>, stderr: NodeJS.WritableStream): number {
  const data = (err.data ?? {}) as ApiErrorData;
  if (data.httpStatus === 401 || data.code === "UNAUTHORIZED") {
    stderr.write(`lỗi / error: phiên đăng nhập không hợp lệ hoặc đã hết hạn / the session is not valid or has expired; ${LOGIN_HINT}\n`);
    return EXIT_NOT_LOGGED_IN;
  }
  if (data.httpStatus === 403 || data.code === "FORBIDDEN") {
    stderr.write(`lỗi / error: không có quyền thực hiện thao tác này ở tổ chức này (ngoài phạm vi hoặc vai trò của bạn) / not allowed to do this here (outside your scope or role)\n`);
    return EXIT_FAILURE;
  }
  if (API_INPUT_CODES.has(data.code ?? "") || (data.httpStatus !== undefined && data.httpStatus >= 400 && data.httpStatus < 500)) {
    const fields = data.fieldErrors?.length ? data.fieldErrors.map((f) => `  ${f.path || "-"}: ${f.message}`) : [`  ${err.message}`];
    stderr.write(`lỗi dữ liệu / bad input (${data.code ?? data.httpStatus}):\n${fields.join("\n")}\n`);
    return EXIT_BAD_INPUT;
  }
  stderr.write(`lỗi / error: dịch vụ báo lỗi / the service failed (${data.code ?? data.httpStatus ?? "?"}): ${err.message}\n`);
  return EXIT_FAILURE;
}

/** A refused import (every row checked, none written), whether it came from the API or the operator mode: what
 *  each bad row says, Vietnamese first. Returns the exit code for bad input. */
export function printRejected(
  result: { rows: number; rejectedCount: number; rejected: readonly { row: number; column: string; reason: string }[] },
  err: NodeJS.WritableStream = process.stderr,
): number {
  err.write(`Không nhập được: ${result.rejectedCount} lỗi trong ${result.rows} dòng; chưa nhập dòng nào.\n`);
  err.write(`Import refused: ${result.rejectedCount} problem(s) in ${result.rows} row(s); nothing was imported.\n`);
  err.write("dòng/row\tcột/column\tlý do/reason\n");
  for (const r of result.rejected) err.write(`${r.row}\t${r.column}\t${r.reason}\n`);
  if (result.rejected.length < result.rejectedCount) err.write(`… ${result.rejectedCount - result.rejected.length} more\n`);
  return EXIT_BAD_INPUT;
}
