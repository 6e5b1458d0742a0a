import { wakeStreamsAfterMutation } from "@orgboard/events";
import { badRequest } from "@orgboard/server-kit";
import type { AuthedProcedureOptions } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import { bilingual, DomainError } from "../domain/index.js";
import type { InspectionAction } from "../policy.js";
import { authedProcedure } from "../trpc.js";

/** A domain refusal → a tRPC error; a BAD_REQUEST with a field is shaped like a zod failure (fieldErrors). */
export function toTRPCError(e: DomainError): TRPCError {
  if (e.code === "BAD_REQUEST" && e.field) return badRequest(e.field, e.message);
  return new TRPCError({ code: e.code, message: e.message, cause: e });
}

/**
 * A unique index refused a row (two officers recording the same decision number, or the same body's
 * program for a year, at the same instant): the handler checked first, so this is the race's loser.
 */
function isUniqueViolation(cause: unknown): boolean {
  return typeof cause === "object" && cause !== null && (cause as { code?: unknown }).code === "P2002";
}

/** authedProcedure(action) for this service's actions, translating domain refusals on the way out. */
export function procedure(action: InspectionAction, opts?: AuthedProcedureOptions) {
  return authedProcedure(action, opts).use(async ({ ctx, next, type }) => {
    const result = await next();
    if (!result.ok && result.error.cause instanceof DomainError) throw toTRPCError(result.error.cause);
    if (!result.ok && isUniqueViolation(result.error.cause)) {
      throw new TRPCError({ code: "CONFLICT", message: bilingual("hồ sơ này vừa được ghi (trùng số quyết định hoặc chương trình)", "this record was just written (the same decision number or program)"), cause: result.error.cause });
    }
    return wakeStreamsAfterMutation(type, result, ctx.notifier);
  });
}
