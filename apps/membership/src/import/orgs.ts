// Bulk import of party organizations. Same contract as the member import (every row validated first,
// rejected rows named by row and column, all or nothing, one transaction, one audit record and one
// outbox event). The tree needs every row's parent before its path is known, so the rows are held in
// memory: an organization file is at most a few hundred thousand rows (the whole country has ~200,000
// organizations), unlike member files.
import { randomUUID } from "node:crypto";
import { parseDateVi, todayInVietnam } from "@orgboard/locale-vi";
import { adminUnitOf } from "../domain/admin-unit.js";
import { z } from "zod";
import { ORG_KINDS, SECTORS, type OrgKind, type Sector } from "../domain/enums.js";
import { canBeChildOf, childPath, isValidOrgCode } from "../domain/org-tree.js";
import { copyLine, type Sql } from "../db/sql.js";
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

export async function importOrganizations(db: Sql, file: FileSource, options: ImportOptions): Promise<ImportResult> {
  const today = options.today ?? todayInVietnam();
  const issues: RowIssue[] = [];
  const rows: OrgRow[] = [];
  let rowsRead = 0;
  for await (const rec of readRecords(file, ORG_COLUMNS)) {
    rowsRead++;
    const parsed = orgRowSchema.safeParse(rec.values);
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
    // Duplicates in the file, then against the database; then resolve every row's path.
    const firstRow = new Map<string, number>();
    for (const r of rows) {
      const prev = firstRow.get(r.code);
      if (prev !== undefined) issues.push({ row: r.row, column: "code", reason: `code "${r.code}" also appears in row ${prev}` });
      else firstRow.set(r.code, r.row);
    }
    const codes = [...new Set([...rows.map((r) => r.code), ...rows.flatMap((r) => (r.parentCode ? [r.parentCode] : []))])];
    const { rows: existing } = await tx.query<{ code: string; path: string; kind: OrgKind; closed_on: string | null }>(
      "SELECT code, path, kind, closed_on FROM party_organization WHERE code = ANY($1)",
      [codes],
    );
    const inDb = new Map(existing.map((e) => [e.code, e]));
    for (const r of rows) if (inDb.has(r.code)) issues.push({ row: r.row, column: "code", reason: `an organization with code "${r.code}" already exists` });

    const inFile = new Map(rows.map((r) => [r.code, r]));
    const paths = new Map<string, string>();
    const resolving = new Set<string>();
    const pathOf = (r: OrgRow): string | null => {
      const known = paths.get(r.code);
      if (known !== undefined) return known;
      if (r.parentCode === null) {
        paths.set(r.code, childPath("/", r.code));
        return paths.get(r.code)!;
      }
      const dbParent = inDb.get(r.parentCode);
      const fileParent = inFile.get(r.parentCode);
      let parentPath: string | null = null;
      let parentKind: OrgKind | null = null;
      if (dbParent) {
        if (dbParent.closed_on !== null && dbParent.closed_on <= today) {
          issues.push({ row: r.row, column: "parentCode", reason: `parent organization "${r.parentCode}" is closed` });
          return null;
        }
        parentPath = dbParent.path;
        parentKind = dbParent.kind;
      } else if (fileParent) {
        if (resolving.has(r.code)) {
          issues.push({ row: r.row, column: "parentCode", reason: "the parent chain loops back to this row" });
          return null;
        }
        resolving.add(r.code);
        parentPath = pathOf(fileParent);
        resolving.delete(r.code);
        parentKind = fileParent.kind;
        if (parentPath === null) return null;
      } else {
        issues.push({ row: r.row, column: "parentCode", reason: `no organization has the code "${r.parentCode}" (in the database or the file)` });
        return null;
      }
      if (!canBeChildOf(r.kind, parentKind)) {
        issues.push({ row: r.row, column: "kind", reason: `a ${ORG_KIND_LABELS[r.kind]} cannot be under a ${ORG_KIND_LABELS[parentKind]}` });
        return null;
      }
      const path = childPath(parentPath, r.code);
      paths.set(r.code, path);
      return path;
    };
    for (const r of rows) pathOf(r);
    // The caller's subtrees (router: the principal's scope): an organization outside them is rejected.
    if (options.allowedOrgPaths) {
      const allowed = options.allowedOrgPaths;
      for (const r of rows) {
        const p = paths.get(r.code);
        if (p !== undefined && !allowed.some((a) => p.startsWith(a))) {
          issues.push({ row: r.row, column: r.parentCode === null ? "code" : "parentCode", reason: `organization ${p} is outside the organizations you may change` });
        }
      }
    }

    if (issues.length > 0) {
      issues.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
      const max = options.maxIssues ?? 1000;
      return { ok: false as const, rows: rowsRead, rejectedCount: issues.length, rejected: issues.slice(0, max) };
    }

    await tx.exec(`CREATE TEMP TABLE import_org_stage (
      row_no int, code text, name text, kind text, parent_path text, path text, depth int,
      admin_unit_code text, admin_unit_edition text, sector text, opened_on date, closed_on date) ON COMMIT DROP`);
    const depthOf = (p: string) => p.split("/").length - 2;
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
