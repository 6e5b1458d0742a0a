// Bulk import of party organizations. Same contract as the member import (every row validated first,
// rejected rows named by row and column, all or nothing, one transaction, one audit record and one
// outbox event). The tree needs every row's parent before its path is known, so the rows are held in
// memory: an organization file is at most a few hundred thousand rows (the whole country has ~200,000
// organizations), unlike member files.
import { randomUUID } from "node:crypto";
import { formatDateVi, parseDateVi, todayInVietnam } from "@orgboard/locale-vi";
import { adminUnitOf } from "../domain/admin-unit.js";
import { z } from "zod";
import { ORG_KINDS, SECTORS, type OrgKind, type Sector } from "../domain/enums.js";
import { canBeChildOf, childPath, isValidOrgCode } from "../domain/org-tree.js";
import { copyLine, type Sql } from "../db/sql.js";
import { restoreFormulas } from "../export/formula.js";
import { recordImport } from "./audit.js";
import type { ImportOptions, ImportResult } from "./members.js";
import { readRecords, type FileSource } from "./read.js";
import { ORG_COLUMNS, ORG_KIND_LABELS, SECTOR_LABELS, lookupLabel, type OrgColumnKey } from "./template.js";
import type { RowIssue } from "./validate.js";

interface OrgRow {
  row: number;
  code: string;
  name: string;
  kind: OrgKind;
  parentCode: string | null;
  adminUnitCode: string | null;
  adminUnitEdition: string | null;
  sector: Sector | null;
  openedOn: string;
  closedOn: string | null;
}

const date = (req: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const s = (v ?? "").trim();
      if (s === "") {
        if (req) ctx.addIssue({ code: "custom", message: "is required (dd/mm/yyyy)" });
        return null;
      }
      const r = parseDateVi(s, { minYear: 1930 });
      if (!r.ok) ctx.addIssue({ code: "custom", message: `${r.message} (expected dd/mm/yyyy)` });
      return r.ok ? r.iso : null;
    });

const orgRowSchema = z.object({
  code: z.string().trim().min(1, "is required").max(100).refine(isValidOrgCode, "may hold letters, digits, . and - only (no / or _), at most 64"),
  name: z.string().trim().min(1, "is required").max(300),
  kind: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const k = lookupLabel(ORG_KIND_LABELS, v ?? "");
      if (!k) ctx.addIssue({ code: "custom", message: `"${v ?? ""}" is not an organization kind (${ORG_KINDS.map((x) => ORG_KIND_LABELS[x]).join(", ")})` });
      return k ?? null;
    }),
  parentCode: z.string().trim().optional().transform((v) => (v ? v : null)),
  adminUnitCode: z.string().trim().optional().transform((v) => (v ? v : null)),
  sector: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v || v.trim() === "") return null;
      const s = lookupLabel(SECTOR_LABELS, v);
      if (!s) ctx.addIssue({ code: "custom", message: `"${v}" is not a sector (${SECTORS.join(", ")})` });
      return s ?? null;
    }),
  openedOn: date(true),
  closedOn: date(false),
});

/** Levels of the organization tree (the Central Committee's direct committees are level 1). */
export const ORG_TREE_MAX_DEPTH = 16;
/** Characters of an organization path: its btree index entry must stay well under PostgreSQL's ~2,700 bytes. */
export const ORG_PATH_MAX_LENGTH = 2000;

const caseKey = (code: string) => code.toLowerCase();
const depthOf = (p: string) => p.split("/").length - 2;

export async function importOrganizations(db: Sql, file: FileSource, options: ImportOptions): Promise<ImportResult> {
  const today = options.today ?? todayInVietnam();
  const issues: RowIssue[] = [];
  const rows: OrgRow[] = [];
  let rowsRead = 0;
  for await (const rec of readRecords(file, ORG_COLUMNS)) {
    options.signal?.throwIfAborted();
    rowsRead++;
    const parsed = orgRowSchema.safeParse(restoreFormulas(rec.values));
    if (!parsed.success) {
      for (const i of parsed.error.issues) issues.push({ row: rec.row, column: String(i.path[0] ?? "row"), reason: i.message });
      continue;
    }
    const v = parsed.data;
    const rowIssues: RowIssue[] = [];
    const issue = (column: OrgColumnKey, reason: string) => rowIssues.push({ row: rec.row, column, reason });
    // The unit in the edition in force on the opening date, as the API does (domain/admin-unit.ts).
    const unit = v.adminUnitCode === null ? null : adminUnitOf(v.adminUnitCode, v.openedOn!);
    if (unit && !unit.ok) for (const x of unit.violations) issue("adminUnitCode", x.message);
    if (v.openedOn! > today) issue("openedOn", "is in the future");
    if (v.closedOn !== null && v.closedOn < v.openedOn!) issue("closedOn", "is before the founding date");
    if (v.kind === "provincial_committee" && v.parentCode !== null) issue("parentCode", "must be empty for a party committee directly under the Central Committee");
    if (v.kind !== "provincial_committee" && v.parentCode === null) issue("parentCode", "is required (only a committee directly under the Central Committee has none)");
    if (rowIssues.length > 0) {
      issues.push(...rowIssues);
      continue;
    }
    rows.push({ row: rec.row, code: v.code, name: v.name, kind: v.kind!, parentCode: v.parentCode, adminUnitCode: v.adminUnitCode, adminUnitEdition: unit?.ok ? unit.value.edition : null, sector: v.sector, openedOn: v.openedOn!, closedOn: v.closedOn });
  }
  if (rowsRead === 0) return { ok: false, rows: 0, rejectedCount: 1, rejected: [{ row: 2, column: "row", reason: "the file has no data rows" }] };

  return db.transaction(async (tx) => {
    // Duplicates in the file, then against the database; then resolve every row's path. Codes are unique
    // regardless of letter case: "01-k1" beside "01-K1" is a typo, not a second organization.
    const firstByKey = new Map<string, OrgRow>();
    const duplicate = new Set<OrgRow>();
    for (const r of rows) {
      const prev = firstByKey.get(caseKey(r.code));
      if (prev === undefined) firstByKey.set(caseKey(r.code), r);
      else {
        duplicate.add(r);
        issues.push({
          row: r.row,
          column: "code",
          reason: prev.code === r.code ? `code "${r.code}" also appears in row ${prev.row}` : `code "${r.code}" differs only in letter case from "${prev.code}" in row ${prev.row}`,
        });
      }
    }
    const codes = [...new Set([...rows.map((r) => r.code), ...rows.flatMap((r) => (r.parentCode ? [r.parentCode] : []))].map(caseKey))];
    const { rows: existing } = await tx.query<{ code: string; path: string; kind: OrgKind; closed_on: string | null }>(
      "SELECT code, path, kind, closed_on FROM party_organization WHERE lower(code) = ANY($1)",
      [codes],
    );
    const inDb = new Map(existing.map((e) => [e.code, e]));
    const inDbByKey = new Map(existing.map((e) => [caseKey(e.code), e]));
    // Codes are unique nationally, so a taken code is refused whoever holds it; but an organization
    // outside the caller's subtrees is never named (#9 finding 5).
    const allowedPaths = options.allowedOrgPaths;
    const visible = <T extends { path: string }>(o: T | undefined): T | undefined =>
      o === undefined || allowedPaths === undefined || allowedPaths.some((a) => o.path.startsWith(a)) ? o : undefined;
    for (const r of rows) {
      const same = inDbByKey.get(caseKey(r.code));
      if (same === undefined) continue;
      issues.push({
        row: r.row,
        column: "code",
        reason: same.code === r.code || !visible(same) ? `an organization with code "${r.code}" already exists` : `code "${r.code}" differs only in letter case from the existing organization "${same.code}"`,
      });
    }

    // The first row of each code is the one its children hang under (a duplicate is reported once, as a
    // duplicate, not again through its children). Paths are resolved without recursion, walking up the
    // parents in the file: a chain of any length costs no stack, and the depth is checked before a path
    // is built, so a 50,000-deep chain costs neither memory nor a raw "index row size" error.
    const maxDepth = options.maxTreeDepth ?? ORG_TREE_MAX_DEPTH;
    const inFile = new Map<string, OrgRow>();
    for (const r of rows) if (!duplicate.has(r)) inFile.set(r.code, r);
    const paths = new Map<string, string>();
    const failed = new Set<string>();
    const reject = (r: OrgRow, column: OrgColumnKey, reason: string) => issues.push({ row: r.row, column, reason });
    const resolve = (start: OrgRow): void => {
      if (duplicate.has(start) || paths.has(start.code) || failed.has(start.code)) return;
      // Up: the rows of the file above `start` whose path is not known yet, nearest first.
      const chain: OrgRow[] = [];
      const onChain = new Set<string>();
      let base: { path: string; kind: OrgKind | null; closedOn: string | null } | null = null;
      for (let cur = start; ; ) {
        chain.push(cur);
        onChain.add(cur.code);
        const parentCode = cur.parentCode;
        if (parentCode === null) {
          base = { path: "/", kind: null, closedOn: null };
          break;
        }
        // An organization outside the caller's subtrees is answered like a code that does not exist
        // (#9 finding 5): neither its path nor whether it is closed may be learned through an import.
        const dbParent = visible(inDb.get(parentCode));
        const fileParent = inFile.get(parentCode);
        if (dbParent) {
          if (dbParent.closed_on !== null && dbParent.closed_on <= today) {
            reject(cur, "parentCode", `parent organization "${parentCode}" is closed`);
            break;
          }
          base = { path: dbParent.path, kind: dbParent.kind, closedOn: null };
          break;
        }
        if (!fileParent) {
          reject(cur, "parentCode", `no organization has the code "${parentCode}" (in the database or the file)`);
          break;
        }
        if (failed.has(parentCode)) break; // its own row says why
        const known = paths.get(parentCode);
        if (known !== undefined) {
          base = { path: known, kind: fileParent.kind, closedOn: fileParent.closedOn };
          break;
        }
        if (onChain.has(parentCode)) {
          reject(fileParent, "parentCode", "the parent chain loops back to this row");
          break;
        }
        cur = fileParent;
      }
      // Down: from the top of the chain to `start`; the first row that fails takes the rows under it along.
      let parent = base;
      for (let i = chain.length - 1; i >= 0; i--) {
        const r = chain[i]!;
        if (parent === null) {
          failed.add(r.code);
          continue;
        }
        const depth = depthOf(parent.path) + 1;
        let ok = false;
        if (!canBeChildOf(r.kind, parent.kind)) {
          reject(r, "kind", parent.kind === null ? `a ${ORG_KIND_LABELS[r.kind]} needs a parent organization` : `a ${ORG_KIND_LABELS[r.kind]} cannot be under a ${ORG_KIND_LABELS[parent.kind]}`);
        } else if (parent.closedOn !== null && parent.closedOn <= r.openedOn) {
          reject(r, "parentCode", `parent organization "${r.parentCode}" closed on ${formatDateVi(parent.closedOn)}, before this organization opened (${formatDateVi(r.openedOn)})`);
        } else if (depth > maxDepth) {
          reject(r, "parentCode", `would be ${depth} levels deep; the tree may be at most ${maxDepth} levels deep (check the parent codes for a chain that should not be there)`);
        } else if (parent.path.length + r.code.length + 1 > ORG_PATH_MAX_LENGTH) {
          reject(r, "code", `the organization's path (its code after every parent's) would be longer than ${ORG_PATH_MAX_LENGTH} characters: use shorter codes`);
        } else ok = true;
        if (!ok) {
          failed.add(r.code);
          parent = null;
          continue;
        }
        const path = childPath(parent.path, r.code);
        paths.set(r.code, path);
        parent = { path, kind: r.kind, closedOn: r.closedOn };
      }
    };
    for (const r of rows) resolve(r);
    // The caller's subtrees (router: the principal's scope): a row whose chain of parents in the file
    // reaches no organization inside them (a new committee at the top) is rejected, naming only the
    // caller's own codes (a foreign parent was already answered as unknown above).
    if (allowedPaths) {
      for (const r of rows) {
        const p = paths.get(r.code);
        if (p !== undefined && !allowedPaths.some((a) => p.startsWith(a))) {
          issues.push({ row: r.row, column: r.parentCode === null ? "code" : "parentCode", reason: `organization ${p} is outside the organizations you may change` });
        }
      }
    }

    if (issues.length > 0) {
      issues.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
      const max = options.maxIssues ?? 1000;
      return { ok: false as const, rows: rowsRead, rejectedCount: issues.length, rejected: issues.slice(0, max) };
    }

    options.signal?.throwIfAborted();
    await tx.exec(`CREATE TEMP TABLE import_org_stage (
      row_no int, code text, name text, kind text, parent_path text, path text, depth int,
      admin_unit_code text, admin_unit_edition text, sector text, opened_on date, closed_on date) ON COMMIT DROP`);
    await tx.copyFrom(
      "import_org_stage (row_no, code, name, kind, parent_path, path, depth, admin_unit_code, admin_unit_edition, sector, opened_on, closed_on)",
      rows.map((r) => {
        const path = paths.get(r.code)!;
        const parentPath = r.parentCode === null ? null : path.slice(0, path.lastIndexOf("/", path.length - 2) + 1);
        return copyLine([r.row, r.code, r.name, r.kind, parentPath, path, depthOf(path), r.adminUnitCode, r.adminUnitEdition, r.sector, r.openedOn, r.closedOn]);
      }),
    );
    await tx.exec(`
      INSERT INTO party_organization (path, depth, kind, code, name, admin_unit_code, admin_unit_edition, sector, opened_on, closed_on)
      SELECT path, depth, kind, code, name, admin_unit_code, admin_unit_edition,
             sector, opened_on, closed_on
      FROM import_org_stage ORDER BY depth, row_no;
      UPDATE party_organization o SET parent_id = p.id
      FROM import_org_stage s JOIN party_organization p ON p.path = s.parent_path
      WHERE o.path = s.path AND s.parent_path IS NOT NULL;`);
    const importId = randomUUID();
    const { orgPath, eventId } = await recordImport(tx, {
      importId,
      actor: options.actor,
      requestId: options.requestId ?? null,
      entity: "Organization",
      action: "membership.organizations.import",
      eventType: "membership.organizations.imported",
      paths: [...paths.values()],
      summary: { imported: rows.length, fileName: file.name ?? file.path ?? null },
    });
    return { ok: true as const, importId, imported: rows.length, orgPath, eventId };
  });
}
