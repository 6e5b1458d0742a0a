import type { FieldError } from "@orgboard/contracts";
import { apiMessages, zodIssueMessage } from "@orgboard/messages";
import { TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";

interface IssueLike {
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
  message?: unknown;
  code?: unknown;
}

function pathOf(issue: IssueLike): string {
  return (issue.path ?? []).map((seg) => String(typeof seg === "object" && seg !== null ? seg.key : seg)).join(".");
}

/**
 * Zod (or any Standard Schema) issues → `[{ path: "members.0.nationalId", message }]`. A zod issue's
 * message is made Vietnamese first (@orgboard/messages' catalogue: zod's Vietnamese wording of its code,
 * then the schema's English); a message already bilingual ("… / …") is kept.
 */
export function fieldErrorsFrom(cause: unknown): FieldError[] | null {
  const issues = (cause as { issues?: unknown } | null | undefined)?.issues;
  if (!Array.isArray(issues) || issues.length === 0) return null;
  return (issues as IssueLike[]).map((i) => ({
    path: pathOf(i),
    message: typeof i.code === "string" ? zodIssueMessage(i) : typeof i.message === "string" ? i.message : "invalid value",
  }));
}

/** "Dữ liệu không hợp lệ / Invalid input: <field>: <message>; …" (the messages are bilingual already). */
export function describeFieldErrors(fieldErrors: FieldError[]): string {
  const shown = fieldErrors.slice(0, 10).map((f) => `${f.path || "input"}: ${f.message}`);
  const more = fieldErrors.length > shown.length ? `; và ${fieldErrors.length - shown.length} lỗi khác / and ${fieldErrors.length - shown.length} more` : "";
  const head = apiMessages.invalidInput();
  return `${head.vi} / ${head.en}: ${shown.join("; ")}${more}`;
}

export const GENERIC_INTERNAL_MESSAGE = "Internal server error";

export interface ErrorShapeIn {
  message: string;
  code: number;
  data: { code: TRPC_ERROR_CODE_KEY; httpStatus: number; path?: string; stack?: string };
}

/**
 * The one error formatter (ADR 0001). Input validation failures name the fields; anything unexpected
 * becomes a generic message with the request id (the stack stays in the server log, see createService).
 */
export function formatError(opts: {
  shape: ErrorShapeIn;
  error: TRPCError;
  ctx: { requestId?: string } | undefined;
}) {
  const { shape, error, ctx } = opts;
  const requestId = ctx?.requestId;
  const data: {
    code: TRPC_ERROR_CODE_KEY;
    httpStatus: number;
    path?: string;
    requestId?: string;
    fieldErrors?: FieldError[];
  } = { code: shape.data.code, httpStatus: shape.data.httpStatus };
  if (shape.data.path !== undefined) data.path = shape.data.path;
  if (requestId) data.requestId = requestId;
  let message = shape.message;
  if (error.code === "BAD_REQUEST") {
    const fieldErrors = fieldErrorsFrom(error.cause);
    if (fieldErrors) {
      data.fieldErrors = fieldErrors;
      message = describeFieldErrors(fieldErrors);
    }
  } else if (error.code === "INTERNAL_SERVER_ERROR") {
    message = requestId ? `${GENERIC_INTERNAL_MESSAGE} (request id ${requestId})` : GENERIC_INTERNAL_MESSAGE;
  }
  // No `stack` key, ever: tRPC adds one in dev mode.
  return { message, code: shape.code, data };
}

/** Convenience for handlers: a 400 that names a field, shaped like input validation failures. */
export function badRequest(path: string, message: string): TRPCError {
  return new TRPCError({ code: "BAD_REQUEST", message, cause: Object.assign(new Error(message), { issues: [{ path: path ? path.split(".") : [], message }] }) });
}
