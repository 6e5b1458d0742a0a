import { badRequest, type AuthedProcedureOptions } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import { bilingual, RuleError } from "../domain/index.js";
import type { PersonnelAction } from "../policy.js";
import { authedProcedure } from "../trpc.js";

/** A rule's refusal → a tRPC error; a BAD_REQUEST with a field is shaped like a zod failure (fieldErrors). */
export function toTRPCError(e: RuleError): TRPCError {
  if (e.code === "BAD_REQUEST" && e.field) return badRequest(e.field, e.message);
  return new TRPCError({ code: e.code, message: e.message, cause: e });
}

const isUniqueViolation = (cause: unknown): boolean => typeof cause === "object" && cause !== null && (cause as { code?: unknown }).code === "P2002";

/** authedProcedure(action) for this service's actions, translating rule refusals on the way out. */
export function procedure(action: PersonnelAction, opts?: AuthedProcedureOptions) {
  return authedProcedure(action, opts).use(async ({ ctx, next, type }) => {
    const result = await next();
    if (!result.ok && result.error.cause instanceof RuleError) throw toTRPCError(result.error.cause);
    if (!result.ok && isUniqueViolation(result.error.cause)) {
      throw new TRPCError({ code: "CONFLICT", message: bilingual("hồ sơ này đã có (trùng số căn cước hoặc vừa được ghi)", "this record already exists (the same national ID, or just written)"), cause: result.error.cause });
    }
    if (result.ok && type === "mutation") ctx.notifier?.notify();
    return result;
  });
}
