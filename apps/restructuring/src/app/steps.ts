// The steps of the saga for one new province (docs/restructuring.md, "Execution"): membership's, then any
// other service's scope-key rewrite (`rekeyStep`), then the conservation check, then the province unmarked.
// A step calls one callee procedure with the step's idempotency key; the callee stores the key with its
// change, so a repeated call (a resume after a crash between its commit and ours) answers the first result.
import type { FormerOrg, OrgKind } from "@orgboard/contract-membership";
import type { UnitAttributeMover, UnitCensusEntry } from "@orgboard/identity-moves";
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
  /** the createOrgs step: the updated committees' name and unit before it (what a rollback restores) */
  former?: FormerOrg[];
  /** the verify step: members found in the province's subtree */
  membersAfter?: number;
  /** the mark step: records per service under the province's paths (its sources' and its own) before any move */
  before?: Record<string, number>;
  /** the verify step: the services whose records were not checked (no conservation client: URL unset) */
  notChecked?: string[];
}

export interface StepContext {
  planId: string;
  provinceCode: string;
  orgCode: string;
  orgPath: string;
  sourceOrgCodes: readonly string[];
  /** organizations it takes from other old provinces (a split commune's cells): marked and counted with it */
  crossingOrgCodes?: readonly string[];
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
  }): Promise<Result & { former?: FormerOrg[] }>;
  reparent(input: { idempotencyKey: string; effectiveOn: string; moves: { code: string; toParentCode: string; kind?: OrgKind }[] }): Promise<Result & { moves: (PathMove & { code: string })[] }>;
  closeOrgs(input: { idempotencyKey: string; effectiveOn: string; close: { code: string; successorCode: string | null }[] }): Promise<Result>;
  reopenOrgs(input: { idempotencyKey: string; effectiveOn: string; codes: string[] }): Promise<Result>;
  restoreOrgs(input: { idempotencyKey: string; effectiveOn: string; restore: FormerOrg[] }): Promise<Result>;
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

/** The services whose records the verify step counts (`<svc>.restructuring.conservation`). */
export const CONSERVATION_SERVICES = ["inspection", "personnel", "conference"] as const;
export type ConservationService = (typeof CONSERVATION_SERVICES)[number];

/** What `<svc>.restructuring.conservation` answers (contract-inspection 1.5, -personnel 1.5, -conference 1.4). */
export interface ConservationAnswer {
  under: { path: string; records: Record<string, number>; total: number }[];
  left: { total: number; records: Record<string, number>; paths: { path: string; total: number }[] };
  /** personnel only: every cadre's post or surplus status accounted for */
  cadres?: { total: number; holdingOpenPost: number; surplus: number; withoutPost: number; unaccounted: number };
}

/** Identity's read for verify: the realm users per path prefix (identity-moves' `census`, the built-in endpoint or Keycloak). */
export type IdentityCensus = Pick<UnitAttributeMover, "census">;

/** What verify says of a province's officials (contract 1.11 `IdentityConservation`), and who, for the log only. */
export interface IdentityCheck {
  onClosed: number;
  awaitingReassignment: number;
  ok: boolean;
  /** Some of those on closed paths (the census caps them): restructuring's log, never an answer or an error. */
  usernamesOnClosed: string[];
}

/**
 * Counts a province's officials by their `org_paths` entries (identity's census of its new path and its closed
 * paths). On a closed path: a failure (the official sees nothing) — except at or under an abolished committee's
 * path (a district's, closed into the province's committee: identityMovesOf gives it no move), which like a path
 * under the new province naming no open organization (`/08-2025/<district>/`) is awaiting reassignment by the
 * board, a figure. A path names an organization when its last segment is the code of an open one whose path it
 * is (membership's conservation read). Counted per entry: an official with two such entries counts twice.
 */
export async function identityCheckOf(census: IdentityCensus, m: Pick<MembershipSteps, "conservation">, area: OfficialsArea): Promise<IdentityCheck> {
  return identityCheckFrom((await census.census({ paths: censusPaths(area) })).paths, m, area);
}

/** Where a province's officials are counted: its new path, the paths it closed, the abolished committees' among them. */
export interface OfficialsArea {
  provincePath: string;
  closedPaths: readonly string[];
  closedCodes: ReadonlySet<string>;
  abolishedPaths: readonly string[];
}

/** The prefixes a province's census asks for, in the order `identityCheckFrom` reads them. */
export const censusPaths = (area: OfficialsArea) => [area.provincePath, ...area.closedPaths];

/** `identityCheckOf` on census entries already read (runs.verify asks once for every province). */
export async function identityCheckFrom(census: readonly UnitCensusEntry[], m: Pick<MembershipSteps, "conservation">, area: OfficialsArea): Promise<IdentityCheck> {
  // A continuing committee's closed districts lie under its own path: each entry once.
  const entries = new Map(census.flatMap((p) => p.found).map((f) => [f.path, f]));
  const codeOf = (path: string) => path.split("/").at(-2) ?? "";
  const under = (path: string, prefixes: readonly string[]) => prefixes.some((p) => path.startsWith(p));
  const open = [...entries.keys()].filter((p) => !under(p, area.closedPaths));
  const pathOf = await pathsOf(m, [...new Set(open.map(codeOf))]);
  let onClosed = 0;
  let awaitingReassignment = 0;
  const names = new Set<string>();
  for (const [path, { users, usernames }] of entries) {
    if (under(path, area.closedPaths) && !under(path, area.abolishedPaths)) {
      onClosed += users;
      for (const n of usernames) names.add(n);
    } else if (under(path, area.closedPaths) || area.closedCodes.has(codeOf(path)) || pathOf.get(codeOf(path)) !== path) {
      awaitingReassignment += users;
    }
  }
  return { onClosed, awaitingReassignment, ok: onClosed === 0, usernamesOnClosed: [...names].sort() };
}

/** Abolished committees of a province: closed into the province's own committee (the district level; no move of their own). */
export function abolishedCodes(c: Pick<StepContext, "orgCode" | "sourceOrgCodes" | "changes">): string[] {
  return ofKind(c.changes, "close").flatMap((x) => (x.successorCode === c.orgCode && !c.sourceOrgCodes.includes(x.code) ? [x.code] : []));
}

/** Vietnamese first, then English: officials left on closed paths (a count: the names are in the log). */
export function identityProblem(provinceCode: string | null, i: Pick<IdentityCheck, "onClosed">): string | null {
  if (i.onClosed === 0) return null;
  const vi = `${i.onClosed} cán bộ (tài khoản đăng nhập) còn ở tổ chức đã giải thể`;
  const en = `${i.onClosed} officials (sign-in accounts) left under closed organizations`;
  return provinceCode ? `tỉnh ${provinceCode}, identity: ${vi} / province ${provinceCode}, identity: ${en}` : `identity: ${vi} / identity: ${en}`;
}

/** A service's conservation read, as the verify step and runs.verify call it. */
export interface ConservationClient {
  service: ConservationService;
  conservation(input: { paths: string[]; closedPaths: string[] }): Promise<ConservationAnswer>;
}

/** Paths with those under another one dropped (a row is counted once; the query, sent in the URL, stays short). */
export function outermost(paths: readonly string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  return sorted.filter((p, i) => !sorted.slice(0, i).some((q) => p.startsWith(q)));
}

/** Pieces of `items` whose JSON stays under `chars`: the reads are queries, their input travels in the URL (the links cap it at 4,000). */
export function chunks<T>(items: readonly T[], chars = 2500): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let size = 0;
  for (const item of items) {
    const n = JSON.stringify(item).length * 2; // URL-encoding roughly doubles it
    if (cur.length > 0 && size + n > chars) {
      out.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(item);
    size += n;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** The paths of `codes` as membership holds them (closed organizations keep theirs); unknown codes left out. */
export async function pathsOf(m: Pick<MembershipSteps, "conservation">, codes: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks([...new Set(codes)])) {
    const r = await m.conservation({ orgCodes: part });
    for (const s of r.subtrees) if (s.path !== null) out.set(s.code, s.path);
  }
  return out;
}

/**
 * One service's conservation read with `closedPaths` in URL-sized pieces: `under` from the first call, `left`
 * summed over all (the closed paths are outermost, so disjoint: a row is counted once).
 */
export async function conservationOf(client: ConservationClient, paths: string[], closedPaths: readonly string[]): Promise<ConservationAnswer> {
  const parts = chunks(closedPaths);
  const first = await client.conservation({ paths, closedPaths: parts[0] ?? [] });
  const left = { ...first.left, records: { ...first.left.records }, paths: [...first.left.paths] };
  for (const part of parts.slice(1)) {
    const r = await client.conservation({ paths: paths.slice(0, 1), closedPaths: part });
    left.total += r.left.total;
    for (const [t, n] of Object.entries(r.left.records)) left.records[t] = (left.records[t] ?? 0) + n;
    left.paths.push(...r.left.paths);
  }
  return { ...first, left };
}

/** Organizations of the province that no longer exist after its run: its closures and its closing sources. */
export function closedCodes(c: Pick<StepContext, "orgCode" | "sourceOrgCodes" | "changes">): string[] {
  return [...new Set([...ofKind(c.changes, "close").map((x) => x.code), ...c.sourceOrgCodes.filter((s) => s !== c.orgCode)])];
}

/** Per service, its records under the province's own path, its sources' paths and those of the organizations it takes from other provinces (the mark step: before any move). */
async function countBefore(m: MembershipSteps, clients: readonly ConservationClient[], c: StepContext): Promise<Record<string, number>> {
  if (clients.length === 0) return {};
  // The organizations it takes from other provinces too: their records end under its path.
  const byCode = await pathsOf(m, [...c.sourceOrgCodes, ...(c.crossingOrgCodes ?? [])]);
  const paths = outermost([c.orgPath, ...byCode.values()]);
  const before: Record<string, number> = {};
  for (const client of clients) {
    const r = await client.conservation({ paths, closedPaths: [] });
    before[client.service] = r.under.reduce((a, u) => a + u.total, 0);
  }
  return before;
}

/** One service's check of a province: before = after under the new path, nothing under a closed path, every cadre accounted for. */
export interface ServiceCheck {
  service: ConservationService;
  before: number | null;
  after: number;
  left: number;
  /** personnel: cadres holding a post only under a closed path, without a surplus case */
  unaccounted: number | null;
  ok: boolean;
}

export function serviceCheck(service: ConservationService, before: number | null, after: number, left: number, unaccounted: number | null): ServiceCheck {
  return { service, before, after, left, unaccounted, ok: before !== null && before === after && left === 0 && (unaccounted ?? 0) === 0 };
}

/** Vietnamese first, then English: what is wrong with one service's counts. */
export function serviceProblem(provinceCode: string | null, s: ServiceCheck): string | null {
  if (s.ok) return null;
  const vi: string[] = [];
  const en: string[] = [];
  if (s.before === null) {
    vi.push("không có số trước khi chuyển");
    en.push("no count before the move");
  } else if (s.before !== s.after) {
    vi.push(`${s.after} hồ sơ ở đơn vị mới, trước là ${s.before}`);
    en.push(`${s.after} records under the new unit, ${s.before} before`);
  }
  if (s.left > 0) {
    vi.push(`${s.left} hồ sơ còn ở tổ chức đã giải thể`);
    en.push(`${s.left} records left under closed organizations`);
  }
  if ((s.unaccounted ?? 0) > 0) {
    vi.push(`${s.unaccounted} cán bộ giữ chức vụ ở tổ chức đã giải thể mà chưa là dôi dư`);
    en.push(`${s.unaccounted} cadres holding a post of a closed organization and not surplus`);
  }
  const viWhere = provinceCode ? `tỉnh ${provinceCode}, ${s.service}` : s.service;
  const enWhere = provinceCode ? `province ${provinceCode}, ${s.service}` : s.service;
  return `${viWhere}: ${vi.join("; ")} / ${enWhere}: ${en.join("; ")}`;
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
export function membershipSteps(
  m: MembershipSteps,
  clients: readonly ConservationClient[] = [],
  /** Identity's census (when its step is wired): verify counts the officials too. */
  identity?: IdentityCensus,
  /** Where verify writes the usernames of officials left on closed paths (never into the step's error). */
  log: (message: string, fields: Record<string, unknown>) => void = () => undefined,
): { before: SagaStep[]; after: SagaStep[] } {
  // Its sources, its own committee, and what it takes from other provinces (their reads say "đang sắp xếp" too).
  const markCodes = (c: StepContext) => [...new Set([...c.sourceOrgCodes, c.orgCode, ...(c.crossingOrgCodes ?? [])])];
  const mark: SagaStep = {
    name: "membership.mark",
    // The other services' counts before anything moves are taken here (the verify step compares them):
    // mark is the first step, so a resume that runs it again still counts before any rekey.
    async run(c) {
      const r = await m.mark({ idempotencyKey: c.idempotencyKey, effectiveOn: c.effectiveOn, orgCodes: markCodes(c), moving: true });
      return { ...r, before: await countBefore(m, clients, c) };
    },
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
    // (codes are never reused, so they stay, closed). The continuing committees get back the name and unit the
    // step answered they had (an answer stored before contract-membership 2.9 has none: they stay renamed).
    async compensate(c, answer) {
      const closed = await m.closeOrgs({ idempotencyKey: c.idempotencyKey + UNDO, effectiveOn: c.effectiveOn, close: ofKind(c.changes, "create").map((x) => ({ code: x.code, successorCode: null })) });
      const former = answer.former ?? [];
      if (former.length === 0) return closed;
      const restored = await m.restoreOrgs({ idempotencyKey: c.idempotencyKey + UNDO + ":restore", effectiveOn: c.effectiveOn, restore: former });
      return { records: { ...closed.records, ...restored.records }, replayed: closed.replayed && restored.replayed };
    },
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
      // Cases (inspection), cadres and posts (personnel), sites (conference): before = after under the new
      // province's path, nothing left under a closed organization's path, every cadre accounted for.
      const before = c.resultOf("membership.mark")?.before ?? {};
      // Only when a service or identity is wired: the paths of every closed organization cost a read per URL-sized piece.
      const closedPathOf = clients.length > 0 || identity ? await pathsOf(m, closedCodes(c)) : new Map<string, string>();
      const closedPaths = outermost([...closedPathOf.values()]);
      const records: Record<string, number> = { membersBefore: c.membersBefore, membersAfter: after };
      const problems: string[] = [];
      for (const client of clients) {
        const s = await conservationOf(client, [c.orgPath], closedPaths);
        const check = serviceCheck(client.service, before[client.service] ?? null, s.under[0]?.total ?? 0, s.left.total, s.cadres ? s.cadres.unaccounted : null);
        Object.assign(records, { [`${client.service}.before`]: check.before ?? -1, [`${client.service}.after`]: check.after, [`${client.service}.left`]: check.left });
        if (check.unaccounted !== null) records[`${client.service}.unaccounted`] = check.unaccounted;
        const problem = serviceProblem(c.provinceCode, check);
        if (problem) problems.push(problem);
      }
      // Officials (identity's census; its step ran before this one): none left on a closed path; those on a path
      // naming no organization (an abolished district's board) recorded as awaiting reassignment.
      if (identity) {
        const abolishedPaths = abolishedCodes(c).flatMap((code) => (closedPathOf.has(code) ? [closedPathOf.get(code)!] : []));
        const i = await identityCheckOf(identity, m, { provincePath: c.orgPath, closedPaths, closedCodes: new Set(closedCodes(c)), abolishedPaths });
        Object.assign(records, { "identity.onClosed": i.onClosed, "identity.awaitingReassignment": i.awaitingReassignment });
        if (!i.ok) log("cán bộ còn ở tổ chức đã giải thể / officials left under closed organizations", { provinceCode: c.provinceCode, onClosed: i.onClosed, usernames: i.usernamesOnClosed });
        const problem = identityProblem(c.provinceCode, i);
        if (problem) problems.push(problem);
      }
      if (problems.length > 0) throw new Error(`bảo toàn không đạt / conservation failed: ${problems.join(" | ")}`);
      const notChecked: string[] = [...CONSERVATION_SERVICES.filter((s) => !clients.some((x) => x.service === s)), ...(identity ? [] : ["identity"])];
      return { records, replayed: false, membersAfter: after, notChecked };
    },
  };
  const unmark: SagaStep = { name: "membership.unmark", run: (c) => m.mark({ idempotencyKey: c.idempotencyKey, effectiveOn: c.effectiveOn, orgCodes: markCodes(c), moving: false }) };
  return { before: [mark, createOrgs, reparent, closeOrgs], after: [verify, unmark] };
}

/** The whole ordered list: membership's moves, the other services' rekeys, the check, the unmark. */
export function sagaSteps(m: MembershipSteps, rekeys: readonly SagaStep[] = [], conservation: readonly ConservationClient[] = [], identity?: IdentityCensus, log?: (message: string, fields: Record<string, unknown>) => void): SagaStep[] {
  const { before, after } = membershipSteps(m, conservation, identity, log);
  return [...before, ...rekeys, ...after];
}
