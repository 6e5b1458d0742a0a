// Organization trees on the 2024 units (with district committees), shaped like membership's seed, for the
// domain tests: deterministic member counts from the codes, two village cells per commune with the same
// names in every commune (so merges produce the duplicate names real merges produce).
import { getUnits } from "@orgboard/admin-units";
import { officialPlan2025, type OrgNode, type Plan } from "../../src/domain/index.js";

const count = (code: string, mod: number, base: number) => (Number.parseInt(code.replace(/\D/g, "") || "0", 10) % mod) + base;

/** Every 2024 unit: province committee, district committees (+ one agency cell each), commune committees with 2 cells; every 40th commune has a single grassroots cell instead. */
export function tree2024(filter: (provinceCode: string) => boolean = () => true): OrgNode[] {
  const out: OrgNode[] = [];
  const provinceOf = new Map<string, string>();
  for (const u of getUnits("2024")) {
    const province = u.kind === "province" ? u.code : u.kind === "district" ? u.parentCode! : provinceOf.get(u.parentCode!)!;
    provinceOf.set(u.code, province);
    if (!filter(province)) continue;
    if (u.kind === "province") {
      out.push({ code: u.code, parentCode: null, kind: "provincial_committee", name: `Đảng bộ ${u.name}`, adminUnitCode: u.code, closed: false, members: 0 });
      out.push({ code: `${u.code}-CQ`, parentCode: u.code, kind: "grassroots_cell", name: "Chi bộ Văn phòng Tỉnh ủy", adminUnitCode: null, closed: false, members: count(u.code, 7, 10) });
    } else if (u.kind === "district") {
      out.push({ code: u.code, parentCode: u.parentCode, kind: "upper_grassroots_committee", name: `Đảng bộ ${u.name}`, adminUnitCode: u.code, closed: false, members: 0 });
      out.push({ code: `${u.code}-CQ`, parentCode: u.code, kind: "grassroots_cell", name: `Chi bộ Cơ quan ${u.shortName}`, adminUnitCode: null, closed: false, members: count(u.code, 5, 3) });
    } else if (Number.parseInt(u.code, 10) % 40 === 0) {
      out.push({ code: u.code, parentCode: u.parentCode, kind: "grassroots_cell", name: `Chi bộ ${u.name}`, adminUnitCode: u.code, closed: false, members: count(u.code, 9, 4) });
    } else {
      out.push({ code: u.code, parentCode: u.parentCode, kind: "grassroots_committee", name: `Đảng bộ ${u.name}`, adminUnitCode: u.code, closed: false, members: 0 });
      for (const i of [1, 2]) {
        out.push({ code: `${u.code}-0${i}`, parentCode: u.code, kind: "subordinate_cell", name: `Chi bộ thôn ${i}`, adminUnitCode: null, closed: false, members: count(u.code, 11 + i, 5) });
      }
    }
  }
  return out;
}

/** Assign each cell of a split commune to one of its targets (what an officer does in the plan editor). */
export function assignSplitCells(plan: Plan, tree: readonly OrgNode[]): Plan {
  const assignments: Record<string, string> = {};
  for (const change of plan.changes) {
    if (change.kind !== "split") continue;
    // a single-cell commune is assigned whole; a committee's cells are spread over the targets
    const own = tree.find((o) => o.code === change.source && o.kind === "grassroots_cell");
    const cells = own ? [own] : tree.filter((o) => o.parentCode === change.source);
    cells.forEach((c, i) => (assignments[c.code] = change.targets[i % change.targets.length]!));
  }
  return { ...plan, assignments };
}

/**
 * A constructed plan: the official one, except that commune 00694 (a target of the split of Phường Quang
 * Trung, 00688, in Hà Giang → Tuyên Quang) belongs to the new Lào Cai (15). The official mapping has no split
 * commune whose parts lie in two new provinces (checked below), so the case is built.
 */
export function crossPlan(): Plan {
  const plan = officialPlan2025();
  const changes = plan.changes.map((c) => ((c.kind === "merge" || c.kind === "rename") && c.target.code === "00694" ? { ...c, target: { ...c.target, parentCode: "15" } } : c));
  // every other split commune's cells to its first and last targets (so no member is left without a successor)
  const assignments: Record<string, string> = {};
  for (const c of plan.changes) {
    if (c.kind !== "split") continue;
    Object.assign(assignments, { [c.source]: c.targets[0]!, [`${c.source}-01`]: c.targets[0]!, [`${c.source}-02`]: c.targets.at(-1)! });
  }
  return { ...plan, changes, assignments: { ...assignments, "00688-01": "00691", "00688-02": "00694" } };
}
