import { describe, expect, it } from "vitest";
import {
  ALLOWED_PARENT_KINDS,
  ORG_KINDS,
  canBeChildOf,
  checkOrgSize,
  childPath,
  isInSubtree,
  isStrictlyBelow,
  isValidOrgPath,
  pathDepth,
  validateOrgTree,
  type OrgNode,
} from "../../src/domain/index.js";

// A realistic tree: province → bloc committee (upper grassroots) → grassroots committee → partial committee → cells.
const tree: OrgNode[] = [
  { id: 1, parentId: null, kind: "provincial_committee", code: "52", path: "/52/", openedOn: "1930-03-01" },
  { id: 2, parentId: 1, kind: "upper_grassroots_committee", code: "52-K01", path: "/52/52-K01/", openedOn: "2001-01-01" },
  { id: 3, parentId: 2, kind: "grassroots_committee", code: "52-K01-001", path: "/52/52-K01/52-K01-001/", openedOn: "2005-01-01" },
  { id: 4, parentId: 3, kind: "partial_committee", code: "52-K01-001-B1", openedOn: "2010-01-01" },
  { id: 5, parentId: 4, kind: "subordinate_cell", code: "52-K01-001-B1-C1", openedOn: "2010-01-01" },
  { id: 6, parentId: 3, kind: "subordinate_cell", code: "52-K01-001-C2", openedOn: "2006-01-01" },
  { id: 7, parentId: 2, kind: "grassroots_cell", code: "52-K01-002", openedOn: "2012-01-01" },
  { id: 8, parentId: 1, kind: "grassroots_committee", code: "52-X0001", openedOn: "2025-07-01" }, // a commune committee directly under the province
];

describe("parent kinds", () => {
  it("every kind has a rule, and only the provincial level sits at the root", () => {
    expect(Object.keys(ALLOWED_PARENT_KINDS).sort()).toEqual([...ORG_KINDS].sort());
    for (const k of ORG_KINDS) expect(canBeChildOf(k, null)).toBe(k === "provincial_committee");
  });
  it.each([
    ["partial_committee", "grassroots_committee", true],
    ["partial_committee", "upper_grassroots_committee", false],
    ["partial_committee", "partial_committee", false],
    ["subordinate_cell", "partial_committee", true],
    ["subordinate_cell", "grassroots_committee", true],
    ["subordinate_cell", "grassroots_cell", false],
    ["grassroots_cell", "grassroots_committee", false],
    ["grassroots_committee", "provincial_committee", true],
    ["upper_grassroots_committee", "upper_grassroots_committee", true],
    ["provincial_committee", "provincial_committee", false],
  ] as const)("%s under %s: %s", (child, parent, expected) => {
    expect(canBeChildOf(child, parent)).toBe(expected);
  });
});

describe("paths", () => {
  it("follows 0001: prefix with trailing slash", () => {
    expect(childPath("/", "01")).toBe("/01/");
    expect(childPath("/01/", "01-007")).toBe("/01/01-007/");
    expect(isInSubtree("/010/", "/01/")).toBe(false);
    expect(isInSubtree("/01/01-007/", "/01/")).toBe(true);
    expect(isInSubtree("/01/", "/01/")).toBe(true);
    expect(isStrictlyBelow("/01/", "/01/")).toBe(false);
    expect(pathDepth("/")).toBe(0);
    expect(pathDepth("/01/01-007/01-007-0031/")).toBe(3);
    expect(isValidOrgPath("/01/01-007/")).toBe(true);
    for (const bad of ["01/", "/01", "//", "/01//02/", "/0 1/"]) expect([bad, isValidOrgPath(bad)]).toEqual([bad, false]);
  });
});

describe("validateOrgTree", () => {
  it("accepts a valid tree", () => {
    expect(validateOrgTree(tree)).toEqual([]);
  });

  it("rejects a wrong parent kind naming the field and the allowed kinds", () => {
    const bad = tree.map((n) => (n.id === 7 ? { ...n, parentId: 3 } : n)); // grassroots cell inside a grassroots committee
    expect(validateOrgTree(bad)).toEqual([
      expect.objectContaining({ field: "orgs.6.kind", code: "invalid_parent_kind", message: expect.stringContaining("provincial_committee or upper_grassroots_committee") }),
    ]);
    const root = [{ id: 1, parentId: null, kind: "grassroots_cell", code: "X" }];
    expect(validateOrgTree(root)[0]).toMatchObject({ code: "invalid_parent_kind", message: expect.stringContaining("Central Committee") });
  });

  it("finds unknown parents, cycles, duplicates and unknown kinds", () => {
    const nodes: OrgNode[] = [
      { id: "a", parentId: "b", kind: "grassroots_committee", code: "A" },
      { id: "b", parentId: "a", kind: "upper_grassroots_committee", code: "B" },
      { id: "c", parentId: "zz", kind: "grassroots_cell", code: "C" },
      { id: "c", parentId: null, kind: "provincial_committee", code: "D" },
      { id: "e", parentId: null, kind: "ward_committee", code: "A" },
      { id: "f", parentId: null, kind: "provincial_committee", code: "F/1" },
    ];
    const codes = validateOrgTree(nodes).map((v) => `${v.field}:${v.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        "orgs.0.parentId:cycle",
        "orgs.1.parentId:cycle",
        "orgs.2.parentId:unknown_parent",
        "orgs.3.id:duplicate_id",
        "orgs.4.code:duplicate_code",
        "orgs.4.kind:unknown_kind",
        "orgs.5.code:invalid_code",
      ]),
    );
  });

  it("checks stored paths against the codes", () => {
    const bad = tree.map((n) => (n.id === 3 ? { ...n, path: "/52/52-K01-001/" } : n));
    expect(validateOrgTree(bad)).toEqual([expect.objectContaining({ field: "orgs.2.path", code: "path_mismatch", message: expect.stringContaining("/52/52-K01/52-K01-001/") })]);
  });

  it("checks dates: a child opens after its parent and closes with it", () => {
    const early = tree.map((n) => (n.id === 6 ? { ...n, openedOn: "2004-12-31" } : n));
    expect(validateOrgTree(early).map((v) => v.code)).toEqual(["opened_before_parent"]);
    const closedParent = tree.map((n) => (n.id === 4 ? { ...n, closedOn: "2020-12-31" } : n));
    expect(validateOrgTree(closedParent)).toEqual([expect.objectContaining({ field: "orgs.4.closedOn", code: "open_under_closed_parent" })]);
    const bothClosed = closedParent.map((n) => (n.id === 5 ? { ...n, closedOn: "2020-12-31" } : n));
    expect(validateOrgTree(bothClosed)).toEqual([]);
    const inverted = tree.map((n) => (n.id === 7 ? { ...n, closedOn: "2011-12-31" } : n));
    expect(validateOrgTree(inverted).map((v) => v.code)).toEqual(["closed_before_opened"]);
  });
});

describe("checkOrgSize (Điều lệ Art. 21)", () => {
  it("needs 3 official members for a cell or grassroots organization", () => {
    expect(checkOrgSize("subordinate_cell", { official: 3, total: 3 })).toEqual([]);
    expect(checkOrgSize("subordinate_cell", { official: 2, total: 5 })[0]).toMatchObject({ field: "members.official", code: "too_few_official_members" });
    expect(checkOrgSize("partial_committee", { official: 0, total: 0 })).toEqual([]);
  });
  it("30 members is the threshold between grassroots cell and committee", () => {
    expect(checkOrgSize("grassroots_committee", { official: 25, total: 30 })).toEqual([]);
    expect(checkOrgSize("grassroots_committee", { official: 25, total: 29 })[0]).toMatchObject({ code: "committee_too_small" });
    expect(checkOrgSize("grassroots_committee", { official: 25, total: 29 }, { allowSmallCommittee: true })).toEqual([]);
    expect(checkOrgSize("grassroots_cell", { official: 20, total: 29 })).toEqual([]);
    expect(checkOrgSize("grassroots_cell", { official: 20, total: 30 })[0]).toMatchObject({ code: "cell_too_large" });
  });
});
