import { readFileSync } from "node:fs";
import { foldVietnamese } from "@orgboard/locale-vi";
import { describe, expect, it } from "vitest";
import {
  EDITION_VALIDITY,
  editionOn,
  findUnit,
  resolveUnit,
  getChildren,
  getLineage,
  getProvinces,
  getUnit,
  getUnits,
  mapNewToOld,
  mapOldToNew,
  mappingRowCounts,
  searchUnits,
  type AdminUnit,
  type Edition,
} from "../src/index.js";

const countBy = (units: readonly AdminUnit[], key: (u: AdminUnit) => string) => {
  const out: Record<string, number> = {};
  for (const u of units) out[key(u)] = (out[key(u)] ?? 0) + 1;
  return out;
};

describe("editions (counts from data/SOURCE.md)", () => {
  it("2024: 63 provinces, 696 districts, 10,035 communes", () => {
    const units = getUnits("2024");
    expect(units).toHaveLength(10_794);
    expect(countBy(units, (u) => u.kind)).toEqual({ province: 63, district: 696, commune: 10_035 });
    expect(countBy(units.filter((u) => u.level === 1), (u) => u.type)).toEqual({ "Tỉnh": 57, "Thành phố trực thuộc trung ương": 6 });
    expect(countBy(units.filter((u) => u.level === 3), (u) => u.type)).toEqual({ "Xã": 7_692, "Phường": 1_726, "Thị trấn": 617 });
    expect(countBy(units.filter((u) => u.level === 2), (u) => u.type)).toEqual({
      "Huyện": 508,
      "Thành phố thuộc tỉnh": 86,
      "Thị xã": 52,
      "Quận": 49,
      "Thành phố thuộc thành phố trực thuộc trung ương": 1,
    });
  });

  it("2025: 34 provinces, 3,321 communes (2,621 xã, 687 phường, 13 đặc khu)", () => {
    const units = getUnits("2025");
    expect(units).toHaveLength(3_355);
    expect(countBy(units, (u) => u.kind)).toEqual({ province: 34, commune: 3_321 });
    expect(countBy(units.filter((u) => u.level === 2), (u) => u.type)).toEqual({ "Xã": 2_621, "Phường": 687, "Đặc khu": 13 });
    expect(getProvinces("2025")).toHaveLength(34);
    expect(getProvinces("2024")).toHaveLength(63);
  });

  it("every unit's parent exists and has the level above", () => {
    for (const edition of ["2024", "2025"] as Edition[]) {
      for (const u of getUnits(edition)) {
        if (u.level === 1) {
          expect(u.parentCode).toBeNull();
          continue;
        }
        const parent = getUnit(edition, u.parentCode!);
        expect(parent?.level).toBe(u.level - 1);
      }
    }
  });

  // Per-province totals after 1 July 2025 (table "Units per province" in SOURCE.md).
  const perProvince: [string, string, number, number, number, number][] = [
    ["01", "Thành phố Hà Nội", 75, 51, 0, 126],
    ["04", "Tỉnh Cao Bằng", 53, 3, 0, 56],
    ["08", "Tỉnh Tuyên Quang", 117, 7, 0, 124],
    ["11", "Tỉnh Điện Biên", 42, 3, 0, 45],
    ["12", "Tỉnh Lai Châu", 36, 2, 0, 38],
    ["14", "Tỉnh Sơn La", 67, 8, 0, 75],
    ["15", "Tỉnh Lào Cai", 89, 10, 0, 99],
    ["19", "Tỉnh Thái Nguyên", 77, 15, 0, 92],
    ["20", "Tỉnh Lạng Sơn", 61, 4, 0, 65],
    ["22", "Tỉnh Quảng Ninh", 22, 30, 2, 54],
    ["24", "Tỉnh Bắc Ninh", 66, 33, 0, 99],
    ["25", "Tỉnh Phú Thọ", 133, 15, 0, 148],
    ["31", "Thành phố Hải Phòng", 67, 45, 2, 114],
    ["33", "Tỉnh Hưng Yên", 93, 11, 0, 104],
    ["37", "Tỉnh Ninh Bình", 97, 32, 0, 129],
    ["38", "Tỉnh Thanh Hóa", 147, 19, 0, 166],
    ["40", "Tỉnh Nghệ An", 119, 11, 0, 130],
    ["42", "Tỉnh Hà Tĩnh", 60, 9, 0, 69],
    ["44", "Tỉnh Quảng Trị", 69, 8, 1, 78],
    ["46", "Thành phố Huế", 19, 21, 0, 40],
    ["48", "Thành phố Đà Nẵng", 70, 23, 1, 94],
    ["51", "Tỉnh Quảng Ngãi", 86, 9, 1, 96],
    ["52", "Tỉnh Gia Lai", 110, 25, 0, 135],
    ["56", "Tỉnh Khánh Hòa", 48, 16, 1, 65],
    ["66", "Tỉnh Đắk Lắk", 88, 14, 0, 102],
    ["68", "Tỉnh Lâm Đồng", 103, 20, 1, 124],
    ["75", "Tỉnh Đồng Nai", 72, 23, 0, 95],
    ["79", "Thành phố Hồ Chí Minh", 54, 113, 1, 168],
    ["80", "Tỉnh Tây Ninh", 82, 14, 0, 96],
    ["82", "Tỉnh Đồng Tháp", 82, 20, 0, 102],
    ["86", "Tỉnh Vĩnh Long", 105, 19, 0, 124],
    ["91", "Tỉnh An Giang", 85, 14, 3, 102],
    ["92", "Thành phố Cần Thơ", 72, 31, 0, 103],
    ["96", "Tỉnh Cà Mau", 55, 9, 0, 64],
  ];
  it.each(perProvince)("2025 province %s %s: %i xã, %i phường, %i đặc khu, %i in all", (code, name, xa, phuong, dacKhu, total) => {
    expect(getUnit("2025", code)?.name).toBe(name);
    const children = getChildren("2025", code);
    expect(children).toHaveLength(total);
    const byType = countBy(children, (u) => u.type);
    expect([byType["Xã"] ?? 0, byType["Phường"] ?? 0, byType["Đặc khu"] ?? 0]).toEqual([xa, phuong, dacKhu]);
  });

  it("children and lineage of the 2024 three-level tree", () => {
    expect(getLineage("2024", "00004").map((u) => u.name)).toEqual(["Thành phố Hà Nội", "Quận Ba Đình", "Phường Trúc Bạch"]);
    expect(getChildren("2024", "001").map((u) => u.kind)).toEqual(Array(getChildren("2024", "001").length).fill("commune"));
    expect(getChildren("2024", "01").every((u) => u.kind === "district")).toBe(true);
    expect(getChildren("2024", "00004")).toEqual([]);
    expect(getChildren("2024", "nope")).toEqual([]);
    expect(getLineage("2025", "nope")).toEqual([]);
  });
});

describe("findUnit and validity", () => {
  it("the 2024 edition is valid until 2025-06-30, the 2025 edition from 2025-07-01", () => {
    expect(EDITION_VALIDITY).toEqual({
      "2024": { validFrom: null, validTo: "2025-06-30" },
      "2025": { validFrom: "2025-07-01", validTo: null },
    });
    expect(editionOn("2025-06-30")).toBe("2024");
    expect(editionOn("2025-07-01")).toBe("2025");
    expect(editionOn("2019-01-01")).toBe("2024");
    expect(editionOn("2030-12-31")).toBe("2025");
  });

  it("Bắc Kạn (06) exists on 30/06/2025 but not on 01/07/2025", () => {
    expect(findUnit("06", "2025-06-30")?.name).toBe("Tỉnh Bắc Kạn");
    expect(findUnit("06", "2025-07-01")).toBeUndefined();
    expect(findUnit("19", "2025-06-30")?.edition).toBe("2024");
    expect(findUnit("19", "2025-07-01")).toMatchObject({ name: "Tỉnh Thái Nguyên", edition: "2025", kind: "province" });
    expect(findUnit("001", "2025-07-01")).toBeUndefined(); // districts are gone
  });

  it("resolveUnit: a code in the edition of the date asked (#10 finding 5)", () => {
    // 52 is Bình Định until 30/06/2025 and the merged Gia Lai from 01/07/2025.
    expect(resolveUnit("52", "2020-03-01")).toMatchObject({ ok: true, unit: { name: "Tỉnh Bình Định", edition: "2024" } });
    expect(resolveUnit("52", "2020-03-01", { laterEdition: true })).toMatchObject({ ok: true, unit: { name: "Tỉnh Bình Định", edition: "2024" } });
    expect(resolveUnit("52", "2025-07-01")).toMatchObject({ ok: true, unit: { name: "Tỉnh Gia Lai", edition: "2025" } });
    // A district (3 digits, 2024 edition) before the reform; refused from 01/07/2025, naming the dates.
    expect(resolveUnit("001", "2025-06-30")).toMatchObject({ ok: true, unit: { name: "Quận Ba Đình", kind: "district" } });
    const after = resolveUnit("001", "2025-07-01");
    expect(after).toMatchObject({ ok: false, reason: "admin_unit_not_in_force" });
    expect(after.ok ? "" : after.message).toMatch(/^mã "001" \(Quận Ba Đình\) chỉ có đến 30\/06\/2025.* \/ .*existed only until 30\/06\/2025/);
    // Bắc Kạn (06) for a body founded in 2026: not in force.
    expect(resolveUnit("06", "2026-01-01")).toMatchObject({ ok: false, reason: "admin_unit_not_in_force" });
    expect(resolveUnit("99", "2020-01-01")).toMatchObject({ ok: false, reason: "unknown_admin_unit" });
    // A 2025-only commune code before the reform: only with laterEdition.
    const only2025 = getUnits("2025").find((u) => u.kind === "commune" && !findUnit(u.code, "2025-06-30"));
    expect(only2025).toBeDefined();
    expect(resolveUnit(only2025!.code, "2020-01-01")).toMatchObject({ ok: false, reason: "admin_unit_not_in_force" });
    expect(resolveUnit(only2025!.code, "2020-01-01", { laterEdition: true })).toMatchObject({ ok: true, unit: { edition: "2025" } });
  });

  it("reads a Date as the calendar date in Vietnam", () => {
    // 2025-06-30T17:30Z is 00:30 on 1 July in Hà Nội
    expect(editionOn(new Date("2025-06-30T17:30:00Z"))).toBe("2025");
    expect(editionOn(new Date("2025-06-30T16:59:59Z"))).toBe("2024");
  });

  it("rejects malformed dates and editions with a clear error", () => {
    expect(() => findUnit("01", "30/06/2025")).toThrow(/onDate must be yyyy-mm-dd/);
    expect(() => editionOn(new Date("x"))).toThrow(/invalid Date/);
    expect(() => getUnits("2023" as Edition)).toThrow(/edition must be "2024" or "2025"/);
  });
});

describe("mapping old → new", () => {
  it("has 10,634 rows: 63 province, 5 district, 10,566 commune", () => {
    expect(mappingRowCounts()).toEqual({ province: 63, district: 5, commune: 10_566 });
    const text = readFileSync(new URL("../data/mapping-2025.csv", import.meta.url), "utf8");
    expect(text.split("\n").filter((l) => l).length - 1).toBe(10_634);
    expect(text).not.toContain('"'); // no quoted fields, so the simple split is exact
    for (const line of text.split("\n").filter((l) => l)) expect(line.split(",")).toHaveLength(7);
  });

  it("Bắc Kạn 06 → Thái Nguyên 19 (full)", () => {
    const m = mapOldToNew("06")!;
    expect(m.coverage).toBe("full");
    expect(m.targets.map((t) => [t.unit.code, t.unit.name, t.coverage])).toEqual([["19", "Tỉnh Thái Nguyên", "full"]]);
    expect(m.newProvince.code).toBe("19");
    expect(mapNewToOld("19")!.sources.map((s) => s.unit.code).sort()).toEqual(["06", "19"]);
  });

  it("all 63 old provinces map to exactly one of the 34 new ones; 11 unchanged, 17 from 2, 6 from 3", () => {
    for (const p of getProvinces("2024")) {
      const m = mapOldToNew(p.code)!;
      expect(m.coverage).toBe("full");
      expect(m.targets).toHaveLength(1);
    }
    const sizes = getProvinces("2025").map((p) => mapNewToOld(p.code)!.sources.length);
    expect(countBy(sizes.map((n) => ({ code: String(n) }) as AdminUnit), (u) => u.code)).toEqual({ "1": 11, "2": 17, "3": 6 });
  });

  it("all 10,035 old communes are mapped; 441 split (369 in 2, 55 in 3, 16 in 4, 1 in 5)", () => {
    const splits: Record<number, number> = {};
    let whole = 0;
    for (const u of getUnits("2024")) {
      if (u.kind !== "commune") continue;
      const m = mapOldToNew(u.code)!;
      expect(m.targets.length).toBeGreaterThan(0);
      for (const t of m.targets) expect(m.newProvince.code).toBe(t.unit.parentCode); // same province
      if (m.coverage === "full") {
        expect(m.targets).toHaveLength(1);
        whole++;
      } else splits[m.targets.length] = (splits[m.targets.length] ?? 0) + 1;
    }
    expect(whole).toBe(9_594);
    expect(splits).toEqual({ 2: 369, 3: 55, 4: 16, 5: 1 });
  });

  it("a commune split five ways: Phường Đại Mỗ (00634)", () => {
    const m = mapOldToNew("00634")!;
    expect(m.coverage).toBe("partial");
    expect(m.targets.map((t) => t.unit.name).sort()).toEqual(
      ["Phường Dương Nội", "Phường Hà Đông", "Phường Tây Mỗ", "Phường Xuân Phương", "Phường Đại Mỗ"].sort(),
    );
  });

  it("districts: the five island districts become special zones, the others are abolished", () => {
    expect(mapOldToNew("755")).toMatchObject({ coverage: "full", targets: [{ unit: { name: "Đặc khu Côn Đảo" } }] });
    const baDinh = mapOldToNew("001")!;
    expect(baDinh).toMatchObject({ coverage: "abolished", targets: [], newProvince: { code: "01" } });
    expect(mapOldToNew("99999")).toBeUndefined();
    expect(mapNewToOld("06")).toBeUndefined();
  });

  it("every new commune has sources; distribution of source counts as in SOURCE.md", () => {
    const dist: Record<number, number> = {};
    for (const u of getUnits("2025")) {
      if (u.kind !== "commune") continue;
      const n = mapNewToOld(u.code)!.sources.length;
      dist[n] = (dist[n] ?? 0) + 1;
    }
    expect(dist).toEqual({ 1: 140, 2: 759, 3: 1509, 4: 559, 5: 177, 6: 86, 7: 39, 8: 24, 9: 13, 10: 6, 11: 3, 12: 5, 14: 1 });
    expect(mapNewToOld("00070")!.sources).toHaveLength(14); // Phường Hoàn Kiếm
  });
});

describe("searchUnits", () => {
  it("is accent-insensitive and ranks exact short names first", () => {
    expect(searchUnits("thai nguyen", { edition: "2025", kind: "province" }).map((u) => u.code)).toEqual(["19"]);
    expect(searchUnits("THÁI NGUYÊN", { edition: "2025" })[0]?.code).toBe("19");
    expect(searchUnits("da nang", { edition: "2025" })[0]?.name).toBe("Thành phố Đà Nẵng");
  });

  it("matches both tone placements (Hoà Bình / Hòa Bình)", () => {
    const hits = searchUnits("hoa binh", { edition: "2024", limit: 100 });
    expect(hits[0]?.name).toBe("Tỉnh Hoà Bình");
    expect(hits.some((u) => u.name.includes("Hòa Bình"))).toBe(true);
    expect(foldVietnamese("Hoà Bình")).toBe(foldVietnamese("Hòa Bình"));
  });

  it("filters by kind, ancestor and limit", () => {
    const inHanoi = searchUnits("phuong", { edition: "2025", within: "01", limit: 500 });
    // all 51 wards of Hà Nội, plus the communes whose name contains "Phương" (Xã Phương Dực, …)
    expect(inHanoi.filter((u) => u.type === "Phường")).toHaveLength(51);
    expect(inHanoi.filter((u) => u.type !== "Phường").every((u) => foldVietnamese(u.shortName).includes("phuong"))).toBe(true);
    expect(inHanoi.every((u) => u.parentCode === "01")).toBe(true);
    expect(searchUnits("xa", { edition: "2025", limit: 5 })).toHaveLength(5);
    expect(searchUnits("   ", { edition: "2025" })).toEqual([]);
    expect(searchUnits("zzzz", { edition: "2025" })).toEqual([]);
    expect(searchUnits("ba dinh", { edition: "2024", kind: "district" }).map((u) => u.code)).toEqual(["001"]);
  });

  it("is fast after the first load", () => {
    getUnits("2024");
    const t0 = performance.now();
    for (let i = 0; i < 100_000; i++) findUnit("00004", "2025-01-01");
    const t1 = performance.now();
    for (let i = 0; i < 20; i++) searchUnits("son", { edition: "2024" });
    const t2 = performance.now();
    // Bounds several times the idle machine's figures (~µs per lookup, a few ms per search): they catch a
    // reload per call (hundreds of ms each), not a loaded CI machine.
    expect(t1 - t0).toBeLessThan(2_000);
    expect((t2 - t1) / 20).toBeLessThan(200); // ms per search over 10,794 units
  });
});
