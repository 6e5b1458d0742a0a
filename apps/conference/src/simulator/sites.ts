// The sites (điểm cầu) of a simulated conference, from the real party structure: the provincial party
// committees of an administrative-units edition plus the party committees directly under the Central
// Committee (67 before the 2025 reorganization, 40 after), then — for national conferences reaching
// the grassroots (16,240 sites in December 2023) — district and commune committees, then synthetic
// grassroots organizations once the real units run out.
import { getChildren, getProvinces, type AdminUnit, type Edition } from "@orgboard/admin-units";
import type { Rng } from "@orgboard/random";

export interface SiteSpec {
  code: string;
  name: string;
  orgPath: string;
  chairName: string;
  chairTitle: string;
  expectedAttendance: number;
}

/**
 * Party committees directly under the Central Committee that are not provincial (SOURCE.md of
 * packages/admin-units). Their org-path codes are this service's convention until the membership
 * tree publishes its own: short upper-case abbreviations.
 */
export const CENTRAL_COMMITTEES: Readonly<Record<Edition, readonly { code: string; name: string }[]>> = {
  "2024": [
    { code: "QDTW", name: "Đảng bộ Quân đội" },
    { code: "CATW", name: "Đảng bộ Công an Trung ương" },
    { code: "KCQTW", name: "Đảng bộ Khối các cơ quan Trung ương" },
    { code: "KDNTW", name: "Đảng bộ Khối doanh nghiệp Trung ương" },
  ],
  "2025": [
    { code: "QDTW", name: "Đảng bộ Quân đội" },
    { code: "CATW", name: "Đảng bộ Công an Trung ương" },
    { code: "CQDTW", name: "Đảng bộ các cơ quan Đảng Trung ương" },
    { code: "CPTW", name: "Đảng bộ Chính phủ" },
    { code: "QHTW", name: "Đảng bộ Quốc hội" },
    { code: "MTTW", name: "Đảng bộ Mặt trận Tổ quốc Việt Nam và các đoàn thể Trung ương" },
  ],
};

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
const MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Xuân", "Thanh", "Công"];
const MIDDLE_F = ["Thị", "Thị Kim", "Thị Thu", "Thị Hồng", "Thanh", "Minh"];
const GIVEN_M = ["An", "Bình", "Chính", "Dũng", "Hải", "Hùng", "Long", "Nam", "Phong", "Quang", "Sơn", "Thắng", "Trung", "Tuấn", "Việt", "Khánh"];
const GIVEN_F = ["Dung", "Hà", "Hương", "Lan", "Mai", "Ngọc", "Nhung", "Phương", "Thảo", "Trang", "Vân", "Yến"];

export function personName(r: Rng): string {
  const female = r.chance(0.3);
  return `${r.pick(FAMILY)} ${r.pick(female ? MIDDLE_F : MIDDLE_M)} ${r.pick(female ? GIVEN_F : GIVEN_M)}`;
}

const isCity = (u: AdminUnit) => u.type === "Thành phố trực thuộc trung ương";

function provinceCommittee(u: AdminUnit): string {
  return `${isCity(u) ? "Thành ủy" : "Tỉnh ủy"} ${u.shortName}`;
}

function localCommittee(u: AdminUnit): string {
  switch (u.type) {
    case "Quận":
      return `Quận ủy ${u.shortName}`;
    case "Huyện":
      return `Huyện ủy ${u.shortName}`;
    case "Thị xã":
      return `Thị ủy ${u.shortName}`;
    case "Thành phố thuộc tỉnh":
    case "Thành phố thuộc thành phố trực thuộc trung ương":
      return `Thành ủy ${u.shortName}`;
    default:
      return `Đảng ủy ${u.type.toLowerCase()} ${u.shortName}`;
  }
}

interface TopSite {
  code: string;
  name: string;
  orgPath: string;
  province: AdminUnit | null;
}

export function topLevelSites(edition: Edition): TopSite[] {
  const provinces = getProvinces(edition).map((p) => ({ code: p.code, name: `Điểm cầu ${provinceCommittee(p)}`, orgPath: `/${p.code}/`, province: p }));
  const central = CENTRAL_COMMITTEES[edition].map((c) => ({ code: c.code, name: `Điểm cầu ${c.name}`, orgPath: `/${c.code}/`, province: null }));
  return [...provinces, ...central];
}

/** Lower-level units of a province in a fixed order: districts, then communes (2024); communes (2025). */
function* unitsBelow(edition: Edition, province: AdminUnit): Generator<{ unit: AdminUnit; orgPath: string }> {
  const p = province.code;
  const children = getChildren(edition, p);
  for (const c of children) yield { unit: c, orgPath: `/${p}/${p}-${c.code}/` };
  for (const c of children) {
    for (const g of getChildren(edition, c.code)) yield { unit: g, orgPath: `/${p}/${p}-${c.code}/${p}-${c.code}-${g.code}/` };
  }
}

/** Site codes, names and org paths for `count` sites; chairs and attendance come from `r`. */
export function buildSites(count: number, edition: Edition, r: Rng): SiteSpec[] {
  const top = topLevelSites(edition);
  const chosen: { code: string; name: string; orgPath: string; level: "top" | "local" | "grassroots" }[] = top
    .slice(0, count)
    .map((t) => ({ code: t.code, name: t.name, orgPath: t.orgPath, level: "top" }));
  if (count > top.length) {
    // Round-robin over provinces so that any prefix of the list is spread across the country.
    const provinces = top.filter((t) => t.province !== null);
    const iterators = provinces.map((t) => unitsBelow(edition, t.province!));
    const live = new Set(iterators.keys());
    while (chosen.length < count && live.size > 0) {
      for (const i of [...live]) {
        if (chosen.length >= count) break;
        const next = iterators[i]!.next();
        if (next.done) {
          live.delete(i);
          continue;
        }
        const code = next.value.orgPath.split("/").at(-2)!;
        chosen.push({ code, name: `Điểm cầu ${localCommittee(next.value.unit)}`, orgPath: next.value.orgPath, level: "local" });
      }
    }
    let n = 0;
    while (chosen.length < count) {
      const p = provinces[n % provinces.length]!;
      n += 1;
      const code = `${p.code}-CS${String(Math.ceil(n / provinces.length)).padStart(4, "0")}`;
      chosen.push({ code, name: `Điểm cầu Đảng ủy cơ sở ${code}`, orgPath: `/${p.code}/${code}/`, level: "grassroots" });
    }
  }
  return chosen.map((s) => {
    const seedChair = edition === "2024" && s.orgPath === "/08/";
    return {
      code: s.code,
      name: s.name,
      orgPath: s.orgPath,
      // Tuyên Quang's chair is the one named in the Q1 2024 report this simulation replays.
      chairName: seedChair ? "Lê Thị Kim Dung" : personName(r),
      chairTitle: seedChair
        ? "Phó Bí thư Thường trực Tỉnh ủy"
        : s.level === "top"
          ? r.pick(["Phó Bí thư Thường trực", "Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức"])
          : r.pick(["Bí thư", "Phó Bí thư", "Trưởng Ban Tổ chức"]),
      expectedAttendance: s.level === "top" ? r.int(30, 120) : s.level === "local" ? r.int(10, 40) : r.int(5, 20),
    };
  });
}
