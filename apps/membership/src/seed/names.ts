// Frequency tables for synthetic people. Family-name shares are the commonly cited national shares
// (Nguyễn ≈ 38 %, Trần ≈ 12 %, Lê ≈ 9.5 %, Phạm ≈ 7 %, Hoàng/Huỳnh ≈ 5 %, Phan ≈ 4.5 %, Vũ/Võ ≈ 3.9 %, …);
// Hoàng/Huỳnh and Vũ/Võ are split by region (the south writes Huỳnh, Võ). Middle and given names are
// weighted lists of the most common ones. Ethnic mixes follow the regions' main ethnic groups.
import { Weighted, type Rng } from "@orgboard/random";

export type Region = "north" | "north_mountain" | "central" | "highlands" | "south" | "mekong";

const provinceRegion: Record<string, Region> = {
  "04": "north_mountain", "08": "north_mountain", "11": "north_mountain", "12": "north_mountain",
  "14": "north_mountain", "15": "north_mountain", "19": "north_mountain", "20": "north_mountain",
  "01": "north", "22": "north", "24": "north", "25": "north", "31": "north", "33": "north", "37": "north",
  "38": "central", "40": "central", "42": "central", "44": "central", "46": "central", "48": "central",
  "51": "highlands", "52": "highlands", "66": "highlands", "68": "highlands",
  "56": "central",
  "75": "south", "79": "south", "80": "south",
  "82": "mekong", "86": "mekong", "91": "mekong", "92": "mekong", "96": "mekong",
};

export function regionOf(provinceCode: string): Region {
  return provinceRegion[provinceCode] ?? "north";
}

const southern = (r: Region) => r === "south" || r === "mekong" || r === "highlands";

function familyTable(region: Region): Weighted<string> {
  const s = southern(region) || region === "central";
  return new Weighted<string>([
    ["Nguyễn", 38.4], ["Trần", 12.1], ["Lê", 9.5], ["Phạm", 7.0],
    ["Hoàng", s ? 1.5 : 4.6], ["Huỳnh", s ? 3.6 : 0.5],
    ["Phan", 4.5], ["Vũ", s ? 0.8 : 3.4], ["Võ", s ? 3.1 : 0.5],
    ["Đặng", 2.1], ["Bùi", 2.0], ["Đỗ", 1.4], ["Hồ", 1.3], ["Ngô", 1.3], ["Dương", 1.0], ["Lý", 0.5],
    ["Đào", 0.9], ["Đinh", 0.9], ["Mai", 0.6], ["Trịnh", 0.6], ["Trương", 0.8], ["Lưu", 0.4],
    ["Lương", 0.5], ["Tô", 0.3], ["Tạ", 0.3], ["Hà", 0.6], ["Cao", 0.5], ["Lâm", 0.4], ["Thái", 0.2],
    ["Phùng", 0.3], ["Quách", 0.2], ["Châu", 0.2], ["Kiều", 0.2], ["Chu", 0.3], ["Đoàn", 0.6],
    ["Vương", 0.2], ["La", 0.1], ["Triệu", 0.2], ["Nông", region === "north_mountain" ? 1.5 : 0.05],
    ["Lò", region === "north_mountain" ? 0.8 : 0.02], ["Hầu", region === "north_mountain" ? 0.4 : 0.01],
  ]);
}

const maleMiddle = new Weighted<string>([
  ["Văn", 40], ["Đức", 9], ["Minh", 8], ["Quang", 6], ["Hữu", 6], ["Công", 5], ["Thanh", 5], ["Ngọc", 4],
  ["Xuân", 4], ["Hoàng", 3], ["Tuấn", 2], ["Trung", 2], ["Việt", 2], ["Anh", 2], ["Duy", 2], ["Bá", 1],
  ["Đình", 3], ["Mạnh", 1], ["Tiến", 1], ["Thế", 2],
]);
const femaleMiddle = new Weighted<string>([
  ["Thị", 55], ["Ngọc", 7], ["Thu", 5], ["Thanh", 5], ["Thùy", 4], ["Minh", 3], ["Phương", 3], ["Kim", 3],
  ["Hồng", 3], ["Mai", 2], ["Bích", 2], ["Hải", 2], ["Khánh", 2], ["Diệu", 1], ["Lan", 1], ["Quỳnh", 2],
]);
const maleGiven = new Weighted<string>([
  ["Anh", 5], ["Hùng", 5], ["Dũng", 5], ["Tuấn", 5], ["Nam", 4], ["Hải", 4], ["Long", 4], ["Minh", 4],
  ["Thắng", 3], ["Sơn", 4], ["Quang", 3], ["Trung", 3], ["Cường", 3], ["Hoàng", 2], ["Phong", 2],
  ["Khánh", 2], ["Bình", 3], ["Thành", 3], ["Đức", 3], ["Huy", 3], ["Toàn", 2], ["Lâm", 2], ["Tùng", 2],
  ["Việt", 2], ["Hiếu", 2], ["Tâm", 2], ["Phúc", 2], ["Lộc", 1], ["Tài", 1], ["Vinh", 2], ["Quân", 2],
  ["Hưng", 2], ["Kiên", 1], ["Định", 1], ["Hòa", 2], ["Thịnh", 1], ["Trường", 1], ["Nghĩa", 1],
  ["Hậu", 1], ["Đạt", 2], ["Khoa", 1], ["Thái", 1], ["Chiến", 1], ["Công", 1], ["Tú", 1], ["Duy", 1],
]);
const femaleGiven = new Weighted<string>([
  ["Linh", 5], ["Hương", 5], ["Lan", 4], ["Hà", 4], ["Trang", 5], ["Hoa", 4], ["Mai", 4], ["Nga", 3],
  ["Thảo", 4], ["Huyền", 4], ["Thủy", 3], ["Hằng", 4], ["Ngọc", 3], ["Phương", 3], ["Yến", 2],
  ["Nhung", 2], ["Vân", 2], ["Hạnh", 3], ["Oanh", 2], ["Loan", 2], ["Dung", 3], ["Liên", 2], ["Hiền", 3],
  ["Thu", 2], ["Quỳnh", 2], ["Anh", 3], ["Tâm", 1], ["Giang", 2], ["Hải", 1], ["Lý", 1], ["Tuyết", 1],
  ["Châu", 1], ["Nhàn", 1], ["Thư", 2], ["Vy", 1], ["My", 1], ["Diệp", 1], ["Xuân", 1],
]);

const ethnicTables: Record<Region, Weighted<string>> = {
  north: new Weighted([["Kinh", 97], ["Mường", 1.5], ["Tày", 0.8], ["Nùng", 0.3], ["Dao", 0.2], ["Sán Dìu", 0.2]]),
  north_mountain: new Weighted([
    ["Kinh", 38], ["Tày", 20], ["Thái", 12], ["Nùng", 10], ["H'Mông", 8], ["Dao", 6], ["Mường", 2],
    ["Sán Chay", 1.5], ["Giáy", 1], ["Lô Lô", 0.5], ["Hà Nhì", 0.5], ["Khơ Mú", 0.5],
  ]),
  central: new Weighted([["Kinh", 95], ["Thái", 1.5], ["Mường", 1], ["Cơ Tu", 0.8], ["Vân Kiều", 0.7], ["Chăm", 0.5], ["Ra Glai", 0.5]]),
  highlands: new Weighted([
    ["Kinh", 80], ["Ê Đê", 5], ["Gia Rai", 5], ["Ba Na", 3], ["Xơ Đăng", 2], ["Cơ Ho", 2], ["Mnông", 1.5],
    ["Tày", 1], ["Nùng", 0.5],
  ]),
  south: new Weighted([["Kinh", 95], ["Hoa", 2.5], ["Khmer", 1], ["Chăm", 0.5], ["Xtiêng", 0.5], ["Chơ Ro", 0.5]]),
  mekong: new Weighted([["Kinh", 90], ["Khmer", 8], ["Hoa", 1.5], ["Chăm", 0.5]]),
};

export interface NameTables {
  family: Weighted<string>;
  ethnicity: Weighted<string>;
}

const tableCache = new Map<Region, NameTables>();
export function tablesFor(region: Region): NameTables {
  let t = tableCache.get(region);
  if (!t) {
    t = { family: familyTable(region), ethnicity: ethnicTables[region] };
    tableCache.set(region, t);
  }
  return t;
}

/** Always draws the same number of values, so callers' sequences do not depend on the gender drawn. */
export function drawName(rng: Rng, tables: NameTables, gender: "male" | "female"): string {
  const family = tables.family.draw(rng);
  const m1 = maleMiddle.draw(rng);
  const f1 = femaleMiddle.draw(rng);
  const g1 = maleGiven.draw(rng);
  const g2 = femaleGiven.draw(rng);
  return gender === "male" ? `${family} ${m1} ${g1}` : `${family} ${f1} ${g2}`;
}

export const OCCUPATIONS = new Weighted<string>([
  ["Cán bộ, công chức", 22], ["Viên chức", 18], ["Nông dân", 16], ["Công nhân", 7], ["Hưu trí", 18],
  ["Lực lượng vũ trang", 8], ["Doanh nhân", 2], ["Lao động tự do", 4], ["Sinh viên", 1], ["Khác", 4],
]);
export const EDUCATION = new Weighted<string>([
  ["Trung học phổ thông", 30], ["Trung cấp", 12], ["Cao đẳng", 8], ["Đại học", 40], ["Thạc sĩ", 8], ["Tiến sĩ", 2],
]);
