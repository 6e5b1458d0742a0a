// The restructuring saga's steps in membership (docs/restructuring.md): each is one transaction that writes
// its changes, the idempotency key with the answer, the audit record and one outbox event (the mark step also
// one per organization it marks or unmarks, at that organization's path). A repeated call
// with the same key answers the stored result (`replayed: true`) and writes nothing: a saga that crashed
// between membership's commit and its own `done` asks again and gets the first answer.
import { recordCallerChange, type Caller } from "@orgboard/events";
import { bilingual } from "@orgboard/server-kit";
import type { Prisma } from "../../generated/prisma/client.js";
import type { MembershipContext } from "../context.js";
import { conflict, notFound } from "../errors.js";
import { membershipEvent, type MembershipEvent } from "../events.js";
import type { Tx } from "../records.js";

export type StepName = "mark" | "createOrgs" | "reparent" | "closeOrgs" | "reopenOrgs" | "restoreOrgs";

/** Every step acts on the whole country: restructuring's service account holds `/`. */
export const WHOLE_COUNTRY = () => ({ orgPath: "/" });

export interface StepWork<R extends Record<string, unknown>> {
  /** per kind of row, how many the step changed */
  records: Record<string, number>;
  /** the rest of the answer (the reparent step's moves) */
  extra?: R;
  /** where the change happened (the new province's committee, or "/") */
  orgPath: string;
  /** what the audit record keeps (old paths included: history) */
  audit: unknown;
  /** events beside the step's own (the mark step's, one per organization at its path) */
  events?: MembershipEvent[];
}

export async function idempotentStep<R extends Record<string, unknown>>(
  ctx: MembershipContext & Caller,
  input: { idempotencyKey: string; effectiveOn: string },
  step: StepName,
  work: (tx: Tx) => Promise<StepWork<R>>,
): Promise<{ idempotencyKey: string; records: Record<string, number>; replayed: boolean } & R> {
  const key = input.idempotencyKey;
  return ctx.prisma.$transaction(
    async (tx) => {
      // Two concurrent calls with one key: the second waits, then finds the first's answer.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`restructuring:${key}`}))`;
      const prior = await tx.restructuringStep.findUnique({ where: { idempotencyKey: key } });
      if (prior) {
        if (prior.step !== step) {
          throw conflict("idempotencyKey", "key_reused", bilingual(`khóa chống lặp đã dùng cho bước ${prior.step}`, `the idempotency key was used for the step ${prior.step}`));
        }
        return { ...(prior.result as object), replayed: true } as { idempotencyKey: string; records: Record<string, number>; replayed: boolean } & R;
      }
      const done = await work(tx);
      const stored = { idempotencyKey: key, records: done.records, ...(done.extra ?? {}) } as { idempotencyKey: string; records: Record<string, number> } & R;
      await tx.restructuringStep.create({ data: { idempotencyKey: key, step, result: stored as unknown as Prisma.InputJsonValue } });
      await recordCallerChange(tx, ctx, {
        entity: "RestructuringStep",
        entityId: key,
        orgPath: done.orgPath,
        after: { step, effectiveOn: input.effectiveOn, records: done.records, changes: done.audit },
        events: [membershipEvent("membership.organizations.restructured", done.orgPath, key, { idempotencyKey: key, step, effectiveOn: input.effectiveOn, records: done.records }), ...(done.events ?? [])],
      });
      crashBeforeCommit(step);
      return { ...stored, replayed: false };
    },
    // A province moves thousands of rows in one step.
    { timeout: 600_000, maxWait: 60_000 },
  );
}

/**
 * Tests only (MEMBERSHIP_CRASH_BEFORE_COMMIT=<step>, docs/configuration.md): the process kills itself (SIGKILL)
 * with the step's changes, key, audit record and event written but not committed, so restructuring's process
 * test (test/processes/membership-crash.test.ts) can show the step rolled back whole and applied once on resume.
 * Read from the environment as packages/events' rekey does: the step has no other way to the process's config.
 */
function crashBeforeCommit(step: StepName): void {
  if (process.env.MEMBERSHIP_CRASH_BEFORE_COMMIT !== step) return;
  process.stderr.write(`membership: crash injected before the ${step} step's commit\n`);
  process.kill(process.pid, "SIGKILL");
}

/** NOT_FOUND on `field`: no open organization has this code (createOrgs' updates, restoreOrgs). */
export const noOpenOrg = (field: string) => notFound(field, bilingual("không có tổ chức đang hoạt động mã này", "no open organization with this code"));

/** The one organization path where a step's changes happened: the common prefix of their paths ("/" at worst). */
export function commonPath(paths: readonly string[]): string {
  if (paths.length === 0) return "/";
  let prefix = paths[0]!;
  for (const p of paths) while (!p.startsWith(prefix)) prefix = prefix.slice(0, prefix.slice(0, -1).lastIndexOf("/") + 1);
  return prefix || "/";
}

export const ACTIVE_STATUSES = ["probationary", "official"];
