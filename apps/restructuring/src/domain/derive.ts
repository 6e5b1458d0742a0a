// Deriving the party-organization changes a plan implies (guidance 26-HD/BTCTW and the 2025 practice, see
// docs/restructuring.md), previewing them per new unit, and checking conservation. Pure: the organization
// tree comes in as data (as membership holds it), the result is data.
import { getUnit } from "@orgboard/admin-units";
import type { OrgKind } from "@orgboard/contract-membership";
import type { CompiledPlan, NewUnit, UnitSource } from "./plan.js";

/** One organization as membership holds it (party_organization), with its direct active member count. */
export interface OrgNode {
  code: string;
  parentCode: string | null;
  kind: OrgKind;
  name: string;
  /** admin unit the organization is attached to, in the plan's old edition (null: agencies, cells…) */
  adminUnitCode: string | null;
  /** closed organizations are listed too: their codes are taken for ever */
  closed: boolean;
  /** active members whose current organization is this one */
  members: number;
}

export type OrgChange =
  | { kind: "create"; code: string; orgKind: OrgKind; name: string; parentCode: string | null; unitCode: string }
  | { kind: "close"; code: string; successorCode: string | null }
  | { kind: "update"; code: string; name: string; unitCode: string }
  | { kind: "reparent"; code: string; fromParentCode: string | null; toParentCode: string; orgKind?: OrgKind; fromOrgKind?: OrgKind };

export type Conflict =
  | { kind: "duplicate_name"; parentCode: string; name: string; codes: string[] }
  | { kind: "empty_cell"; code: string }
  | { kind: "no_successor"; code: string; members: number; oldUnitCode: string; candidates: string[] }
  | { kind: "unknown_unit"; code: string; adminUnitCode: string };

/** Committee posts by organization kind (secretary, deputies): a created committee's establishment, and every committee's when personnel is not wired. */
export type PostsTable = Partial<Record<OrgKind, { secretary: number; deputySecretary: number }>>;

export const DEFAULT_POSTS: PostsTable = {
  provincial_committee: { secretary: 1, deputySecretary: 3 },
  upper_grassroots_committee: { secretary: 1, deputySecretary: 2 },
  grassroots_committee: { secretary: 1, deputySecretary: 2 },
  grassroots_cell: { secretary: 1, deputySecretary: 1 },
};

export interface Derivation {
  changes: OrgChange[];
  conflicts: Conflict[];
  /** the organization of each new unit (existing kept one or created) */
  orgOfNewUnit: ReadonlyMap<string, string>;
  /** the tree after the changes (what execution must reach) */
  after: OrgNode[];
}

const COMMITTEE_NAME = (unit: NewUnit) => `Đảng bộ ${unit.name}`;
const CELL_KINDS: ReadonlySet<OrgKind> = new Set(["grassroots_cell", "subordinate_cell"]);

interface Anchor {
  org: OrgNode;
  level: "province" | "district" | "commune";
}

/**
 * The organization changes of a plan on a tree. Rules (docs/restructuring.md):
 * - a new unit formed from exactly one whole old unit with the same code keeps its committee (renamed,
 *   attached to the new unit); any other new unit gets a new committee, and the committees of its sources close;
 * - district-level committees close (the level is abolished); island districts that became a special zone
 *   are commune-level sources like communes;
 * - the open children of a closing organization move to its successor (its new province's committee for a
 *   district or province committee, the new commune's committee for a whole commune); the children of a
 *   split commune go where `plan.assignments` (or their own admin unit code) says, else they are a conflict;
 * - a commune that had only a grassroots cell becomes a subordinate cell of the new commune committee.
 */
export function deriveOrgChanges(plan: CompiledPlan, tree: readonly OrgNode[]): Derivation {
  const edition = plan.plan.fromEdition;
  const year = plan.plan.effectiveOn.slice(0, 4);
  const byCode = new Map(tree.map((o) => [o.code, o]));
  const children = new Map<string, OrgNode[]>();
  for (const o of tree) if (o.parentCode !== null && !o.closed) children.set(o.parentCode, [...(children.get(o.parentCode) ?? []), o]);
  const conflicts: Conflict[] = [];

  // Which open organization stands for which old unit.
  const anchorOf = new Map<string, Anchor>();
  for (const o of tree) {
    if (o.closed || o.adminUnitCode === null) continue;
    if (o.kind === "subordinate_cell" || o.kind === "partial_committee") continue;
    const unit = getUnit(edition, o.adminUnitCode);
    if (!unit) {
      conflicts.push({ kind: "unknown_unit", code: o.code, adminUnitCode: o.adminUnitCode });
      continue;
    }
    const level = unit.kind;
    const fits =
      (level === "province" && o.kind === "provincial_committee") ||
      (level === "district" && o.kind === "upper_grassroots_committee") ||
      (level === "commune" && (o.kind === "grassroots_committee" || o.kind === "grassroots_cell")) ||
      // an island district with no commune: its committee was the grassroots committee of the island
      (level === "district" && o.kind === "grassroots_committee");
    if (fits && !anchorOf.has(unit.code)) anchorOf.set(unit.code, { org: o, level });
  }

  const changes: OrgChange[] = [];
  const taken = new Set(tree.map((o) => o.code));
  const orgOfNewUnit = new Map<string, string>();
  const closing = new Map<string, string | null>(); // org code → successor org code (null: per child)
  const newParent = new Map<string, { to: string; orgKind?: OrgKind }>();
  const kept = new Set<string>();

  const newCode = (unitCode: string) => {
    let code = taken.has(unitCode) ? `${unitCode}-${year}` : unitCode;
    for (let i = 2; taken.has(code); i++) code = `${unitCode}-${year}-${i}`;
    taken.add(code);
    return code;
  };

  // Provinces first (communes hang under them), then communes; order of the plan otherwise.
  const newUnits = [...plan.newUnits.values()].sort((a, b) => (a.level === b.level ? 0 : a.level === "province" ? -1 : 1));
  for (const unit of newUnits) {
    const sources = plan.sourcesOf.get(unit.code) ?? [];
    const anchored = sources.map((s) => ({ source: s, anchor: anchorOf.get(s.code) }));
    const present = anchored.filter((a) => a.anchor !== undefined);
    const parentOrg = unit.parentCode === null ? null : (orgOfNewUnit.get(unit.parentCode) ?? null);
    // No organization of any source in the tree (a tree of some provinces only): nothing to do here.
    if (present.length === 0) continue;
    const single = sources.length === 1 ? present[0] : undefined;
    // The same unit continues (same code, whole): its committee stays, renamed and re-attached.
    if (single && single.source.coverage === "full" && single.source.code === unit.code) {
      const org = single.anchor!.org;
      kept.add(org.code);
      orgOfNewUnit.set(unit.code, org.code);
      changes.push({ kind: "update", code: org.code, name: COMMITTEE_NAME(unit), unitCode: unit.code });
      if (parentOrg !== null && parentOrg !== org.parentCode) newParent.set(org.code, { to: parentOrg });
      continue;
    }
    const code = newCode(unit.code);
    orgOfNewUnit.set(unit.code, code);
    changes.push({
      kind: "create",
      code,
      orgKind: unit.level === "province" ? "provincial_committee" : "grassroots_committee",
      name: COMMITTEE_NAME(unit),
      parentCode: parentOrg,
      unitCode: unit.code,
    });
    for (const { source, anchor } of present) {
      const org = anchor!.org;
      if (unit.level === "commune" && org.kind === "grassroots_cell") {
        // A commune with a single cell: the cell itself moves under the new committee (a split one where
        // the plan assigns it; unassigned, it closes below and its members are a conflict).
        const dest = source.coverage === "full" ? unit.code : plan.plan.assignments[org.code];
        if (dest === unit.code) {
          newParent.set(org.code, { to: code, orgKind: "subordinate_cell" });
          kept.add(org.code);
          continue;
        }
        if (dest !== undefined) continue;
      }
      if (closing.has(org.code)) continue; // a split source, seen from another target
      closing.set(org.code, source.coverage === "full" ? code : null);
    }
  }

  // District committees close; their successor is their new province's committee.
  if (plan.districtLevelAbolished) {
    for (const { org, level } of anchorOf.values()) {
      if (level !== "district" || closing.has(org.code) || kept.has(org.code)) continue;
      const oldProvince = getUnit(edition, org.adminUnitCode!)!.parentCode!;
      const newProvince = plan.province.get(oldProvince);
      closing.set(org.code, newProvince === undefined ? null : (orgOfNewUnit.get(newProvince) ?? null));
    }
  }

  // Open children of closing organizations move to the successor, or where the split assignment says.
  const place = (child: OrgNode, closingOrg: OrgNode, successor: string | null): string | null => {
    if (successor !== null) return successor;
    const targets = plan.commune.get(closingOrg.adminUnitCode ?? "") ?? [];
    const assigned = plan.plan.assignments[child.code] ?? (targets.some((t) => t.code === child.adminUnitCode) ? child.adminUnitCode! : undefined);
    return assigned === undefined ? null : (orgOfNewUnit.get(assigned) ?? null);
  };
  const subtreeMembers = (code: string): number =>
    (byCode.get(code)?.members ?? 0) + (children.get(code) ?? []).reduce((n, c) => n + subtreeMembers(c.code), 0);
  // Resolve transitively: a child of a closing district committee that itself closes is handled as its own.
  for (const [code, successor] of closing) {
    const org = byCode.get(code)!;
    changes.push({ kind: "close", code, successorCode: successor });
    if (org.members > 0) {
      const candidates = (plan.commune.get(org.adminUnitCode ?? "") ?? []).map((t: UnitSource) => t.code);
      conflicts.push({ kind: "no_successor", code, members: org.members, oldUnitCode: org.adminUnitCode ?? "", candidates });
    }
    for (const child of children.get(code) ?? []) {
      if (closing.has(child.code) || newParent.has(child.code)) continue;
      if (kept.has(child.code)) continue;
      const to = place(child, org, successor);
      if (to === null) {
        conflicts.push({
          kind: "no_successor",
          code: child.code,
          members: subtreeMembers(child.code),
          oldUnitCode: org.adminUnitCode ?? "",
          candidates: (plan.commune.get(org.adminUnitCode ?? "") ?? []).map((t: UnitSource) => t.code),
        });
        continue;
      }
      newParent.set(child.code, { to });
    }
  }
  // Renames of the plan (plans.update): a created committee's name, or an `update` of the organization, attached to the unit it stands for
  // after the run. Membership's update sets a unit code, so an organization without one (a cell) takes the
  // new unit whose committee it ends under (its commune): one step renames it, no new kind of change.
  const renames = Object.entries(plan.plan.renames ?? {});
  if (renames.length > 0) {
    const unitOfOrg = new Map([...orgOfNewUnit].map(([unit, org]) => [org, unit]));
    const parentAfter = (code: string) => newParent.get(code)?.to ?? byCode.get(code)?.parentCode ?? null;
    const updated = new Map(changes.flatMap((c, i) => (c.kind === "update" ? [[c.code, i] as const] : [])));
    const created = new Map(changes.flatMap((c, i) => (c.kind === "create" ? [[c.code, i] as const] : [])));
    for (const [code, name] of renames) {
      // A committee the run creates (its code shown by the preview) is created with the new name.
      const creating = created.get(code);
      if (creating !== undefined) {
        changes[creating] = { ...(changes[creating] as Extract<OrgChange, { kind: "create" }>), name };
        continue;
      }
      const org = byCode.get(code);
      if (!org || org.closed || closing.has(code)) continue;
      const at = updated.get(code);
      if (at !== undefined) {
        changes[at] = { ...(changes[at] as Extract<OrgChange, { kind: "update" }>), name };
        continue;
      }
      let unitCode: string | undefined;
      for (let cur: string | null = code, guard = 0; cur !== null && unitCode === undefined && guard < 64; cur = parentAfter(cur), guard++) unitCode = unitOfOrg.get(cur);
      if (unitCode !== undefined) changes.push({ kind: "update", code, name, unitCode });
    }
  }
  for (const [code, { to, orgKind }] of newParent) {
    const org = byCode.get(code)!;
    // The former kind too, when it changes: a rollback restores it.
    changes.push({ kind: "reparent", code, fromParentCode: org.parentCode, toParentCode: to, ...(orgKind ? { orgKind, fromOrgKind: org.kind } : {}) });
  }

  const after = applyOrgChanges(tree, changes);
  conflicts.push(...treeConflicts(after));
  return { changes, conflicts, orgOfNewUnit, after };
}

/** The tree after the changes (pure; what the saga must reach). Members stay with their organization. */
export function applyOrgChanges(tree: readonly OrgNode[], changes: readonly OrgChange[]): OrgNode[] {
  const byCode = new Map(tree.map((o) => [o.code, { ...o }]));
  for (const c of changes) {
    if (c.kind === "create") {
      byCode.set(c.code, { code: c.code, parentCode: c.parentCode, kind: c.orgKind, name: c.name, adminUnitCode: c.unitCode, closed: false, members: 0 });
      continue;
    }
    const org = byCode.get(c.code);
    if (!org) throw new Error(`change on unknown organization ${c.code}`);
    if (c.kind === "close") org.closed = true;
    else if (c.kind === "update") Object.assign(org, { name: c.name, adminUnitCode: c.unitCode });
    else Object.assign(org, { parentCode: c.toParentCode, ...(c.orgKind ? { kind: c.orgKind } : {}) });
  }
  return [...byCode.values()];
}

/** Conflicts visible on a tree: duplicate names under one parent, open cells without members. */
export function treeConflicts(tree: readonly OrgNode[]): Conflict[] {
  const out: Conflict[] = [];
  const nameOf = new Map(tree.map((o) => [o.code, o.name]));
  const names = new Map<string, string[]>();
  for (const o of tree) {
    if (o.closed) continue;
    if (CELL_KINDS.has(o.kind) && o.members === 0) out.push({ kind: "empty_cell", code: o.code });
    if (o.parentCode === null) continue;
    // Case and spacing only: tones tell names apart (Lộc Thạnh ≠ Lộc Thành).
    const key = `${o.parentCode}\u0000${o.name.normalize("NFC").toLocaleLowerCase("vi").replace(/\s+/g, " ").trim()}`;
    names.set(key, [...(names.get(key) ?? []), o.code]);
  }
  for (const [key, codes] of names) {
    if (codes.length < 2) continue;
    out.push({ kind: "duplicate_name", parentCode: key.split("\u0000")[0]!, name: nameOf.get(codes[0]!)!, codes });
  }
  return out;
}

export interface SurplusPosts {
  secretary: number;
  deputySecretary: number;
}

/**
 * Posts of closed committees minus posts of created ones, per new province (surplus for personnel). `held`:
 * the posts personnel really holds per organization code; when given, a closing committee counts those (none
 * if absent), and only a created committee (no post exists for it yet) counts the table's establishment.
 */
export function surplusPosts(plan: CompiledPlan, tree: readonly OrgNode[], derivation: Derivation, posts: PostsTable = DEFAULT_POSTS, held?: ReadonlyMap<string, SurplusPosts>): Map<string, SurplusPosts> {
  const byCode = new Map(tree.map((o) => [o.code, o]));
  const provinceOfOrg = provinceIndex(plan, derivation.after);
  const out = new Map<string, SurplusPosts>();
  const add = (province: string | undefined, kind: OrgKind, sign: 1 | -1, code?: string) => {
    const p = held !== undefined && code !== undefined ? (held.get(code) ?? { secretary: 0, deputySecretary: 0 }) : posts[kind];
    if (!p || province === undefined) return;
    const s = out.get(province) ?? { secretary: 0, deputySecretary: 0 };
    s.secretary += sign * p.secretary;
    s.deputySecretary += sign * p.deputySecretary;
    out.set(province, s);
  };
  for (const c of derivation.changes) {
    if (c.kind === "create") add(provinceOfOrg.get(c.code), c.orgKind, -1);
    else if (c.kind === "close") add(provinceOfOrg.get(c.code), byCode.get(c.code)!.kind, 1, c.code);
    else if (c.kind === "reparent" && c.orgKind) add(provinceOfOrg.get(c.code), byCode.get(c.code)!.kind, 1, c.code);
  }
  return out;
}

/** New province code of each organization of a tree after the changes (closed ones by their successor). */
function provinceIndex(plan: CompiledPlan, after: readonly OrgNode[]): Map<string, string> {
  const byCode = new Map(after.map((o) => [o.code, o]));
  const out = new Map<string, string>();
  const edition = plan.plan.fromEdition;
  for (const o of after) {
    // Walk up to an organization attached to a province (old or new edition) and map it.
    let cur: OrgNode | undefined = o;
    let found: string | undefined;
    for (let guard = 0; cur && guard < 64 && found === undefined; guard++) {
      if (cur.adminUnitCode !== null) {
        const newUnit = plan.newUnits.get(cur.adminUnitCode);
        if (newUnit && cur.kind === (newUnit.level === "province" ? "provincial_committee" : cur.kind)) {
          found = newUnit.level === "province" ? newUnit.code : (newUnit.parentCode ?? undefined);
        } else {
          const old = getUnit(edition, cur.adminUnitCode);
          if (old) {
            const oldProvince = old.kind === "province" ? old.code : old.kind === "district" ? old.parentCode! : getUnit(edition, old.parentCode!)!.parentCode!;
            found = plan.province.get(oldProvince);
          }
        }
      }
      cur = cur.parentCode === null ? undefined : byCode.get(cur.parentCode);
    }
    if (found !== undefined) out.set(o.code, found);
  }
  return out;
}

export interface UnitPreview {
  unitCode: string;
  name: string;
  level: "province" | "commune";
  /** the unit's committee (kept or created) */
  orgCode: string;
  /** open organizations in the new unit's committee subtree after the changes */
  organizations: number;
  /** members in that subtree after the changes */
  members: number;
  /** members of the sources before (whole sources, plus the assigned organizations of split ones) */
  membersBefore: number;
  /** 1 when the unit's committee is new, 0 when an existing one continues */
  created: number;
  /** old committees closed into this unit's committee */
  closed: number;
  conflicts: Conflict[];
}

/** Dry run per new unit that the tree reaches: organizations, members before/after, the conflicts inside it. */
export function previewByUnit(plan: CompiledPlan, tree: readonly OrgNode[], derivation: Derivation): UnitPreview[] {
  const openKids = (nodes: readonly OrgNode[]) => {
    const kids = new Map<string, OrgNode[]>();
    for (const o of nodes) if (o.parentCode !== null && !o.closed) kids.set(o.parentCode, [...(kids.get(o.parentCode) ?? []), o]);
    return kids;
  };
  const sums = (nodes: readonly OrgNode[]) => {
    const byCode = new Map(nodes.map((o) => [o.code, o]));
    const kids = openKids(nodes);
    const memo = new Map<string, { orgs: number; members: number }>();
    const sum = (code: string): { orgs: number; members: number } => {
      const hit = memo.get(code);
      if (hit) return hit;
      const acc = { orgs: 1, members: byCode.get(code)?.members ?? 0 };
      for (const c of kids.get(code) ?? []) {
        const s = sum(c.code);
        acc.orgs += s.orgs;
        acc.members += s.members;
      }
      memo.set(code, acc);
      return acc;
    };
    return { sum, kids };
  };
  const after = sums(derivation.after);
  const before = sums(tree);
  const anchorByUnit = new Map<string, OrgNode>();
  for (const o of tree) {
    if (!o.closed && o.adminUnitCode !== null && o.kind !== "subordinate_cell" && o.kind !== "partial_committee" && !anchorByUnit.has(o.adminUnitCode)) anchorByUnit.set(o.adminUnitCode, o);
  }
  const reparentedTo = new Map<string, string>();
  const closedInto = new Map<string, number>();
  for (const c of derivation.changes) {
    if (c.kind === "reparent") reparentedTo.set(c.code, c.toParentCode);
    if (c.kind === "close" && c.successorCode !== null) closedInto.set(c.successorCode, (closedInto.get(c.successorCode) ?? 0) + 1);
  }
  const createdCodes = new Set(derivation.changes.filter((c) => c.kind === "create").map((c) => c.code));
  // Conflicts by the organization they sit under / on, to file them under new units.
  const conflictsAt = new Map<string, Conflict[]>();
  const file = (code: string, c: Conflict) => conflictsAt.set(code, [...(conflictsAt.get(code) ?? []), c]);
  const parentAfter = new Map(derivation.after.map((o) => [o.code, o.parentCode ?? ""]));
  for (const c of derivation.conflicts) {
    if (c.kind === "duplicate_name") file(c.parentCode, c);
    else if (c.kind === "empty_cell") file(parentAfter.get(c.code) ?? "", c);
    else if (c.kind === "no_successor") for (const u of c.candidates) file(`unit:${u}`, c);
  }

  const units = [...plan.newUnits.values()].filter((u) => derivation.orgOfNewUnit.has(u.code));
  return units.map((unit) => {
    const orgCode = derivation.orgOfNewUnit.get(unit.code)!;
    const s = after.sum(orgCode);
    let membersBefore = 0;
    for (const src of plan.sourcesOf.get(unit.code) ?? []) {
      const anchor = anchorByUnit.get(src.code);
      if (!anchor) continue;
      if (src.coverage === "full") membersBefore += before.sum(anchor.code).members;
      else if (reparentedTo.get(anchor.code) === orgCode) membersBefore += before.sum(anchor.code).members;
      else for (const c of before.kids.get(anchor.code) ?? []) if (reparentedTo.get(c.code) === orgCode) membersBefore += before.sum(c.code).members;
    }
    // Conflicts of the unit's own committee and its direct children (a province lists its own level only).
    const local = [orgCode, ...(after.kids.get(orgCode) ?? []).map((o) => o.code)];
    const conflicts = [...local.flatMap((code) => conflictsAt.get(code) ?? []), ...(conflictsAt.get(`unit:${unit.code}`) ?? [])];
    return {
      unitCode: unit.code,
      name: unit.name,
      level: unit.level,
      orgCode,
      organizations: s.orgs,
      members: s.members,
      membersBefore,
      created: createdCodes.has(orgCode) ? 1 : 0,
      closed: closedInto.get(orgCode) ?? 0,
      conflicts,
    };
  });
}

export interface ConservationReport {
  ok: boolean;
  membersBefore: number;
  membersInOpenCells: number;
  /** members sitting on a closed organization or on a non-cell one */
  misplacedMembers: number;
  /** open district-level committees left */
  districtCommitteesLeft: number;
  /** new units whose members after differ from the sum of their parts */
  unitMismatches: { unitCode: string; before: number; after: number }[];
}

/** Conservation after the changes: nobody lost or counted twice, no district committee left (if abolished). */
export function checkConservation(plan: CompiledPlan, before: readonly OrgNode[], after: readonly OrgNode[], previews: readonly UnitPreview[]): ConservationReport {
  const membersBefore = before.reduce((n, o) => n + o.members, 0);
  let membersInOpenCells = 0;
  let misplacedMembers = 0;
  for (const o of after) {
    if (!o.closed && CELL_KINDS.has(o.kind)) membersInOpenCells += o.members;
    else misplacedMembers += o.members;
  }
  const districtCommitteesLeft = after.filter(
    (o) => !o.closed && o.kind === "upper_grassroots_committee" && o.adminUnitCode !== null && getUnit(plan.plan.fromEdition, o.adminUnitCode)?.kind === "district",
  ).length;
  const unitMismatches = previews.filter((p) => p.members !== p.membersBefore).map((p) => ({ unitCode: p.unitCode, before: p.membersBefore, after: p.members }));
  return {
    // District committees left only count against a plan that abolishes the level.
    ok: membersBefore === membersInOpenCells && misplacedMembers === 0 && (!plan.districtLevelAbolished || districtCommitteesLeft === 0) && unitMismatches.length === 0,
    membersBefore,
    membersInOpenCells,
    misplacedMembers,
    districtCommitteesLeft,
    unitMismatches,
  };
}
