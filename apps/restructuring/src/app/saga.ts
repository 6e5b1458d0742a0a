// The saga runner (docs/restructuring.md, "Execution"): per new province, in the plan's order, every step
// not done, in order. A step is a saga_step row written `pending` before the call and `done` after it, the
// latter with its audit record and outbox event `restructuring.step.done` in one transaction (a failure the
// same way: `failed` with `restructuring.step.failed`). The callee
// keeps the idempotency key with its change, so a crash anywhere (before the call, between the callee's
// commit and ours, after ours) resumes to the same end state: the repeated call answers the first result.
import { createHash } from "node:crypto";
import { recordCallerChange, type Caller } from "@orgboard/events";
import type { OrgChange } from "../domain/index.js";
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import { UNDO, type SagaStep, type StepAnswer, type StepContext } from "./steps.js";

/** Where a crash can be injected (tests): after the pending row, after the callee's answer, after done. */
export type CrashPhase = "pending" | "called" | "done";
export type CrashPoint = (step: string, phase: CrashPhase) => void;

export interface SagaDeps {
  db: PrismaClient;
  steps: readonly SagaStep[];
  now: () => Date;
  crashPoint?: CrashPoint;
  /** false once the plan's lock is lost (plan-lock.ts): no further step starts. Absent: always held. */
  stillHeld?: () => boolean;
}

/** The province's failure when the plan's lock was lost before a step (a resume continues from there). */
export const LOCK_LOST = "mất khóa chạy đề án (kết nối cơ sở dữ liệu bị ngắt), hãy chạy tiếp / the plan's run lock was lost (its database connection dropped); resume the run";

export const stepKey = (planId: string, provinceCode: string, step: string) => `${planId}:${provinceCode}:${step}`;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const digest = (a: StepAnswer) => createHash("sha256").update(JSON.stringify({ records: a.records, moves: a.moves ?? null })).digest("hex");
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 2000);

/** One province's work as stored when the run started. */
async function provinceContext(db: PrismaClient, planId: string, provinceCode: string) {
  const [plan, province, changes, steps] = await Promise.all([
    db.plan.findUniqueOrThrow({ where: { id: planId } }),
    db.runProvince.findUniqueOrThrow({ where: { planId_provinceCode: { planId, provinceCode } } }),
    db.orgChange.findMany({ where: { planId, provinceCode }, orderBy: { position: "asc" } }),
    db.sagaStep.findMany({ where: { planId, provinceCode } }),
  ]);
  return { plan, province, changes: changes.map((c) => c.payload as unknown as OrgChange), steps };
}

/**
 * Runs the province's steps not done. Answers null when all are done, else the failure's message (the step
 * is left `failed`, the province `failed`; a resume tries it again with attempt + 1).
 */
export async function runProvince(deps: SagaDeps, caller: Caller, planId: string, provinceCode: string): Promise<string | null> {
  const { db } = deps;
  const { plan, province, changes, steps: rows } = await provinceContext(db, planId, provinceCode);
  const answers = new Map<string, StepAnswer>();
  for (const r of rows) if (r.status === "done" && r.result) answers.set(r.step, r.result as unknown as StepAnswer);
  await db.runProvince.update({ where: { planId_provinceCode: { planId, provinceCode } }, data: { status: "running", error: null } });
  const base = {
    planId,
    provinceCode,
    orgCode: province.orgCode,
    orgPath: province.orgPath,
    sourceOrgCodes: province.sourceOrgCodes as string[],
    crossingOrgCodes: province.crossingOrgCodes as string[],
    membersBefore: province.membersBefore,
    effectiveOn: isoDate(plan.effectiveOn),
    changes,
    resultOf: (step: string) => answers.get(step),
  };
  for (const step of deps.steps) {
    const row = rows.find((r) => r.step === step.name);
    if (row?.status === "done") continue;
    if (deps.stillHeld && !deps.stillHeld()) {
      const error = `${step.name}: ${LOCK_LOST}`;
      // Its audit record and `restructuring.province.stopped` with the row, as a failed step's: no step failed,
      // so without an event the progress screen (no polling) showed the stop only on its next reload. The lock's
      // connection is gone, not the pool's: this write goes through.
      await db.$transaction(async (tx) => {
        await tx.runProvince.update({ where: { planId_provinceCode: { planId, provinceCode } }, data: { status: "failed", error } });
        await recordCallerChange(tx, caller, {
          entity: "run_province",
          entityId: `${planId}:${provinceCode}`,
          orgPath: province.orgPath,
          before: { status: "running" },
          after: { status: "failed", stoppedBefore: step.name, reason: "lock_lost" },
          events: [{ type: "restructuring.province.stopped", orgPath: province.orgPath, aggregateId: planId, payload: { planId, provinceCode, step: step.name, reason: "lock_lost", error } }],
        });
      });
      return error;
    }
    const key = stepKey(planId, provinceCode, step.name);
    // Pending before the call: the log says a call may have happened.
    const pending = row
      ? await db.sagaStep.update({ where: { id: row.id }, data: { status: "pending", attempt: { increment: 1 }, error: null, startedAt: deps.now() } })
      : await db.sagaStep.create({ data: { planId, provinceCode, orgPath: province.orgPath, step: step.name, idempotencyKey: key, startedAt: deps.now() } });
    deps.crashPoint?.(step.name, "pending");
    let answer: StepAnswer;
    try {
      answer = await step.run({ ...base, idempotencyKey: key });
    } catch (err) {
      const error = messageOf(err);
      // With its audit record and event `restructuring.step.failed`: the progress screen learns of the failure
      // as of a step done (it has no polling), and the boards' stream says why the province stopped.
      await db.$transaction(async (tx) => {
        await tx.sagaStep.update({ where: { id: pending.id }, data: { status: "failed", error, finishedAt: deps.now() } });
        await tx.runProvince.update({ where: { planId_provinceCode: { planId, provinceCode } }, data: { status: "failed", error: `${step.name}: ${error}` } });
        await recordCallerChange(tx, caller, {
          entity: "saga_step",
          entityId: pending.id,
          orgPath: province.orgPath,
          before: { status: "pending", attempt: pending.attempt },
          after: { step: step.name, status: "failed", attempt: pending.attempt, error },
          events: [{ type: "restructuring.step.failed", orgPath: province.orgPath, aggregateId: planId, payload: { planId, provinceCode, step: step.name, attempt: pending.attempt, error } }],
        });
      });
      return `${step.name}: ${error}`;
    }
    deps.crashPoint?.(step.name, "called");
    await db.$transaction(async (tx) => {
      await tx.sagaStep.update({ where: { id: pending.id }, data: { status: "done", finishedAt: deps.now(), result: answer as unknown as Prisma.InputJsonValue, resultDigest: digest(answer) } });
      await recordCallerChange(tx, caller, {
        entity: "saga_step",
        entityId: pending.id,
        orgPath: province.orgPath,
        before: { status: "pending", attempt: pending.attempt },
        after: { step: step.name, status: "done", attempt: pending.attempt, records: answer.records, replayed: answer.replayed },
        events: [{ type: "restructuring.step.done", orgPath: province.orgPath, aggregateId: planId, payload: { planId, provinceCode, step: step.name, attempt: pending.attempt, records: answer.records, replayed: answer.replayed } }],
      });
    });
    answers.set(step.name, answer);
    deps.crashPoint?.(step.name, "done");
  }
  const membersAfter = answers.get("verify")?.membersAfter ?? null;
  await db.$transaction(async (tx) => {
    await tx.runProvince.update({ where: { planId_provinceCode: { planId, provinceCode } }, data: { status: "done", membersAfter, error: null } });
    await recordCallerChange(tx, caller, {
      entity: "run_province",
      entityId: `${planId}:${provinceCode}`,
      orgPath: province.orgPath,
      after: { status: "done", membersBefore: province.membersBefore, membersAfter },
      events: [{ type: "restructuring.province.done", orgPath: province.orgPath, aggregateId: planId, payload: { planId, provinceCode, membersBefore: province.membersBefore, membersAfter: membersAfter ?? 0 } }],
    });
  });
  return null;
}

/**
 * Compensates the province's done steps in reverse order (rollback, before the effective date): the other
 * services' rekeys reversed, the closed organizations reopened, the moves undone (last first, former kinds),
 * the created committees closed (empty again; codes are never reused), the mark lifted. The check and the
 * unmark need none. Each compensation has its own idempotency key (the step's + ":undo").
 */
export async function compensateProvince(deps: SagaDeps, caller: Caller, planId: string, provinceCode: string): Promise<number> {
  const { db } = deps;
  const { plan, province, changes, steps: rows } = await provinceContext(db, planId, provinceCode);
  const answers = new Map<string, StepAnswer>();
  for (const r of rows) if (r.status === "done" && r.result) answers.set(r.step, r.result as unknown as StepAnswer);
  let undone = 0;
  for (const step of [...deps.steps].reverse()) {
    const row = rows.find((r) => r.step === step.name);
    if (row?.status !== "done" || !step.compensate) continue;
    const c: StepContext = {
      planId, provinceCode, orgCode: province.orgCode, orgPath: province.orgPath, sourceOrgCodes: province.sourceOrgCodes as string[], crossingOrgCodes: province.crossingOrgCodes as string[],
      membersBefore: province.membersBefore, idempotencyKey: row.idempotencyKey, effectiveOn: isoDate(plan.effectiveOn), changes, resultOf: (s) => answers.get(s),
    };
    const answer = await step.compensate(c, answers.get(step.name)!);
    await db.$transaction(async (tx) => {
      await tx.sagaStep.update({ where: { id: row.id }, data: { status: "compensated", finishedAt: deps.now() } });
      await recordCallerChange(tx, caller, { entity: "saga_step", entityId: row.id, orgPath: province.orgPath, before: { status: "done" }, after: { step: step.name, status: "compensated", key: row.idempotencyKey + UNDO, records: answer.records } });
    });
    undone++;
  }
  return undone;
}
