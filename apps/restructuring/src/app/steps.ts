// The steps of the saga for one new province (docs/restructuring.md, "Execution"): membership's, then any
// other service's scope-key rewrite (`rekeyStep`), then the conservation check, then the province unmarked.
// A step calls one callee procedure with the step's idempotency key; the callee stores the key with its
// change, so a repeated call (a resume after a crash between its commit and ours) answers the first result.
import type { OrgKind } from "@orgboard/contract-membership";
import type { OrgChange } from "../domain/index.js";

export interface PathMove {
  fromPath: string;
  toPath: string;
}

/** What a step's callee answered (kept in saga_step.result). */
export interface StepAnswer {
  records: Record<string, number>;
  replayed: boolean;
  /** the reparent step's path moves, in order: what the other services' rekeys follow */
  moves?: (PathMove & { code: string })[];
  /** the verify step: members found in the province's subtree */
  membersAfter?: number;
}

export interface StepContext {
  planId: string;
  provinceCode: string;
  orgCode: string;
  orgPath: string;
  sourceOrgCodes: readonly string[];
  membersBefore: number;
  idempotencyKey: string;
  effectiveOn: string;
  changes: readonly OrgChange[];
  /** the answer of an earlier step of this province (done in this attempt or a previous one) */
  resultOf(step: string): StepAnswer | undefined;
}

export interface SagaStep {
  /** `<service>.<what>`, unique in the saga; part of the idempotency key */
  name: string;
  run(c: StepContext): Promise<StepAnswer>;
  /** undoes the step (rollback, before the effective date), with its own idempotency key */
  compensate?(c: StepContext, answer: StepAnswer): Promise<StepAnswer>;
}

type Result = { records: Record<string, number>; replayed: boolean };

/** Membership's saga procedures (contract-membership 2.6 `membership.restructuring.*`), as the steps call them. */
export interface MembershipSteps {
  mark(input: { idempotencyKey: string; effectiveOn: string; orgCodes: string[]; moving: boolean }): Promise<Result>;
  createOrgs(input: {
    idempotencyKey: string;
    effectiveOn: string;
    create: { code: string; kind: OrgKind; name: string; parentCode: string | null; adminUnitCode: string }[];
    update: { code: string; name: string; adminUnitCode: string }[];
  }): Promise<Result>;
  reparent(input: { idempotencyKey: string; effectiveOn: string; moves: { code: string; toParentCode: string; kind?: OrgKind }[] }): Promise<Result & { moves: (PathMove & { code: string })[] }>;
  closeOrgs(input: { idempotencyKey: string; effectiveOn: string; close: { code: string; successorCode: string | null }[] }): Promise<Result>;
  reopenOrgs(input: { idempotencyKey: string; effectiveOn: string; codes: string[] }): Promise<Result>;
  conservation(input: { orgCodes: string[] }): Promise<{ subtrees: { code: string; path: string | null; members: number }[]; members: number; onClosed: number; onNonCell: number; districtCommittees: number }>;
}

/**
 * Another service's scope-key rewrite: `<svc>.restructuring.rekey` of inspection, personnel, conference (and
 * identity's unit attributes), input `{ idempotencyKey, effectiveOn, moves }` → `{ idempotencyKey, records,
 * replayed }`. The clients over their contracts are in rekeys.ts; main.ts builds one per configured URL.
 */
export interface RekeyClient {
  rekey(input: { idempotencyKey: string; effectiveOn: string; moves: PathMove[] }): Promise<{ idempotencyKey: string; records: Record<string, number>; replayed: boolean }>;
}

export const UNDO = ":undo";

/** A step rewriting `service`'s scope keys along membership's path moves (undone by the reverse moves). */
export function rekeyStep(service: string, client: RekeyClient): SagaStep {
  const moves = (c: StepContext) => (c.resultOf("membership.reparent")?.moves ?? []).map(({ fromPath, toPath }) => ({ fromPath, toPath }));
  return {
    name: `${service}.rekey`,
    async run(c) {
      const r = await client.rekey({ idempotencyKey: c.idempotencyKey, effectiveOn: c.effectiveOn, moves: moves(c) });
      return { records: r.records, replayed: r.replayed };
    },
    async compensate(c) {
      const back = moves(c).reverse().map((m) => ({ fromPath: m.toPath, toPath: m.fromPath }));
      const r = await client.rekey({ idempotencyKey: c.idempotencyKey + UNDO, effectiveOn: c.effectiveOn, moves: back });
      return { records: r.records, replayed: r.replayed };
    },
  };
}

const ofKind = <K extends OrgChange["kind"]>(changes: readonly OrgChange[], kind: K) => changes.filter((c): c is Extract<OrgChange, { kind: K }> => c.kind === kind);

/** Membership's steps, in their order, and the compensation of each (reverse order on rollback). */
export function membershipSteps(m: MembershipSteps): { before: SagaStep[]; after: SagaStep[] } {
  const markCodes = (c: StepContext) => [...new Set([...c.sourceOrgCodes, c.orgCode])];
  const mark: SagaStep = {
    name: "membership.mark",
    run: (c) => m.mark({ idempotencyKey: c.idempotencyKey, effectiveOn: c.effectiveOn, orgCodes: markCodes(c), moving: true }),
    compensate: (c) => m.mark({ idempotencyKey: c.idempotencyKey + UNDO, effectiveOn: c.effectiveOn, orgCodes: markCodes(c), moving: false }),
  };
  const createOrgs: SagaStep = {
    name: "membership.createOrgs",
    run: (c) =>
      m.createOrgs({
        idempotencyKey: c.idempotencyKey,
        effectiveOn: c.effectiveOn,
        create: ofKind(c.changes, "create").map((x) => ({ code: x.code, kind: x.orgKind, name: x.name, parentCode: x.parentCode, adminUnitCode: x.unitCode })),
        update: ofKind(c.changes, "update").map((x) => ({ code: x.code, name: x.name, adminUnitCode: x.unitCode })),
      }),
    // The created committees are empty again once the moves are undone: closing them undoes the creation
    // (codes are never reused, so they stay, closed). Renames of continuing committees are not undone here.
    compensate: (c) =>
      m.closeOrgs({ idempotencyKey: c.idempotencyKey + UNDO, effectiveOn: c.effectiveOn, close: ofKind(c.changes, "create").map((x) => ({ code: x.code, successorCode: null })) }),
  };
  const reparent: SagaStep = {
    name: "membership.reparent",
    run: (c) => m.reparent({ idempotencyKey: c.idempotencyKey, effectiveOn: c.effectiveOn, moves: ofKind(c.changes, "reparent").map((x) => ({ code: x.code, toParentCode: x.toParentCode, ...(x.orgKind ? { kind: x.orgKind } : {}) })) }),
    compensate: (c) =>
      m.reparent({
        idempotencyKey: c.idempotencyKey + UNDO,
        effectiveOn: c.effectiveOn,
        // Back under the former parent, with the former kind, last move first.
        moves: ofKind(c.changes, "reparent")
          .filter((x) => x.fromParentCode !== null)
          .reverse()
          .map((x) => ({ code: x.code, toParentCode: x.fromParentCode!, ...(x.orgKind ? { kind: x.fromOrgKind ?? x.orgKind } : {}) })),
      }),
  };
  const closeOrgs: SagaStep = {
    name: "membership.closeOrgs",
    run: (c) => m.closeOrgs({ idempotencyKey: c.idempotencyKey, effectiveOn: c.effectiveOn, close: ofKind(c.changes, "close").map((x) => ({ code: x.code, successorCode: x.successorCode })) }),
    compensate: (c) => m.reopenOrgs({ idempotencyKey: c.idempotencyKey + UNDO, effectiveOn: c.effectiveOn, codes: ofKind(c.changes, "close").map((x) => x.code) }),
  };
  const verify: SagaStep = {
    name: "verify",
    async run(c) {
      const r = await m.conservation({ orgCodes: [c.orgCode] });
      const after = r.subtrees[0]?.members ?? 0;
      if (after !== c.membersBefore || r.onClosed > 0) {
        throw new Error(
          `bảo toàn không đạt: ${after} đảng viên trong tỉnh mới, trước là ${c.membersBefore}; ${r.onClosed} ở tổ chức đã giải thể / conservation failed: ${after} members in the new province, ${c.membersBefore} before; ${r.onClosed} on closed organizations`,
        );
      }
      return { records: { membersBefore: c.membersBefore, membersAfter: after }, replayed: false, membersAfter: after };
    },
  };
  const unmark: SagaStep = { name: "membership.unmark", run: (c) => m.mark({ idempotencyKey: c.idempotencyKey, effectiveOn: c.effectiveOn, orgCodes: markCodes(c), moving: false }) };
  return { before: [mark, createOrgs, reparent, closeOrgs], after: [verify, unmark] };
}

/** The whole ordered list: membership's moves, the other services' rekeys, the check, the unmark. */
export function sagaSteps(m: MembershipSteps, rekeys: readonly SagaStep[] = []): SagaStep[] {
  const { before, after } = membershipSteps(m);
  return [...before, ...rekeys, ...after];
}
