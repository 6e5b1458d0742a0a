// Vietnam's administrative units before and after the 1 July 2025 reform (see data/SOURCE.md).
// The JSON/CSV files are read from ../data relative to this module (src/ in tests, dist/ when built; the
// package ships data/ next to dist/), once, on first use: importing the package costs nothing.
import { readFileSync } from "node:fs";
import { foldVietnamese } from "@orgboard/locale-vi";

export type Edition = "2024" | "2025";
export const EDITIONS = ["2024", "2025"] as const satisfies readonly Edition[];

/** Validity of each edition: inclusive ISO dates; null = open-ended. */
export const EDITION_VALIDITY: Readonly<Record<Edition, { validFrom: string | null; validTo: string | null }>> = {
  // The data is the state of 2025-03-01 … 2025-06-30; it is the best available for earlier dates too.
  "2024": { validFrom: null, validTo: "2025-06-30" },
  "2025": { validFrom: "2025-07-01", validTo: null },
};

export type UnitKind = "province" | "district" | "commune";

export interface AdminUnit {
  code: string;
  /** official full name, e.g. "Phường Trúc Bạch" */
  name: string;
  /** name without the unit-type word, e.g. "Trúc Bạch" */
  shortName: string;
  /** unit-type word(s), e.g. "Phường", "Tỉnh", "Thành phố trực thuộc trung ương", "Đặc khu" */
  type: string;
  /** 1 province; 2 district (2024) or commune (2025); 3 commune (2024) */
  level: 1 | 2 | 3;
  kind: UnitKind;
  parentCode: string | null;
  edition: Edition;
}

export type Coverage = "full" | "partial";

export interface MappingTarget {
  unit: AdminUnit;
  /** full: the whole old unit went here; partial: the old unit was split and this is one part */
  coverage: Coverage;
}

export interface OldToNewMapping {
  old: AdminUnit;
  /**
   * full: one target receives the whole unit; partial: split over several targets; abolished: a district
   * (no successor unit; its territory follows its province, see newProvince)
   */
  coverage: Coverage | "abolished";
  targets: MappingTarget[];
  /** the 2025 province the old unit's territory belongs to */
  newProvince: AdminUnit;
}

export interface NewToOldMapping {
  unit: AdminUnit;
  sources: { unit: AdminUnit; coverage: Coverage }[];
}

interface RawUnit {
  code: string;
  name: string;
  short_name: string;
  type: string;
  level: 1 | 2 | 3;
  parent: string | null;
}

interface EditionIndex {
  units: readonly AdminUnit[];
  byCode: ReadonlyMap<string, AdminUnit>;
  children: ReadonlyMap<string, readonly AdminUnit[]>;
  provinces: readonly AdminUnit[];
  folded: readonly { unit: AdminUnit; name: string; shortName: string }[];
}

interface MappingRow {
  level: "province" | "district" | "commune";
  oldCode: string;
  newCode: string;
  coverage: Coverage;
}

interface MappingIndex {
  rows: readonly MappingRow[];
  byOld: ReadonlyMap<string, readonly MappingRow[]>;
  byNew: ReadonlyMap<string, readonly MappingRow[]>;
}

const dataUrl = (file: string) => new URL(`../data/${file}`, import.meta.url);

const editionCache = new Map<Edition, EditionIndex>();
let mappingCache: MappingIndex | undefined;

function kindOf(edition: Edition, level: number): UnitKind {
  if (level === 1) return "province";
  if (edition === "2024" && level === 2) return "district";
  return "commune";
}

function assertEdition(edition: string): asserts edition is Edition {
  if (edition !== "2024" && edition !== "2025") {
    throw new RangeError(`edition must be "2024" or "2025", got ${JSON.stringify(edition)}`);
  }
}

function loadEdition(edition: Edition): EditionIndex {
  const cached = editionCache.get(edition);
  if (cached) return cached;
  const raw = JSON.parse(readFileSync(dataUrl(`units-${edition}.json`), "utf8")) as { units: RawUnit[] };
  const units: AdminUnit[] = raw.units.map((u) =>
    Object.freeze({
      code: u.code,
      name: u.name,
      shortName: u.short_name,
      type: u.type,
      level: u.level,
      kind: kindOf(edition, u.level),
      parentCode: u.parent,
      edition,
    }),
  );
  const byCode = new Map<string, AdminUnit>();
  const children = new Map<string, AdminUnit[]>();
  for (const u of units) {
    byCode.set(u.code, u);
    if (u.parentCode !== null) push(children, u.parentCode, u);
  }
  const index: EditionIndex = {
    units: Object.freeze(units),
    byCode,
    children,
    provinces: Object.freeze(units.filter((u) => u.level === 1)),
    folded: units.map((unit) => ({ unit, name: foldVietnamese(unit.name), shortName: foldVietnamese(unit.shortName) })),
  };
  editionCache.set(edition, index);
  return index;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function loadMapping(): MappingIndex {
  if (mappingCache) return mappingCache;
  const text = readFileSync(dataUrl("mapping-2025.csv"), "utf8");
  const lines = text.split("\n").filter((l) => l.length > 0);
  const header = lines.shift();
  if (header !== "level,old_code,old_name,new_code,new_name,coverage,note") {
    throw new Error(`mapping-2025.csv: unexpected header ${JSON.stringify(header)}`);
  }
  const rows: MappingRow[] = [];
  const byOld = new Map<string, MappingRow[]>();
  const byNew = new Map<string, MappingRow[]>();
  for (const line of lines) {
    // The file has no quoted fields (checked by a test: names contain no commas or quotes).
    const [level, oldCode, , newCode, , coverage] = line.split(",");
    const row = { level, oldCode, newCode, coverage } as MappingRow;
    rows.push(row);
    push(byOld, row.oldCode, row);
    push(byNew, row.newCode, row);
  }
  mappingCache = { rows, byOld, byNew };
  return mappingCache;
}

/** All units of an edition, ordered province → (district →) commune as published. */
export function getUnits(edition: Edition): readonly AdminUnit[] {
  assertEdition(edition);
  return loadEdition(edition).units;
}

export function getUnit(edition: Edition, code: string): AdminUnit | undefined {
  assertEdition(edition);
  return loadEdition(edition).byCode.get(code);
}

export function getProvinces(edition: Edition): readonly AdminUnit[] {
  assertEdition(edition);
  return loadEdition(edition).provinces;
}

/** Direct children (districts of a 2024 province, communes of a district or of a 2025 province). */
export function getChildren(edition: Edition, code: string): readonly AdminUnit[] {
  assertEdition(edition);
  return loadEdition(edition).children.get(code) ?? [];
}

/** The unit and its ancestors, province first. Empty if the code is unknown. */
export function getLineage(edition: Edition, code: string): AdminUnit[] {
  const out: AdminUnit[] = [];
  let unit = getUnit(edition, code);
  while (unit) {
    out.unshift(unit);
    unit = unit.parentCode === null ? undefined : getUnit(edition, unit.parentCode);
  }
  return out;
}

function toIsoDate(date: string | Date): string {
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) throw new RangeError("onDate is an invalid Date");
    // Calendar date in Vietnam (UTC+7, no daylight saving).
    return new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`onDate must be yyyy-mm-dd, got ${JSON.stringify(date)}`);
  return date;
}

/** The edition in force on a date (a Date is read as a calendar date in Vietnam). */
export function editionOn(date: string | Date): Edition {
  return toIsoDate(date) <= EDITION_VALIDITY["2024"].validTo! ? "2024" : "2025";
}

/** The unit with this code as it was on that date, or undefined if no such unit existed then. */
export function findUnit(code: string, onDate: string | Date): AdminUnit | undefined {
  return getUnit(editionOn(onDate), code);
}

export type UnitResolution =
  | { ok: true; unit: AdminUnit }
  | { ok: false; reason: "unknown_admin_unit" | "admin_unit_not_in_force"; message: string };

/**
 * Resolves a code in the edition in force on `onDate`: "52" on 2020-01-01 is Bình Định (2024 edition), on
 * 2025-07-01 Gia Lai (2025 edition); district codes (3 digits, 2024 edition) resolve for dates up to
 * 2025-06-30. With `laterEdition`, a date before the reform also accepts a code found only in the 2025
 * edition (a body founded before the reform that names its present unit); a date from 1 July 2025 never
 * accepts a unit that existed only before it. Messages are Vietnamese first, then English.
 */
export function resolveUnit(code: string, onDate: string | Date, options: { laterEdition?: boolean } = {}): UnitResolution {
  const edition = editionOn(onDate);
  const unit = getUnit(edition, code);
  if (unit) return { ok: true, unit };
  if (edition === "2024") {
    const later = getUnit("2025", code);
    if (later && options.laterEdition) return { ok: true, unit: later };
    if (later) {
      return { ok: false, reason: "admin_unit_not_in_force", message: `mã "${code}" (${later.name}) chỉ có từ 01/07/2025 / "${code}" (${later.name}) exists only from 01/07/2025` };
    }
  } else {
    const earlier = getUnit("2024", code);
    if (earlier) {
      return {
        ok: false,
        reason: "admin_unit_not_in_force",
        message: `mã "${code}" (${earlier.name}) chỉ có đến 30/06/2025, không dùng cho ngày ${toIsoDate(onDate)} / "${code}" (${earlier.name}) existed only until 30/06/2025, not on ${toIsoDate(onDate)}`,
      };
    }
  }
  return { ok: false, reason: "unknown_admin_unit", message: `"${code}" không phải mã đơn vị hành chính / is not an administrative unit code` };
}

/**
 * Where an old (2024-edition) unit went on 1 July 2025. Provinces and communes map to one (full) or
 * several (partial: split) new units; the five island districts to their special zone; any other
 * district was abolished (coverage "abolished", no target). Undefined if the code is not an old unit.
 */
export function mapOldToNew(code: string): OldToNewMapping | undefined {
  const old = getUnit("2024", code);
  if (!old) return undefined;
  const rows = loadMapping().byOld.get(code) ?? [];
  const targets = rows.map((r) => ({ unit: getUnit("2025", r.newCode)!, coverage: r.coverage }));
  const oldProvinceCode = getLineage("2024", code)[0]!.code;
  const provinceRow = loadMapping().byOld.get(oldProvinceCode)!.find((r) => r.level === "province")!;
  const newProvince = getUnit("2025", provinceRow.newCode)!;
  if (targets.length === 0) return { old, coverage: "abolished", targets, newProvince };
  const coverage: Coverage = targets.some((t) => t.coverage === "partial") ? "partial" : "full";
  return { old, coverage, targets, newProvince };
}

/** The old units a new (2025-edition) unit was formed from. Undefined if the code is not a new unit. */
export function mapNewToOld(code: string): NewToOldMapping | undefined {
  const unit = getUnit("2025", code);
  if (!unit) return undefined;
  const rows = loadMapping().byNew.get(code) ?? [];
  return { unit, sources: rows.map((r) => ({ unit: getUnit("2024", r.oldCode)!, coverage: r.coverage })) };
}

/** Number of rows of the mapping table by level (for reports and checks). */
export function mappingRowCounts(): Record<MappingRow["level"], number> {
  const counts = { province: 0, district: 0, commune: 0 };
  for (const r of loadMapping().rows) counts[r.level]++;
  return counts;
}

export interface SearchOptions {
  edition: Edition;
  kind?: UnitKind;
  /** only units inside this unit (any depth) */
  within?: string;
  /** at most this many results (default 20) */
  limit?: number;
}

/**
 * Accent-insensitive name search ("thai nguyen", "Hoa Binh" finds "Hoà Bình" and "Hòa Bình"). Ranked:
 * exact short name, then short name starting with the query, then names containing it; then by level
 * and code.
 */
export function searchUnits(query: string, options: SearchOptions): AdminUnit[] {
  assertEdition(options.edition);
  const q = foldVietnamese(query);
  if (q === "") return [];
  const limit = options.limit ?? 20;
  const index = loadEdition(options.edition);
  const hits: { unit: AdminUnit; rank: number }[] = [];
  for (const f of index.folded) {
    if (options.kind && f.unit.kind !== options.kind) continue;
    let rank: number;
    if (f.shortName === q || f.name === q) rank = 0;
    else if (f.shortName.startsWith(q)) rank = 1;
    else if (f.name.includes(q)) rank = 2;
    else continue;
    if (options.within !== undefined && !getLineage(options.edition, f.unit.code).some((u) => u.code === options.within)) continue;
    hits.push({ unit: f.unit, rank });
  }
  hits.sort((a, b) => a.rank - b.rank || a.unit.level - b.unit.level || (a.unit.code < b.unit.code ? -1 : 1));
  return hits.slice(0, limit).map((h) => h.unit);
}
