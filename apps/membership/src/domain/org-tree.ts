// The tree of party organizations (Điều lệ Đảng, chương III–V) and its paths (docs/decisions/0001).
import { type IsoDate } from "@orgboard/locale-vi";
import { ORG_CODE_PATTERN } from "@orgboard/contract-membership";
import { GRASSROOTS_ORG_KINDS, ORG_KINDS, isOneOf, type OrgKind } from "./enums.js";
import { both, violation, type Violation } from "./result.js";

/**
 * Which kind may be the parent of which. `null` = directly under the Central Committee (the root "/").
 * - provincial_committee: đảng bộ tỉnh/thành phố and the other committees directly under the Centre.
 * - upper_grassroots_committee: under a provincial committee; nesting one in another is allowed because
 *   the armed forces, police and central blocs have several levels above the grassroots.
 * - grassroots_committee / grassroots_cell (tổ chức cơ sở đảng): under a provincial committee (directly,
 *   as the commune committees are since the district level was abolished on 1 Jul 2025) or under an
 *   upper-grassroots committee.
 * - partial_committee (đảng bộ bộ phận): only inside a grassroots committee.
 * - subordinate_cell (chi bộ trực thuộc): inside a grassroots committee or a partial committee.
 */
export const ALLOWED_PARENT_KINDS: Readonly<Record<OrgKind, readonly (OrgKind | null)[]>> = {
  provincial_committee: [null],
  upper_grassroots_committee: ["provincial_committee", "upper_grassroots_committee"],
  grassroots_committee: ["provincial_committee", "upper_grassroots_committee"],
  grassroots_cell: ["provincial_committee", "upper_grassroots_committee"],
  partial_committee: ["grassroots_committee"],
  subordinate_cell: ["grassroots_committee", "partial_committee"],
};

/** Kinds that hold members directly: every party member belongs to a cell (chi bộ). */
export const CELL_KINDS = ["grassroots_cell", "subordinate_cell"] as const satisfies readonly OrgKind[];

export function canBeChildOf(child: OrgKind, parent: OrgKind | null): boolean {
  return ALLOWED_PARENT_KINDS[child].includes(parent);
}

export function isCellKind(kind: OrgKind): boolean {
  return (CELL_KINDS as readonly OrgKind[]).includes(kind);
}

export function isGrassrootsKind(kind: OrgKind): boolean {
  return (GRASSROOTS_ORG_KINDS as readonly OrgKind[]).includes(kind);
}

// ---- Paths -------------------------------------------------------------------------------------------

/**
 * The contract's rule (ORG_CODE_PATTERN), for the import as for the API: 1–64 letters, digits, "." and "-",
 * starting with a letter or digit; no "/" (the path separator) and no "_" (organization paths refuse it).
 */
export function isValidOrgCode(code: string): boolean {
  return ORG_CODE_PATTERN.test(code);
}

/** Path of a child: the parent's path ("/" for the root) + code + "/". */
export function childPath(parentPath: string, code: string): string {
  return `${parentPath}${code}/`;
}

/** Is `path` inside the subtree rooted at `prefix` (itself included)? Exactly `startsWith` (0001). */
export function isInSubtree(path: string, prefix: string): boolean {
  return path.startsWith(prefix);
}

/** Is `path` strictly below `prefix`? */
export function isStrictlyBelow(path: string, prefix: string): boolean {
  return path.length > prefix.length && path.startsWith(prefix);
}

/** Depth of a path: "/" = 0, "/01/" = 1, "/01/01-007/" = 2. */
export function pathDepth(path: string): number {
  return path.split("/").length - 2;
}

export function isValidOrgPath(path: string): boolean {
  if (path === "/") return true;
  if (!path.startsWith("/") || !path.endsWith("/")) return false;
  return path
    .slice(1, -1)
    .split("/")
    .every((code) => isValidOrgCode(code));
}

// ---- Tree validation ---------------------------------------------------------------------------------

export interface OrgNode {
  id: string | number;
  parentId: string | number | null;
  kind: string;
  code: string;
  /** When given, it must equal the path built from the codes. */
  path?: string;
  openedOn?: IsoDate;
  closedOn?: IsoDate | null;
}

/**
 * Validates a set of organizations as a forest under the Central Committee: known kinds, known parents,
 * no cycles, allowed parent kinds, unique ids and codes, paths consistent with codes, and dates (a child
 * opens after its parent and is closed when the parent is). Fields are named `orgs.<index>.<field>`.
 */
export function validateOrgTree(nodes: readonly OrgNode[]): Violation[] {
  const out: Violation[] = [];
  const byId = new Map<string, { node: OrgNode; index: number }>();
  const codes = new Map<string, number>();
  const key = (id: string | number) => String(id);

  nodes.forEach((node, index) => {
    const f = (name: string) => `orgs.${index}.${name}`;
    if (byId.has(key(node.id))) out.push(violation(f("id"), "duplicate_id", both(`mã số ${node.id} xuất hiện nhiều lần`, `id ${node.id} appears more than once`)));
    else byId.set(key(node.id), { node, index });
    if (!isValidOrgCode(node.code)) {
      out.push(violation(f("code"), "invalid_code", both(`mã ${JSON.stringify(node.code)} chỉ gồm chữ, số, ".", "_" hoặc "-"`, `code ${JSON.stringify(node.code)} must be letters, digits, ".", "_" or "-"`)));
    }
    const seen = codes.get(node.code);
    if (seen !== undefined) out.push(violation(f("code"), "duplicate_code", both(`mã ${node.code} đã được dùng ở orgs.${seen}`, `code ${node.code} is also used by orgs.${seen}`)));
    else codes.set(node.code, index);
    if (!isOneOf(ORG_KINDS, node.kind)) {
      out.push(violation(f("kind"), "unknown_kind", both(`loại ${JSON.stringify(node.kind)} không thuộc ${ORG_KINDS.join(", ")}`, `kind ${JSON.stringify(node.kind)} is not one of ${ORG_KINDS.join(", ")}`)));
    }
    if (node.openedOn && node.closedOn && node.closedOn < node.openedOn) {
      out.push(violation(f("closedOn"), "closed_before_opened", both(`giải thể ngày ${node.closedOn}, trước ngày thành lập ${node.openedOn}`, `closed on ${node.closedOn}, before it opened on ${node.openedOn}`)));
    }
  });

  const pathOf = new Map<string, string | null>(); // null = cycle or broken ancestry
  const resolvePath = (id: string, trail: Set<string>): string | null => {
    if (pathOf.has(id)) return pathOf.get(id)!;
    const entry = byId.get(id);
    if (!entry) return null;
    if (trail.has(id)) return null;
    trail.add(id);
    const { node } = entry;
    const parentPath = node.parentId === null ? "/" : resolvePath(key(node.parentId), trail);
    const path = parentPath === null ? null : childPath(parentPath, node.code);
    pathOf.set(id, path);
    return path;
  };

  nodes.forEach((node, index) => {
    const f = (name: string) => `orgs.${index}.${name}`;
    if (byId.get(key(node.id))?.index !== index) return; // duplicate id already reported
    const parent = node.parentId === null ? null : byId.get(key(node.parentId));
    if (node.parentId !== null && !parent) {
      out.push(violation(f("parentId"), "unknown_parent", both(`không có tổ chức cấp trên ${node.parentId}`, `parent ${node.parentId} does not exist`)));
      return;
    }
    if (resolvePath(key(node.id), new Set()) === null) {
      out.push(violation(f("parentId"), "cycle", both(`tổ chức ${node.id} là cấp trên của chính nó (hoặc nằm dưới một tổ chức như vậy)`, `organization ${node.id} is its own ancestor (or under one that is)`)));
      return;
    }
    const parentKind = parent ? parent.node.kind : null;
    if (isOneOf(ORG_KINDS, node.kind) && (parentKind === null || isOneOf(ORG_KINDS, parentKind))) {
      if (!canBeChildOf(node.kind, parentKind)) {
        const allowed = ALLOWED_PARENT_KINDS[node.kind].map((k) => k ?? "the Central Committee (root)").join(" or ");
        const allowedVi = ALLOWED_PARENT_KINDS[node.kind].map((k) => k ?? "Ban Chấp hành Trung ương (gốc)").join(" hoặc ");
        out.push(
          violation(
            f("kind"),
            "invalid_parent_kind",
            both(
              `${node.kind} không thể trực thuộc ${parentKind ?? "Ban Chấp hành Trung ương (gốc)"}; được phép: ${allowedVi}`,
              `a ${node.kind} cannot be under ${parentKind ?? "the Central Committee (root)"}; allowed: ${allowed}`,
            ),
          ),
        );
      }
    }
    const expected = pathOf.get(key(node.id))!;
    if (node.path !== undefined && node.path !== expected) {
      out.push(violation(f("path"), "path_mismatch", both(`đường dẫn là ${node.path} nhưng các mã cho ra ${expected}`, `path is ${node.path} but its codes give ${expected}`)));
    }
    if (parent) {
      const p = parent.node;
      if (node.openedOn && p.openedOn && node.openedOn < p.openedOn) {
        out.push(violation(f("openedOn"), "opened_before_parent", both(`thành lập ngày ${node.openedOn}, trước tổ chức cấp trên (${p.openedOn})`, `opened on ${node.openedOn}, before its parent opened on ${p.openedOn}`)));
      }
      if (p.closedOn && (!node.closedOn || node.closedOn > p.closedOn)) {
        out.push(
          violation(
            f("closedOn"),
            "open_under_closed_parent",
            both(
              `tổ chức cấp trên đã giải thể ngày ${p.closedOn} nhưng tổ chức này ${node.closedOn ? `đến ${node.closedOn} mới giải thể` : "vẫn hoạt động"}`,
              `its parent closed on ${p.closedOn} but it ${node.closedOn ? `closed only on ${node.closedOn}` : "is still open"}`,
            ),
          ),
        );
      }
    }
  });
  return out;
}

/**
 * Size rules (Điều lệ Đảng Art. 21): a grassroots organization needs at least 3 official members; with
 * fewer than 30 members it is a grassroots cell, with 30 or more a grassroots committee (a smaller one
 * needs the decision of the upper committee: `allowSmallCommittee`). A cell needs 3 official members.
 */
export function checkOrgSize(
  kind: OrgKind,
  members: { official: number; total: number },
  options: { allowSmallCommittee?: boolean } = {},
): Violation[] {
  const out: Violation[] = [];
  if ((isCellKind(kind) || isGrassrootsKind(kind)) && members.official < 3) {
    out.push(violation("members.official", "too_few_official_members", both(`${kind} cần ít nhất 3 đảng viên chính thức, đang có ${members.official}`, `a ${kind} needs at least 3 official members, has ${members.official}`)));
  }
  if (kind === "grassroots_committee" && members.total < 30 && !options.allowSmallCommittee) {
    out.push(
      violation(
        "members.total",
        "committee_too_small",
        both(
          `đảng bộ cơ sở cần 30 đảng viên (đang có ${members.total}), trừ khi cấp ủy cấp trên quyết định khác`,
          `a grassroots committee needs 30 members (has ${members.total}) unless the upper committee decides otherwise`,
        ),
      ),
    );
  }
  if (kind === "grassroots_cell" && members.total >= 30) {
    out.push(violation("members.total", "cell_too_large", both(`tổ chức cơ sở đảng có ${members.total} đảng viên (≥ 30) được lập thành đảng bộ cơ sở`, `a grassroots organization with ${members.total} members (≥ 30) is set up as a grassroots committee`)));
  }
  return out;
}
