// A restructuring plan (đề án sắp xếp đơn vị hành chính): the unit changes and the date they take effect.
// Pure data + pure checks; the official 2025 plan is built from packages/admin-units' mapping.
import { getUnit, getUnits, mapNewToOld, type Coverage, type Edition } from "@orgboard/admin-units";

export type UnitLevel = "province" | "district" | "commune";

export interface NewUnit {
  code: string;
  /** official full name with its type word, e.g. "Tỉnh Tuyên Quang" */
  name: string;
  level: "province" | "commune";
  /** the new province of a new commune; null for a province */
  parentCode: string | null;
}

export interface UnitSource {
  /** code of the old unit (2-digit province, 3-digit island district, 5-digit commune) */
  code: string;
  /** full: the whole old unit; partial: a part of a split old unit */
  coverage: Coverage;
}

/**
 * merge: several old units (whole or parts) form one new unit; rename: exactly one whole old unit becomes
 * one new unit (same or new code/name: "keep" is a rename to itself); split: one old unit is divided (its
 * targets must each list it as a partial source); abolish_level: the district level is abolished (its
 * committees dissolved, their grassroots organizations moved up).
 */
export type UnitChange =
  | { kind: "merge"; level: "province" | "commune"; sources: UnitSource[]; target: NewUnit }
  | { kind: "rename"; level: "province" | "commune"; source: string; target: NewUnit }
  | { kind: "split"; level: "commune"; source: string; targets: string[] }
  | { kind: "abolish_level"; level: "district" };

export interface Plan {
  title: string;
  /** yyyy-mm-dd: the day the new units exist (the old ones end the day before) */
  effectiveOn: string;
  fromEdition: Edition;
  toEdition: Edition;
  changes: UnitChange[];
  /**
   * Where the organizations of a split unit go: organization code → new unit code (one of the split's
   * targets). An organization of a split unit that is not assigned here (nor by its own admin unit code) is
   * a conflict of the preview.
   */
  assignments: Record<string, string>;
  /**
   * Organization code → its name after the run (plans.update): how the officer resolves the preview's
   * `duplicate_name` conflicts. The derivation turns each into an `update` change (see derive.ts).
   */
  renames?: Record<string, string>;
}

export interface PlanIssue {
  /** JSON-ish path of the offending field, e.g. "changes[3].sources[1].code" */
  field: string;
  vi: string;
  en: string;
}

/** The plan as lookups: where each old unit goes (derivation reads only this). */
export interface CompiledPlan {
  plan: Plan;
  /** old province code → new province code */
  province: ReadonlyMap<string, string>;
  /** old commune (or island district) code → its targets */
  commune: ReadonlyMap<string, readonly UnitSource[]>;
  /** new units by code (provinces and communes) */
  newUnits: ReadonlyMap<string, NewUnit>;
  /** sources of each new unit */
  sourcesOf: ReadonlyMap<string, readonly UnitSource[]>;
  districtLevelAbolished: boolean;
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function targetsOf(change: UnitChange): { target: NewUnit; sources: UnitSource[] } | undefined {
  if (change.kind === "merge") return { target: change.target, sources: change.sources };
  if (change.kind === "rename") return { target: change.target, sources: [{ code: change.source, coverage: "full" }] };
  return undefined;
}

/** Structural checks of a plan against the old edition; empty = valid. Messages Vietnamese first. */
export function validatePlan(plan: Plan): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const issue = (field: string, vi: string, en: string) => issues.push({ field, vi, en });
  if (!ISO_DATE.test(plan.effectiveOn) || Number.isNaN(Date.parse(plan.effectiveOn))) {
    issue("effectiveOn", "ngày hiệu lực phải có dạng yyyy-mm-dd", "effectiveOn must be a yyyy-mm-dd date");
  }
  const fullUse = new Map<string, string>();
  const partialTargets = new Map<string, string[]>();
  const newCodes = new Set<string>();
  const splits = new Map<string, { index: number; targets: string[] }>();
  plan.changes.forEach((change, i) => {
    if (change.kind === "split") {
      if (splits.has(change.source)) issue(`changes[${i}].source`, `đơn vị ${change.source} được chia hai lần`, `unit ${change.source} is split twice`);
      splits.set(change.source, { index: i, targets: change.targets });
      if (change.targets.length < 2) issue(`changes[${i}].targets`, "chia đơn vị cần ít nhất hai đơn vị mới", "a split needs at least two new units");
      return;
    }
    const t = targetsOf(change);
    if (!t) return;
    if (newCodes.has(t.target.code)) issue(`changes[${i}].target.code`, `đơn vị mới ${t.target.code} xuất hiện hai lần`, `new unit ${t.target.code} appears twice`);
    newCodes.add(t.target.code);
    if (t.sources.length === 0) issue(`changes[${i}].sources`, "đơn vị mới cần ít nhất một đơn vị cũ", "a new unit needs at least one old unit");
    t.sources.forEach((s, j) => {
      const field = change.kind === "merge" ? `changes[${i}].sources[${j}].code` : `changes[${i}].source`;
      const old = getUnit(plan.fromEdition, s.code);
      if (!old) {
        issue(field, `"${s.code}" không phải đơn vị hành chính của bộ ${plan.fromEdition}`, `"${s.code}" is not a unit of the ${plan.fromEdition} edition`);
        return;
      }
      if (change.level === "province" && old.kind !== "province") {
        issue(field, `${old.name} không phải cấp tỉnh`, `${old.name} is not a province`);
      }
      if (change.level === "commune" && old.kind === "province") {
        issue(field, `${old.name} không phải cấp xã`, `${old.name} is not a commune-level unit`);
      }
      if (s.coverage === "full") {
        const prev = fullUse.get(s.code);
        if (prev !== undefined) issue(field, `${old.name} đã nhập trọn vào ${prev}`, `${old.name} already goes wholly into ${prev}`);
        fullUse.set(s.code, t.target.code);
      } else {
        const list = partialTargets.get(s.code) ?? [];
        list.push(t.target.code);
        partialTargets.set(s.code, list);
      }
    });
  });
  for (const [code, targets] of partialTargets) {
    if (fullUse.has(code)) issue(`changes`, `đơn vị ${code} vừa nhập trọn vừa bị chia`, `unit ${code} is both merged whole and split`);
    const split = splits.get(code);
    if (!split) {
      issue(`changes`, `đơn vị ${code} được chia nhưng thiếu thay đổi "chia"`, `unit ${code} is split but has no "split" change`);
    } else if ([...split.targets].sort().join() !== [...targets].sort().join()) {
      issue(`changes[${split.index}].targets`, `các đơn vị nhận phần của ${code} không khớp`, `the targets of the split of ${code} do not match the new units listing it`);
    }
  }
  for (const [code, split] of splits) {
    if (!partialTargets.has(code)) issue(`changes[${split.index}].source`, `không đơn vị mới nào nhận phần của ${code}`, `no new unit receives a part of ${code}`);
  }
  // A new commune hangs under a new province of the plan (an edit may move it to another one).
  const newProvinces = new Set(plan.changes.flatMap((ch) => (ch.level === "province" && (ch.kind === "merge" || ch.kind === "rename") ? [ch.target.code] : [])));
  plan.changes.forEach((change, i) => {
    const t = targetsOf(change);
    if (!t || change.level !== "commune" || t.target.parentCode === null || newProvinces.has(t.target.parentCode)) return;
    issue(`changes[${i}].target.parentCode`, `"${t.target.parentCode}" không phải tỉnh mới của đề án`, `"${t.target.parentCode}" is not a new province of the plan`);
  });
  for (const [orgCode, unitCode] of Object.entries(plan.assignments)) {
    if (!newCodes.has(unitCode)) issue(`assignments.${orgCode}`, `"${unitCode}" không phải đơn vị mới của đề án`, `"${unitCode}" is not a new unit of the plan`);
  }
  for (const [orgCode, name] of Object.entries(plan.renames ?? {})) {
    if (name.trim() === "") issue(`renames.${orgCode}`, "tên mới không được để trống", "the new name must not be empty");
  }
  return issues;
}

export function compilePlan(plan: Plan): CompiledPlan {
  const province = new Map<string, string>();
  const commune = new Map<string, UnitSource[]>();
  const newUnits = new Map<string, NewUnit>();
  const sourcesOf = new Map<string, UnitSource[]>();
  let districtLevelAbolished = false;
  for (const change of plan.changes) {
    if (change.kind === "abolish_level") districtLevelAbolished = true;
    const t = targetsOf(change);
    if (!t) continue;
    newUnits.set(t.target.code, t.target);
    sourcesOf.set(t.target.code, t.sources);
    for (const s of t.sources) {
      if (change.level === "province") province.set(s.code, t.target.code);
      else {
        const list = commune.get(s.code) ?? [];
        list.push({ code: t.target.code, coverage: s.coverage });
        commune.set(s.code, list);
      }
    }
  }
  return { plan, province, commune, newUnits, sourcesOf, districtLevelAbolished };
}

/**
 * The official 2025 restructuring (Resolution 202/2025/QH15 for provinces; NQ 1654…1687/NQ-UBTVQH15 for
 * communes; district level abolished by the 2025 Law on Local Government Organisation), effective
 * 2025-07-01, from packages/admin-units' mapping: one change per new unit, one split per divided commune.
 */
export function officialPlan2025(): Plan {
  const changes: UnitChange[] = [{ kind: "abolish_level", level: "district" }];
  const splitTargets = new Map<string, string[]>();
  for (const unit of getUnits("2025")) {
    const mapping = mapNewToOld(unit.code)!;
    const level = unit.kind === "province" ? "province" : "commune";
    const target: NewUnit = { code: unit.code, name: unit.name, level, parentCode: unit.parentCode };
    const sources = mapping.sources.map((s) => ({ code: s.unit.code, coverage: s.coverage }));
    for (const s of sources) {
      if (s.coverage === "partial") splitTargets.set(s.code, [...(splitTargets.get(s.code) ?? []), unit.code]);
    }
    const only = sources[0];
    if (sources.length === 1 && only && only.coverage === "full") changes.push({ kind: "rename", level, source: only.code, target });
    else changes.push({ kind: "merge", level, sources, target });
  }
  for (const [source, targets] of splitTargets) changes.push({ kind: "split", level: "commune", source, targets });
  return {
    title: "Sắp xếp đơn vị hành chính 2025 (63 → 34 tỉnh, 10.035 → 3.321 xã, bỏ cấp huyện)",
    effectiveOn: "2025-07-01",
    fromEdition: "2024",
    toEdition: "2025",
    changes,
    assignments: {},
  };
}

/** The new province a new unit belongs to (itself for a province). */
export function provinceOfNewUnit(plan: CompiledPlan, unitCode: string): string | undefined {
  const u = plan.newUnits.get(unitCode);
  return u === undefined ? undefined : u.level === "province" ? u.code : (u.parentCode ?? undefined);
}

/**
 * One new province's part of a plan (a provincial board's view): its own unit changes, the splits that give
 * it a part, the abolition of the district level; assignments to its units only. Other provinces' changes
 * are absent, not merely hidden, so nothing derived from the part can count them.
 */
export function planPart(plan: Plan, provinceCode: string): Plan {
  const compiled = compilePlan(plan);
  const mine = (unitCode: string) => provinceOfNewUnit(compiled, unitCode) === provinceCode;
  const changes = plan.changes.filter((c) => {
    if (c.kind === "abolish_level") return true;
    if (c.kind === "split") return c.targets.some(mine);
    return mine(c.target.code);
  });
  return { ...plan, changes, assignments: Object.fromEntries(Object.entries(plan.assignments).filter(([, unit]) => mine(unit))) };
}
