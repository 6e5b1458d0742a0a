// National IDs are unique nationally (a person is a member or a candidate once, anywhere), but a caller
// must not learn anything about records outside its scope (#9 finding 1: "already exists (id 3415)" let a
// provincial account test any citizen's party membership). So, for members.create, admissions.register
// and the members import:
// - a clash with a record INSIDE the caller's scope is named as before (the caller can read that record);
// - a clash with a record OUTSIDE it gets one neutral refusal (same code and text whether it is a member
//   or a candidate, wherever it is), and the attempt is audited at "/" (only the national scope, i.e.
//   central auditors, can read it: a province's auditors must not learn of the foreign record either),
//   in its own transaction, since the refused procedure's transaction rolls back;
// - a principal with NATIONAL_ID_REFUSALS.max such refusals within the window is refused every further
//   write of a national ID for the rest of the window (429, whatever the ID: the limit is no oracle), and
//   the first time it reaches the limit a `NationalIdProbing` audit record at "/" flags it for the central
//   board. Documented in docs/security.md ("National ID uniqueness").
import { recordCallerChange } from "@orgboard/events";
import { bilingual } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import type { MembershipContext } from "../context.js";
import { RuleError } from "../errors.js";
import type { Tx } from "../records.js";

/** How many neutral refusals one principal may collect per window before it is stopped and flagged. */
export const NATIONAL_ID_REFUSALS = { max: 5, windowMinutes: 60 } as const;

export const REFUSAL_ENTITY = "NationalIdRefusal";
export const PROBING_ENTITY = "NationalIdProbing";

/** The one answer for a national ID held by a record outside the caller's scope. */
export const NATIONAL_ID_UNAVAILABLE_MESSAGE = bilingual(
  "không thể ghi nhận số định danh này tại đây; nếu cần, đề nghị Ban Tổ chức Trung ương kiểm tra",
  "this national ID cannot be recorded here; ask the Central Organization Commission to check it if needed",
);

/** The members import's one file-level issue (row 0) when any row clashes with a record outside the scope. */
export const FOREIGN_CLASH_REASON = bilingual(
  "một số số định danh hoặc số thẻ đảng viên trong tệp không thể ghi nhận tại đây; nếu cần, đề nghị Ban Tổ chức Trung ương kiểm tra",
  "some national IDs or party card numbers in this file cannot be recorded here; ask the Central Organization Commission to check them if needed",
);

export const nationalIdUnavailable = (field: string) =>
  new RuleError("CONFLICT", [{ field, code: "national_id_unavailable", message: NATIONAL_ID_UNAVAILABLE_MESSAGE }]);

export const PROBING_MESSAGE = bilingual(
  "quá nhiều lần ghi số định danh bị từ chối; thử lại sau",
  "too many refused national IDs; try again later",
);

/** A clash of a national ID with an existing member or waiting candidate. */
export interface NationalIdClash {
  nationalId: string;
  what: "member" | "candidate";
  id: number;
  orgPath: string;
}

/** Existing members and waiting candidates holding any of these national IDs (one per ID: members first). */
export async function nationalIdClashes(tx: Tx, nationalIds: readonly string[]): Promise<Map<string, NationalIdClash>> {
  const ids = [...new Set(nationalIds)];
  const out = new Map<string, NationalIdClash>();
  if (ids.length === 0) return out;
  const [members, candidates] = await Promise.all([
    tx.member.findMany({ where: { nationalId: { in: ids } }, select: { id: true, nationalId: true, orgPath: true } }),
    tx.admissionCandidate.findMany({ where: { nationalId: { in: ids }, status: "candidate" }, select: { id: true, nationalId: true, orgPath: true } }),
  ]);
  for (const c of candidates) out.set(c.nationalId, { nationalId: c.nationalId, what: "candidate", id: c.id, orgPath: c.orgPath });
  for (const m of members) out.set(m.nationalId, { nationalId: m.nationalId, what: "member", id: m.id, orgPath: m.orgPath });
  return out;
}

/** Thrown inside the procedure's transaction (which rolls back); the procedure then records the refusal. */
export class ForeignNationalId extends Error {
  override name = "ForeignNationalId";
  constructor(
    readonly field: string,
    readonly nationalIds: readonly string[],
  ) {
    super("a national ID is held outside the caller's scope");
  }
}

/** An authed procedure's context (the caller is known). */
type Caller = Pick<MembershipContext, "prisma" | "requestId" | "logger"> & { principal: { subject: string }; action: string };

function windowStart(): Date {
  return new Date(Date.now() - NATIONAL_ID_REFUSALS.windowMinutes * 60_000);
}

async function refusalsInWindow(ctx: Caller): Promise<number> {
  return ctx.prisma.auditRecord.count({ where: { actor: ctx.principal.subject, entity: REFUSAL_ENTITY, at: { gte: windowStart() } } });
}

/** Before writing national IDs: 429 once the principal has collected the window's refusals. */
export async function assertNotProbing(ctx: Caller): Promise<void> {
  if ((await refusalsInWindow(ctx)) >= NATIONAL_ID_REFUSALS.max) throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: PROBING_MESSAGE });
}

/**
 * Audits a neutral refusal at "/" (its own transaction) and, when it brings the principal to the limit,
 * flags the principal for the central board. `orgPath`: where the caller tried to write.
 */
export async function recordForeignRefusal(ctx: Caller, attempt: { orgPath: string; nationalIds: readonly string[]; file?: unknown }): Promise<void> {
  await ctx.prisma.$transaction(async (tx) => {
    await recordCallerChange(tx, ctx, {
      entity: REFUSAL_ENTITY,
      entityId: ctx.principal.subject,
      orgPath: "/",
      after: { refused: true, procedure: ctx.action, attemptedAt: attempt.orgPath, nationalIds: attempt.nationalIds, ...(attempt.file ? { file: attempt.file } : {}) },
    });
  });
  const count = await refusalsInWindow(ctx);
  if (count === NATIONAL_ID_REFUSALS.max) {
    ctx.logger.warn({ subject: ctx.principal.subject, refusals: count }, "national ID probing suspected: flagged to the central board");
    await ctx.prisma.$transaction(async (tx) => {
      await recordCallerChange(tx, ctx, {
        entity: PROBING_ENTITY,
        entityId: ctx.principal.subject,
        orgPath: "/",
        after: { refusals: count, windowMinutes: NATIONAL_ID_REFUSALS.windowMinutes, lastProcedure: ctx.action, attemptedAt: attempt.orgPath },
      });
    });
  }
}

/** Runs a write that may hit a foreign national ID: the neutral refusal is audited, then thrown. */
export async function refusingForeignNationalIds<T>(ctx: Caller, orgPath: string, write: () => Promise<T>): Promise<T> {
  await assertNotProbing(ctx);
  try {
    return await write();
  } catch (e) {
    if (!(e instanceof ForeignNationalId)) throw e;
    await recordForeignRefusal(ctx, { orgPath, nationalIds: e.nationalIds });
    throw nationalIdUnavailable(e.field);
  }
}
