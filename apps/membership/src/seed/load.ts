// Loads the synthetic dataset with COPY, one table per pass over the cells (each pass regenerates the
// cells from the same seeds: memory stays at one cell, output is identical in every pass).
// Into an empty database the load runs in "bulk mode": secondary indexes and foreign keys are dropped
// first and recreated afterwards from their own definitions (much faster than maintaining them row by
// row), the counter triggers are off and the counters are rebuilt once at the end.
import { vietnameseNameSortKey } from "@orgboard/locale-vi";
import { Rng } from "@orgboard/random";
import { probationEndDate } from "../domain/admission.js";
import { copyLine, type CopySink, type Database, type Sql } from "../db/sql.js";
import { rebuildStatsSql, statTriggersSql } from "../db/stats-sql.js";
import { MEMBER_RATING, MemberGenerator, ORG_RATING, isoOf, yearOf, type CellData, type SeedMember } from "./generate.js";
import { buildOrgTree, type OrgTree, type SeedOrg, type SeedScale, type SeedUnits } from "./orgs.js";

export interface SeedOptions {
  scale: SeedScale;
  seed: number;
  /** The day the data describes (default 2026-06-30; with units "2024", 2025-06-30). */
  asOf?: string;
  /**
   * The administrative units the tree stands on (orgs.ts SeedUnits): "2025" (default), or "2024" with the
   * district-level committees, as of 30/06/2025 by default — the eve of the 2025 merger, to replay it.
   */
  units?: SeedUnits;
  /** Delete all existing membership data first. */
  reset?: boolean;
  onProgress?: (p: SeedProgress) => void;
  /** Stops the seed when aborted (embedded: rolled back whole); throws the signal's reason. */
  signal?: AbortSignal;
}

export interface SeedProgress {
  phase: string;
  done: number;
  total: number;
}

export interface SeedResult {
  scale: SeedScale;
  seed: number;
  asOf: string;
  organizations: number;
  rows: Record<string, number>;
  milliseconds: number;
}

export const DEFAULT_AS_OF = "2026-06-30";
/** The last day of the 2024 units (the district level, 63 provinces): the 2025 merger took effect on 01/07/2025. */
export const EVE_OF_2025_MERGER = "2025-06-30";

const DATA_TABLES = [
  "quality_rating", "target", "badge_award", "removal", "death", "transfer", "party_card", "admission",
  "admission_candidate", "membership_period", "member", "party_organization", "org_year_stat",
  "org_member_total", "closed_year", "outbox_event", "audit_record",
] as const;

const END_OF_YEAR = (y: number) => Date.UTC(y, 11, 31) / 86_400_000;
const d = (day: number | null) => (day === null ? null : isoOf(day));

/** The organization a member belonged to on a given day. */
function orgOn(m: SeedMember, day: number): SeedOrg {
  return m.transfer && day < m.transfer.on ? m.transfer.from : m.org;
}

export async function isDatabaseEmpty(db: Sql): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>(
    "SELECT ((SELECT count(*) FROM (SELECT 1 FROM party_organization LIMIT 1) a) + (SELECT count(*) FROM (SELECT 1 FROM member LIMIT 1) b))::int AS n",
  );
  return rows[0]?.n === 0;
}

export async function seedDatabase(db: Sql & Pick<Database, "openCopySinks">, options: SeedOptions): Promise<SeedResult> {
  const started = Date.now();
  options.signal?.throwIfAborted();
  const open = db.openCopySinks === undefined ? undefined : (targets: readonly string[]) => db.openCopySinks!(targets);
  // Embedded (one connection): the whole load is one transaction, the dropped indexes and the disabled
  // triggers included (PostgreSQL's DDL is transactional), so a kill or a Ctrl-C at any moment leaves the
  // database as it was, never half seeded without its indexes (#11). On PostgreSQL the tables are fed
  // by parallel connections, which one transaction cannot span.
  const result = open ? await load(db, open, options) : await db.transaction((tx) => load(tx, undefined, options));
  // VACUUM sets the visibility map, so the report's covering indexes are read index-only (never inside a
  // transaction).
  await db.exec("VACUUM ANALYZE");
  options.onProgress?.({ phase: "done", done: 1, total: 1 });
  return { ...result, milliseconds: Date.now() - started };
}

async function load(
  db: Sql,
  open: ((targets: readonly string[]) => Promise<CopySink[]>) | undefined,
  options: SeedOptions,
): Promise<Omit<SeedResult, "milliseconds">> {
  const units = options.units ?? "2025";
  const asOf = options.asOf ?? (units === "2024" ? EVE_OF_2025_MERGER : DEFAULT_AS_OF);
  if (units === "2024" && asOf > EVE_OF_2025_MERGER) {
    throw new SeedError(`đơn vị hành chính năm 2024 chỉ có đến ngày 30/06/2025: asOf không được sau ngày đó / the 2024 units ended on ${EVE_OF_2025_MERGER}: asOf must not be later`);
  }
  const progress = options.onProgress ?? (() => undefined);
  if (options.reset) {
    await db.exec(`TRUNCATE ${DATA_TABLES.map((t) => `"${t}"`).join(", ")} RESTART IDENTITY CASCADE`);
  } else if (!(await isDatabaseEmpty(db))) {
    throw new SeedError("the database already holds membership data; use reset to replace it");
  }
  const tree = buildOrgTree(options.scale, options.seed, units);
  const gen = new MemberGenerator(tree, { seed: options.seed, asOf });
  const cells = tree.cellsByTop.flat().sort((a, b) => a.id - b.id);
  const rows: Record<string, number> = {};
  const step = (p: SeedProgress) => {
    options.signal?.throwIfAborted();
    progress(p);
  };

  const dropped = await dropSecondaryIndexes(db);
  await db.exec(statTriggersSql(false));
  try {
    rows.party_organization = await db.copyFrom(
      "party_organization (id, parent_id, path, depth, kind, code, name, admin_unit_code, admin_unit_edition, sector, opened_on, closed_on)",
      tree.orgs.map((o) =>
        copyLine([o.id, o.parentId, o.path, o.depth, o.kind, o.code, o.name, o.adminUnitCode, o.adminUnitEdition, o.sector, o.openedOn, o.closedOn]),
      ),
    );
    if (open) await loadParallel(open, cells, tree, gen, rows, step);
    else await loadPasses(db, cells, tree, gen, rows, step);
    rows.target = await db.copyFrom("target (org_id, org_path, year, admissions_plan)", targets(tree, gen));
  } finally {
    // Interrupted inside the embedded transaction: the rollback restores them.
    if (open || !options.signal?.aborted) {
      progress({ phase: "indexes", done: 0, total: 1 });
      await restoreIndexes(db, dropped);
      await db.exec(statTriggersSql(true));
    }
  }
  step({ phase: "counters", done: 0, total: 1 });
  await db.exec(rebuildStatsSql());
  await resetSequences(db);
  return { scale: options.scale, seed: options.seed, asOf, organizations: tree.orgs.length, rows };
}

/** One table per pass over the cells (PGlite: a single connection). */
async function loadPasses(db: Sql, cells: SeedOrg[], tree: OrgTree, gen: MemberGenerator, rows: Record<string, number>, progress: (p: SeedProgress) => void) {
  for (const pass of PASSES) {
    gen.reset();
    const state = { id: 0, candidateId: 0 };
    let done = 0;
    const lines = (function* () {
      for (const org of cells) {
        const cell = gen.cell(org);
        for (const line of pass.emit(cell, gen, state)) yield line;
        done++;
        if (done % 500 === 0 || done === cells.length) progress({ phase: pass.table, done, total: cells.length });
      }
      if (pass.after) for (const line of pass.after(tree, gen, state)) yield line;
    })();
    rows[pass.table] = await db.copyFrom(pass.target, lines);
  }
}

/** PostgreSQL: generate each cell once and feed every table's COPY at the same time. */
async function loadParallel(
  open: (targets: readonly string[]) => Promise<CopySink[]>,
  cells: SeedOrg[],
  tree: OrgTree,
  gen: MemberGenerator,
  rows: Record<string, number>,
  progress: (p: SeedProgress) => void,
) {
  gen.reset();
  const sinks = await open(PASSES.map((p) => p.target));
  const states = PASSES.map(() => ({ id: 0, candidateId: 0 }));
  let done = 0;
  for (const org of cells) {
    const cell = gen.cell(org);
    for (let i = 0; i < PASSES.length; i++) {
      for (const line of PASSES[i]!.emit(cell, gen, states[i]!)) {
        const w = sinks[i]!.write(line);
        if (w) await w;
      }
    }
    done++;
    if (done % 500 === 0 || done === cells.length) progress({ phase: "rows", done, total: cells.length });
  }
  for (let i = 0; i < PASSES.length; i++) {
    const pass = PASSES[i]!;
    if (pass.after) for (const line of pass.after(tree, gen, states[i]!)) {
      const w = sinks[i]!.write(line);
      if (w) await w;
    }
  }
  const counts = await Promise.all(sinks.map((s) => s.end()));
  PASSES.forEach((p, i) => (rows[p.table] = counts[i]!));
}

export class SeedError extends Error {
  override name = "SeedError";
}

interface PassState {
  id: number;
  candidateId: number;
}

interface Pass {
  table: string;
  target: string;
  emit: (cell: CellData, gen: MemberGenerator, state: PassState) => Iterable<string>;
  after?: (tree: OrgTree, gen: MemberGenerator, state: PassState) => Iterable<string>;
}

// Generated names repeat a lot: memoize the (NFD-heavy) sort key so the national seed stays fast.
const sortKeys = new Map<string, string>();
function nameSortKey(fullName: string): string {
  let key = sortKeys.get(fullName);
  if (key === undefined) {
    key = vietnameseNameSortKey(fullName);
    if (sortKeys.size < 200_000) sortKeys.set(fullName, key);
  }
  return key;
}

const recentAdmission = (m: SeedMember, gen: MemberGenerator) => yearOf(m.admittedOn) >= gen.asOfYear - 5;
const candidateAdmission = (m: SeedMember, gen: MemberGenerator) => yearOf(m.admittedOn) >= gen.asOfYear - 1;

const PASSES: Pass[] = [
  {
    table: "member",
    target:
      "member (id, full_name, birth_date, gender, ethnicity, national_id, org_id, org_path, status, admitted_on, official_on, party_card_number, hometown, occupation, education, left_on, name_sort_key)",
    *emit(cell) {
      for (const m of cell.members) {
        yield copyLine([m.id, m.fullName, d(m.birthDate), m.gender, m.ethnicity, m.nationalId, m.org.id, m.org.path, m.status, d(m.admittedOn), d(m.officialOn), m.partyCardNumber, m.hometown, m.occupation, m.education, d(m.leftOn), nameSortKey(m.fullName)]);
      }
    },
  },
  {
    table: "membership_period",
    target: "membership_period (id, member_id, org_id, org_path, started_on, ended_on, start_reason, end_reason)",
    *emit(cell, _gen, s) {
      for (const m of cell.members) {
        const endReason = m.status === "deceased" ? "death" : m.status === "removed" ? "removal" : m.status === "transferred_out" ? "transfer_out" : null;
        if (m.transfer) {
          const f = m.transfer.from;
          yield copyLine([++s.id, m.id, f.id, f.path, d(m.admittedOn), d(m.transfer.on), "admission", "transfer_out"]);
          yield copyLine([++s.id, m.id, m.org.id, m.org.path, d(m.transfer.on), d(m.leftOn), "transfer_in", endReason]);
        } else {
          yield copyLine([++s.id, m.id, m.org.id, m.org.path, d(m.admittedOn), d(m.leftOn), "admission", endReason]);
        }
      }
    },
  },
  {
    table: "admission_candidate",
    target: "admission_candidate (id, full_name, birth_date, gender, ethnicity, national_id, org_id, org_path, course_completed_on, course_certificate_no, status)",
    *emit(cell, gen, s) {
      for (const m of cell.members) {
        if (!candidateAdmission(m, gen)) continue;
        const id = ++s.id;
        const org = orgOn(m, m.admittedOn);
        yield copyLine([id, m.fullName, d(m.birthDate), m.gender, m.ethnicity, m.nationalId, org.id, org.path, d(m.admittedOn - 120), `BD-${id}`, "admitted"]);
      }
      for (const c of cell.candidates) {
        const id = ++s.id;
        yield copyLine([id, c.fullName, d(c.birthDate), c.gender, c.ethnicity, c.nationalId, cell.org.id, cell.org.path, d(c.courseCompletedOn), `BD-${id}`, "candidate"]);
      }
    },
  },
  {
    table: "admission",
    target: "admission (id, candidate_id, member_id, org_id, org_path, decision_number, admitted_on, probation_ends_on, outcome, outcome_on)",
    *emit(cell, gen, s) {
      for (const m of cell.members) {
        const linked = candidateAdmission(m, gen) ? ++s.candidateId : null;
        if (!recentAdmission(m, gen)) continue;
        const org = orgOn(m, m.admittedOn);
        const outcome = m.officialOn !== null ? "recognized" : m.notRecognized ? "not_recognized" : null;
        const outcomeOn = m.officialOn ?? (m.notRecognized ? m.leftOn : null);
        yield copyLine([++s.id, linked, m.id, org.id, org.path, `${m.id}-QĐ/ĐU`, d(m.admittedOn), probationEndDate(d(m.admittedOn)!), outcome, d(outcomeOn)]);
      }
      s.candidateId += cell.candidates.length;
    },
  },
  {
    table: "party_card",
    target: "party_card (id, member_id, number, org_path, issued_on, decision_number, chip_id, identity_ref, status)",
    *emit(cell, gen, s) {
      const from = Date.UTC(gen.asOfYear - 6, 0, 1) / 86_400_000;
      for (const m of cell.members) {
        if (m.officialOn === null || m.partyCardNumber === null || m.officialOn < from) continue;
        const issued = m.officialOn + 60 + (m.id % 140);
        if (issued >= gen.asOfDay || (m.leftOn !== null && issued >= m.leftOn)) continue;
        const id = ++s.id;
        yield copyLine([id, m.id, m.partyCardNumber, orgOn(m, issued).path, d(issued), `${m.id}-QĐ/TTh`, `C${String(m.id).padStart(10, "0")}`, m.nationalId, "active"]);
      }
    },
  },
  {
    table: "transfer",
    target: "transfer (id, member_id, kind, status, from_org_id, from_org_path, to_org_id, to_org_path, to_description, requested_on, issued_on, received_on, returned_on)",
    *emit(cell, gen, s) {
      for (const m of cell.members) {
        if (m.transfer) {
          const f = m.transfer.from;
          const on = m.transfer.on;
          yield copyLine([++s.id, m.id, "official", "received", f.id, f.path, m.org.id, m.org.path, null, d(on - 20), d(on - 7), d(on), null]);
        }
        if (m.temporaryTransferTo) {
          const t = m.temporaryTransferTo;
          const on = gen.asOfDay - 30 - (m.id % 300);
          yield copyLine([++s.id, m.id, "temporary", "received", m.org.id, m.org.path, t.id, t.path, null, d(on - 15), d(on - 5), d(on), null]);
        }
        if (m.status === "transferred_out" && m.leftOn !== null) {
          yield copyLine([++s.id, m.id, "official", "issued", m.org.id, m.org.path, null, null, m.id % 3 === 0 ? "Đảng bộ ngoài nước" : "Đảng bộ khối doanh nghiệp Trung ương", d(m.leftOn - 10), d(m.leftOn), null, null]);
        }
      }
    },
  },
  {
    table: "badge_award",
    target: "badge_award (id, member_id, org_path, years, proposed_on, awarded_on, decision_number)",
    *emit(cell, gen, s) {
      for (const m of cell.members) {
        for (const b of gen.badges(m)) {
          const id = ++s.id;
          yield copyLine([id, m.id, orgOn(m, b.proposedOn).path, b.years, d(b.proposedOn), d(b.awardedOn), b.awardedOn === null ? null : `${id}-QĐ/TU`]);
        }
      }
    },
  },
  {
    table: "removal",
    target: "removal (id, member_id, org_path, kind, removed_on, decision_number, reason)",
    *emit(cell, _gen, s) {
      for (const m of cell.members) {
        if (m.status !== "removed" || m.removalKind === null || m.leftOn === null) continue;
        yield copyLine([++s.id, m.id, orgOn(m, m.leftOn).path, m.removalKind, d(m.leftOn), `${m.id}-QĐ/UBKT`, null]);
      }
    },
  },
  {
    table: "death",
    target: "death (id, member_id, org_path, died_on)",
    *emit(cell, _gen, s) {
      for (const m of cell.members) {
        if (m.status !== "deceased" || m.leftOn === null) continue;
        yield copyLine([++s.id, m.id, orgOn(m, m.leftOn).path, d(m.leftOn)]);
      }
    },
  },
  {
    table: "quality_rating",
    target: "quality_rating (id, subject_kind, member_id, org_id, org_path, year, level, stage, locked)",
    *emit(cell, gen, s) {
      for (const year of gen.ratingYears()) {
        const end = END_OF_YEAR(year);
        for (const m of cell.members) {
          if (m.admittedOn > end - 60 || (m.leftOn !== null && m.leftOn <= end)) continue;
          const level = MEMBER_RATING.draw(new Rng(gen.seed ^ 0x7a7e, m.id * 4 + (year & 3)));
          yield copyLine([++s.id, "member", m.id, null, orgOn(m, end).path, year, level, "approved", true]);
        }
      }
    },
    *after(tree, gen, s) {
      const rated = new Set(["grassroots_committee", "grassroots_cell", "partial_committee", "subordinate_cell"]);
      for (const year of gen.ratingYears()) {
        for (const o of tree.orgs) {
          if (!rated.has(o.kind) || o.closedOn !== null) continue;
          const level = ORG_RATING.draw(new Rng(gen.seed ^ 0x0a7e ^ year, o.id));
          yield copyLine([++s.id, "organization", null, o.id, o.path, year, level, "approved", true]);
        }
      }
    },
  },
];

function* targets(tree: OrgTree, gen: MemberGenerator): Iterable<string> {
  const byId = new Map(tree.orgs.map((o) => [o.id, o]));
  const totals = new Map<number, number>();
  for (const o of tree.orgs) {
    if (o.members === 0) continue;
    for (let p: SeedOrg | undefined = o; p; p = p.parentId === null ? undefined : byId.get(p.parentId)) {
      totals.set(p.id, (totals.get(p.id) ?? 0) + o.members);
    }
  }
  for (let year = gen.asOfYear - 2; year <= gen.asOfYear; year++) {
    for (const o of tree.orgs) {
      const total = totals.get(o.id) ?? 0;
      if (o.kind === "provincial_committee") {
        yield copyLine([o.id, o.path, year, Math.max(10, Math.round((total * 0.032) / 10) * 10)]);
      } else if (o.kind === "grassroots_committee" && o.sector !== null && ["commune", "ward", "special_zone"].includes(o.sector)) {
        yield copyLine([o.id, o.path, year, Math.max(1, Math.round(total * 0.03))]);
      }
    }
  }
}

interface DroppedIndexes {
  indexes: { name: string; def: string }[];
  constraints: { table: string; name: string; def: string }[];
}

const BULK_TABLES = [
  "member", "membership_period", "admission_candidate", "admission", "party_card", "transfer", "badge_award",
  "removal", "death", "quality_rating",
];

async function dropSecondaryIndexes(db: Sql): Promise<DroppedIndexes> {
  const constraints = (
    await db.query<{ table: string; name: string; def: string }>(
      `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
       AND c.conrelid::regclass::text = ANY($1)`,
      [BULK_TABLES],
    )
  ).rows;
  const indexes = (
    await db.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes
       WHERE schemaname = 'public' AND tablename = ANY($1) AND indexname NOT LIKE '%\\_pkey'`,
      [BULK_TABLES],
    )
  ).rows;
  for (const c of constraints) await db.exec(`ALTER TABLE ${c.table} DROP CONSTRAINT "${c.name}"`);
  for (const i of indexes) await db.exec(`DROP INDEX "${i.name}"`);
  return { indexes, constraints };
}

async function restoreIndexes(db: Sql, dropped: DroppedIndexes): Promise<void> {
  for (const i of dropped.indexes) await db.exec(i.def);
  for (const c of dropped.constraints) await db.exec(`ALTER TABLE ${c.table} ADD CONSTRAINT "${c.name}" ${c.def}`);
}

async function resetSequences(db: Sql): Promise<void> {
  for (const t of ["party_organization", ...BULK_TABLES, "target"]) {
    await db.exec(`SELECT setval(pg_get_serial_sequence('"${t}"', 'id'), COALESCE((SELECT max(id) FROM "${t}"), 0) + 1, false)`);
  }
}
