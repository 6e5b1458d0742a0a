// The synthetic organization tree, attached to the real 2025 administrative units (34 provinces, 3,321
// communes) plus the 6 party committees directly under the Central Committee. Shape (see
// docs/membership-data.md): province → commune party committees (grassroots committees with village /
// residential-group cells and a few partial committees) + 4 provincial blocs (upper-grassroots
// committees: party agencies, people's committee, police, military) holding grassroots cells and
// committees of agencies, schools, enterprises … At national scale: ≈ 52,000 grassroots organizations and
// ≈ 5.6 million members, the figures published for 2020 and January 2026.
import { getChildren, getProvinces, mapNewToOld, mapOldToNew, type AdminUnit } from "@orgboard/admin-units";
import { Rng, Weighted } from "@orgboard/random";
import type { OrgKind, Sector } from "../domain/enums.js";
import { regionOf, type Region } from "./names.js";

export type SeedScale = "demo" | "province" | "national" | "skeleton";

/**
 * Which administrative units the tree stands on. "2025" (default): the 34 provinces and 3,321 communes in
 * force since 01/07/2025, no district level. "2024": the 63 provinces, their districts and 10,035 communes
 * as they were until 30/06/2025, with a district-level committee (upper-grassroots, on the district unit)
 * between each province and its communes — the data restructuring replays the 2025 merger on (#14).
 */
export type SeedUnits = "2024" | "2025";
export const SEED_UNITS = ["2024", "2025"] as const satisfies readonly SeedUnits[];
export const SEED_SCALES = ["demo", "province", "national", "skeleton"] as const satisfies readonly SeedScale[];

export interface SeedOrg {
  id: number;
  parentId: number | null;
  path: string;
  depth: number;
  kind: OrgKind;
  code: string;
  name: string;
  adminUnitCode: string | null;
  adminUnitEdition: string | null;
  sector: Sector | null;
  openedOn: string;
  closedOn: string | null;
  /** Provinces' old (pre-2025) codes: birth places of their people (national ID prefixes). */
  birthProvinceCodes: readonly string[];
  region: Region;
  /** Index of the top-level committee this org belongs to (for picking transfer partners). */
  topIndex: number;
  /** Active members to generate (cells only). */
  members: number;
}

export interface ScaleSpec {
  provinces: readonly string[] | "all";
  central: boolean;
  /** max communes per province (undefined = all) */
  communesPerProvince?: number;
  /** non-commune grassroots organizations per commune of the province */
  blocGrassrootsPerCommune: number;
  cellsPerCommune: [mean: number, sd: number];
  membersPerVillageCell: [mean: number, sd: number];
  /** fewest cells per commune (default 4) */
  minCellsPerCommune?: number;
  /** share of communes with a partial committee (police) of 2-4 cells (default 0.2) */
  partialShare?: number;
  /** grassroots organizations of a district committee's own agencies (2024 units; default 1-3) */
  districtGrassroots?: [min: number, max: number];
}

export const SCALES: Record<SeedScale, ScaleSpec> = {
  demo: {
    // Hà Nội and Hải Phòng: the demo officials of the realm (hn.*, hp.diemcau) have data in their scope.
    provinces: ["01", "31", "46"],
    central: false,
    communesPerProvince: 4,
    blocGrassrootsPerCommune: 2,
    cellsPerCommune: [9, 2],
    membersPerVillageCell: [36, 8],
  },
  province: {
    provinces: ["01"],
    central: false,
    blocGrassrootsPerCommune: 14.4,
    cellsPerCommune: [18, 5],
    membersPerVillageCell: [50, 15],
  },
  national: {
    provinces: "all",
    central: true,
    blocGrassrootsPerCommune: 14.4,
    cellsPerCommune: [18, 5],
    membersPerVillageCell: [50, 15],
  },
  // Every province and every commune (63 / 10,035 on the 2024 units), each with as few organizations and
  // members as keep the shape: the smallest data on which restructuring's whole national plan runs end to
  // end (a CLI test in CI), ≈ 33,000 organizations and ≈ 100,000 members.
  skeleton: {
    provinces: "all",
    central: false,
    blocGrassrootsPerCommune: 0,
    cellsPerCommune: [1, 0],
    membersPerVillageCell: [3, 1],
    minCellsPerCommune: 1,
    partialShare: 0,
    districtGrassroots: [1, 1],
  },
};

const OPENED = "1960-01-01";

const BLOCS: { suffix: string; name: string; share: number; sectors: Weighted<Sector> }[] = [
  {
    suffix: "K1",
    name: "Đảng bộ các cơ quan Đảng",
    share: 0.3,
    sectors: new Weighted<Sector>([["party_mass_org_agency", 6], ["state_agency", 2], ["public_service_unit", 1]]),
  },
  {
    suffix: "K2",
    name: "Đảng bộ Ủy ban nhân dân",
    share: 0.45,
    sectors: new Weighted<Sector>([
      ["state_agency", 5], ["school", 6], ["public_service_unit", 4], ["state_enterprise", 2],
      ["non_state_enterprise", 4], ["foreign_invested_enterprise", 1], ["cooperative", 1],
      ["non_public_service_unit", 1],
    ]),
  },
  { suffix: "K3", name: "Đảng bộ Công an", share: 0.12, sectors: new Weighted<Sector>([["police", 1]]) },
  { suffix: "K4", name: "Đảng bộ Quân sự", share: 0.13, sectors: new Weighted<Sector>([["armed_forces", 1]]) },
];

const CENTRAL: { code: string; name: string; sectors: Weighted<Sector>; provinceShare: number }[] = [
  { code: "TW1", name: "Đảng bộ Quân đội", sectors: new Weighted<Sector>([["armed_forces", 1]]), provinceShare: 1 },
  { code: "TW2", name: "Đảng bộ Công an Trung ương", sectors: new Weighted<Sector>([["police", 1]]), provinceShare: 1 },
  { code: "TW3", name: "Đảng bộ các cơ quan Đảng Trung ương", sectors: new Weighted<Sector>([["party_mass_org_agency", 1]]), provinceShare: 0.6 },
  {
    code: "TW4",
    name: "Đảng bộ Chính phủ",
    sectors: new Weighted<Sector>([["state_agency", 3], ["state_enterprise", 3], ["public_service_unit", 2], ["school", 1]]),
    provinceShare: 1.2,
  },
  { code: "TW5", name: "Đảng bộ Quốc hội", sectors: new Weighted<Sector>([["state_agency", 1]]), provinceShare: 0.2 },
  { code: "TW6", name: "Đảng bộ Mặt trận Tổ quốc Việt Nam và các đoàn thể Trung ương", sectors: new Weighted<Sector>([["party_mass_org_agency", 1]]), provinceShare: 0.3 },
];

const SECTOR_UNIT: Partial<Record<Sector, string>> = {
  party_mass_org_agency: "Ban",
  state_agency: "Sở",
  public_service_unit: "Trung tâm",
  school: "Trường",
  non_public_service_unit: "Bệnh viện tư thục",
  state_enterprise: "Tổng công ty",
  non_state_enterprise: "Công ty cổ phần",
  foreign_invested_enterprise: "Công ty TNHH",
  cooperative: "Hợp tác xã",
  armed_forces: "Trung đoàn",
  police: "Phòng",
};

const communeSector = (u: AdminUnit): Sector =>
  u.type === "Phường" ? "ward" : u.type === "Đặc khu" ? "special_zone" : "commune";

export interface OrgTree {
  orgs: SeedOrg[];
  /** member-holding cells grouped by top-level committee index */
  cellsByTop: SeedOrg[][];
}

/** The 2025 communes a 2024 commune was split over (none when it went whole to one). */
function splitTargets(code: string): string[] {
  const m = mapOldToNew(code);
  return m && m.coverage === "partial" ? m.targets.map((t) => t.unit.code) : [];
}

export function buildOrgTree(scale: SeedScale, seed: number, units: SeedUnits = "2025"): OrgTree {
  const spec = SCALES[scale];
  const edition = units;
  const rng = new Rng(seed, 0x0f9);
  const orgs: SeedOrg[] = [];
  const cellsByTop: SeedOrg[][] = [];

  const add = (o: Omit<SeedOrg, "id" | "path" | "depth" | "openedOn" | "closedOn"> & { closedOn?: string | null }, parent: SeedOrg | null): SeedOrg => {
    const org: SeedOrg = {
      ...o,
      id: orgs.length + 1,
      path: `${parent ? parent.path : "/"}${o.code}/`,
      depth: parent ? parent.depth + 1 : 1,
      openedOn: OPENED,
      closedOn: o.closedOn ?? null,
    };
    orgs.push(org);
    if (org.members > 0) cellsByTop[org.topIndex]!.push(org);
    return org;
  };

  const cellMembers = (mean: number, sd: number) => rng.normalInt(mean, sd, 3, mean * 3);

  /** A grassroots organization (cell or committee) of an agency/school/enterprise under a bloc. */
  const grassroots = (parent: SeedOrg, code: string, sector: Sector, i: number, unitCode: string | null) => {
    const base = {
      adminUnitCode: unitCode,
      adminUnitEdition: unitCode ? edition : null,
      sector,
      birthProvinceCodes: parent.birthProvinceCodes,
      region: parent.region,
      topIndex: parent.topIndex,
    };
    const unitName = `${SECTOR_UNIT[sector] ?? "Đơn vị"} số ${i}`;
    if (rng.chance(0.7)) {
      add({ ...base, parentId: parent.id, kind: "grassroots_cell", code, name: `Chi bộ ${unitName}`, members: cellMembers(28, 12) }, parent);
      return;
    }
    const committee = add({ ...base, parentId: parent.id, kind: "grassroots_committee", code, name: `Đảng bộ ${unitName}`, members: 0 }, parent);
    const cells = rng.int(3, 6);
    for (let c = 1; c <= cells; c++) {
      add({ ...base, parentId: committee.id, kind: "subordinate_cell", code: `${code}-${String(c).padStart(2, "0")}`, name: `Chi bộ ${c}`, members: cellMembers(22, 8) }, committee);
    }
    if (rng.chance(0.15)) {
      const partial = add({ ...base, parentId: committee.id, kind: "partial_committee", code: `${code}-B1`, name: `Đảng bộ bộ phận 1`, members: 0 }, committee);
      const pc = rng.int(2, 4);
      for (let c = 1; c <= pc; c++) {
        add({ ...base, parentId: partial.id, kind: "subordinate_cell", code: `${code}-B1-${String(c).padStart(2, "0")}`, name: `Chi bộ ${c}`, members: cellMembers(22, 8) }, partial);
      }
    }
  };

  // The demo's and the province scale's provinces keep their codes across 2025 (Hà Nội 01, Hải Phòng 31,
  // Huế 46), so one list serves both editions.
  // The per-commune figures are calibrated on the 3,321 communes of 2025 (≈ 5.6 million members nationally);
  // the whole 2024 provinces have 10,035 smaller communes: the same country, so the same members in all.
  const density = edition === "2024" && spec.communesPerProvince === undefined ? 3321 / 10035 : 1;
  const provinces = getProvinces(edition).filter((p) => spec.provinces === "all" || spec.provinces.includes(p.code));
  for (const p of provinces) {
    const topIndex = cellsByTop.length;
    cellsByTop.push([]);
    const oldCodes = edition === "2025" ? (mapNewToOld(p.code)?.sources ?? []).map((s) => s.unit.code.padStart(3, "0")) : [];
    const birthProvinceCodes = oldCodes.length > 0 ? oldCodes : [p.code.padStart(3, "0")];
    const region = regionOf(edition === "2025" ? p.code : (mapOldToNew(p.code)?.newProvince.code ?? p.code));
    const common = { birthProvinceCodes, region, topIndex };
    const prov = add(
      { ...common, parentId: null, kind: "provincial_committee", code: p.code, name: `Đảng bộ ${p.name}`, adminUnitCode: p.code, adminUnitEdition: edition, sector: null, members: 0 },
      null,
    );
    // 2025: communes straight under the province. 2024: each under its district's committee.
    const districts = edition === "2024" ? getChildren("2024", p.code) : [];
    const districtOf = new Map<string, AdminUnit>();
    for (const dUnit of districts) for (const c of getChildren("2024", dUnit.code)) districtOf.set(c.code, dUnit);
    let communes = edition === "2024" ? districts.flatMap((dUnit) => getChildren("2024", dUnit.code)) : getChildren("2025", p.code);
    const allCommunes = communes.length;
    if (spec.communesPerProvince !== undefined) communes = communes.slice(0, spec.communesPerProvince);
    const districtOrgs = new Map<string, SeedOrg>();
    /** The district's committee, made with its first commune (only districts the scale reaches), with a few grassroots organizations of its own agencies, schools and enterprises. */
    const districtCommittee = (dUnit: AdminUnit): SeedOrg => {
      let org = districtOrgs.get(dUnit.code);
      if (org) return org;
      org = add({ ...common, parentId: prov.id, kind: "upper_grassroots_committee", code: `${p.code}-${dUnit.code}`, name: `Đảng bộ ${dUnit.name}`, adminUnitCode: dUnit.code, adminUnitEdition: "2024", sector: null, members: 0 }, prov);
      districtOrgs.set(dUnit.code, org);
      const [fewest, most] = spec.districtGrassroots ?? [1, 3];
      const own = rng.int(fewest, most);
      for (let i = 1; i <= own; i++) grassroots(org, `${org.code}-${String(i).padStart(4, "0")}`, BLOCS[1]!.sectors.draw(rng), i, dUnit.code);
      return org;
    };
    for (const u of communes) {
      const sector = communeSector(u);
      const unit = { ...common, adminUnitCode: u.code, adminUnitEdition: edition, sector };
      const code = `${p.code}-${u.code}`;
      const dUnit = districtOf.get(u.code);
      const parent = dUnit ? districtCommittee(dUnit) : prov;
      const commune = add({ ...unit, parentId: parent.id, kind: "grassroots_committee", code, name: `Đảng bộ ${u.name}`, members: 0 }, parent);
      // 2024: a commune split in 2025 (441) is divided by its villages; each cell records the 2025 commune its
      // village went to (restructuring's placement rule: a cell's own 2025 unit code), so every member has a
      // successor. Enough cells for each part to get one.
      const parts = edition === "2024" ? splitTargets(u.code) : [];
      const partUnit = (i: number) => (parts.length > 0 ? { adminUnitCode: parts[i % parts.length]!, adminUnitEdition: "2025" } : {});
      const cells = Math.max(parts.length, rng.normalInt(spec.cellsPerCommune[0] * density, spec.cellsPerCommune[1] * density, spec.minCellsPerCommune ?? 4, 40));
      const word = sector === "ward" ? "Tổ dân phố" : region === "north_mountain" || region === "highlands" ? "Bản" : "Thôn";
      for (let c = 1; c <= cells; c++) {
        const [mean, sd] = spec.membersPerVillageCell;
        add({ ...unit, ...partUnit(c - 1), parentId: commune.id, kind: "subordinate_cell", code: `${code}-${String(c).padStart(2, "0")}`, name: `Chi bộ ${word} ${c}`, members: cellMembers(mean, sd) }, commune);
      }
      if (rng.chance(spec.partialShare ?? 0.2)) {
        const partial = add({ ...unit, ...partUnit(0), parentId: commune.id, kind: "partial_committee", code: `${code}-B1`, name: "Đảng bộ bộ phận Công an xã", members: 0 }, commune);
        const pc = rng.int(2, 4);
        for (let c = 1; c <= pc; c++) {
          add({ ...unit, ...partUnit(0), parentId: partial.id, kind: "subordinate_cell", code: `${code}-B1-${String(c).padStart(2, "0")}`, name: `Chi bộ ${c}`, members: cellMembers(20, 6) }, partial);
        }
      }
    }
    // 2024, whole provinces: an island district without communes (5; each a đặc khu since 2025) had a
    // grassroots committee of its own, the commune-level source of its đặc khu.
    if (edition === "2024" && spec.communesPerProvince === undefined) {
      for (const dUnit of districts) {
        if (getChildren("2024", dUnit.code).length > 0) continue;
        const island = add({ ...common, parentId: prov.id, kind: "grassroots_committee", code: `${p.code}-${dUnit.code}`, name: `Đảng bộ ${dUnit.name}`, adminUnitCode: dUnit.code, adminUnitEdition: "2024", sector: "special_zone", members: 0 }, prov);
        const cells = rng.normalInt(spec.cellsPerCommune[0] * density, spec.cellsPerCommune[1] * density, spec.minCellsPerCommune ?? 4, 40);
        for (let c = 1; c <= cells; c++) {
          const [mean, sd] = spec.membersPerVillageCell;
          add({ ...common, parentId: island.id, kind: "subordinate_cell", code: `${island.code}-${String(c).padStart(2, "0")}`, name: `Chi bộ ${c}`, adminUnitCode: dUnit.code, adminUnitEdition: "2024", sector: "special_zone", members: cellMembers(mean, sd) }, island);
        }
      }
    }
    // One cell closed at the 2025 reorganization: no members, refuses imports (tests rely on it).
    add({ ...common, parentId: prov.id, kind: "grassroots_cell", code: `${p.code}-DONG`, name: "Chi bộ (đã giải thể 30/6/2025)", adminUnitCode: p.code, adminUnitEdition: edition, sector: "other", members: 0, closedOn: "2025-06-30" }, prov);

    const blocTotal = Math.round(spec.blocGrassrootsPerCommune * density * (spec.communesPerProvince !== undefined ? communes.length : allCommunes));
    for (const b of BLOCS) {
      const bloc = add({ ...common, parentId: prov.id, kind: "upper_grassroots_committee", code: `${p.code}-${b.suffix}`, name: `${b.name} ${p.name}`, adminUnitCode: p.code, adminUnitEdition: edition, sector: null, members: 0 }, prov);
      const n = Math.max(1, Math.round(blocTotal * b.share));
      for (let i = 1; i <= n; i++) {
        const u = communes.length > 0 ? rng.pick(communes) : null;
        grassroots(bloc, `${bloc.code}-${String(i).padStart(4, "0")}`, b.sectors.draw(rng), i, u?.code ?? null);
      }
    }
  }

  if (spec.central) {
    const avgPerProvince = 14.4 * (3321 / 34);
    for (const c of CENTRAL) {
      const topIndex = cellsByTop.length;
      cellsByTop.push([]);
      const common = { birthProvinceCodes: ["001", "031", "079", "048", "038", "040"], region: "north" as Region, topIndex };
      const top = add({ ...common, parentId: null, kind: "provincial_committee", code: c.code, name: c.name, adminUnitCode: null, adminUnitEdition: null, sector: null, members: 0 }, null);
      const total = Math.round(avgPerProvince * c.provinceShare * 0.15);
      const blocs = rng.int(3, 6);
      for (let bI = 1; bI <= blocs; bI++) {
        const bloc = add({ ...common, parentId: top.id, kind: "upper_grassroots_committee", code: `${c.code}-${bI}`, name: `Đảng bộ khối ${bI}`, adminUnitCode: null, adminUnitEdition: null, sector: null, members: 0 }, top);
        const n = Math.max(1, Math.round(total / blocs));
        for (let i = 1; i <= n; i++) grassroots(bloc, `${bloc.code}-${String(i).padStart(4, "0")}`, c.sectors.draw(rng), i, null);
      }
    }
  }
  return { orgs, cellsByTop };
}
