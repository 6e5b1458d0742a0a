// National ID (căn cước / CCCD, personal identification number): 12 digits.
// Structure (Nghị định 137/2015/NĐ-CP Art. 7; codes in Thông tư 07/2016/TT-BCA, now 59/2021/TT-BCA):
//   digits 1–3  province (tỉnh, thành phố trực thuộc TW) where the birth was registered: "0" + the
//               2-digit GSO province code of the 63 provinces (001 Hà Nội … 096 Cà Mau). The 2025 merger
//               kept 34 of these codes and issued no new ones, so the 63 remain the valid set.
//   digit 4     century and gender: 1900–1999 male 0 / female 1; 2000–2099 male 2 / female 3;
//               2100–2199 4/5; 2200–2299 6/7; 2300–2399 8/9
//   digits 5–6  last two digits of the birth year
//   digits 7–12 random

/** Province-of-birth codes (3 digits) → province name (names of the 63 provinces before 1 Jul 2025). */
export const NATIONAL_ID_PROVINCE_CODES: Readonly<Record<string, string>> = {
  "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn", "008": "Tuyên Quang",
  "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu", "014": "Sơn La", "015": "Yên Bái",
  "017": "Hoà Bình", "019": "Thái Nguyên", "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang",
  "025": "Phú Thọ", "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
  "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định", "037": "Ninh Bình",
  "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh", "044": "Quảng Bình", "045": "Quảng Trị",
  "046": "Huế", "048": "Đà Nẵng", "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định",
  "054": "Phú Yên", "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
  "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng", "070": "Bình Phước",
  "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai", "077": "Bà Rịa - Vũng Tàu",
  "079": "Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang", "083": "Bến Tre", "084": "Trà Vinh",
  "086": "Vĩnh Long", "087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ",
  "093": "Hậu Giang", "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
};

export type NationalIdGender = "male" | "female";

export type NationalIdReason =
  | "empty"
  | "not_digits"
  | "wrong_length"
  | "unknown_province_code"
  | "century_mismatch"
  | "gender_mismatch"
  | "birth_year_mismatch";

export interface NationalIdInfo {
  /** the 12 digits */
  value: string;
  provinceCode: string;
  provinceName: string;
  gender: NationalIdGender;
  /** first year of the encoded century (1900, 2000, …) */
  centuryStart: number;
  /** birth year as encoded (centuryStart + digits 5–6) */
  birthYear: number;
}

export type NationalIdResult =
  | ({ ok: true } & NationalIdInfo)
  | { ok: false; reason: NationalIdReason; message: string };

export interface NationalIdContext {
  /** Birth year from the person's record; checked against digits 4–6. */
  birthYear?: number;
  gender?: NationalIdGender;
}

/**
 * Validates a 12-digit national ID. Surrounding whitespace is ignored; anything else that is not a digit
 * (inner spaces, dots, letters) is rejected. When the record's birth year / gender are given, the ID must
 * agree with them.
 */
export function validateNationalId(input: string, context: NationalIdContext = {}): NationalIdResult {
  const value = input.trim();
  if (value === "") return { ok: false, reason: "empty", message: "national ID is empty" };
  if (!/^\d+$/.test(value)) {
    return { ok: false, reason: "not_digits", message: "national ID must contain digits only" };
  }
  if (value.length !== 12) {
    return {
      ok: false,
      reason: "wrong_length",
      message: `national ID must have 12 digits, got ${value.length}`,
    };
  }
  const provinceCode = value.slice(0, 3);
  const provinceName = NATIONAL_ID_PROVINCE_CODES[provinceCode];
  if (provinceName === undefined) {
    return {
      ok: false,
      reason: "unknown_province_code",
      message: `national ID starts with ${provinceCode}, which is not a province code (001–096)`,
    };
  }
  const centuryDigit = Number(value[3]);
  const gender: NationalIdGender = centuryDigit % 2 === 0 ? "male" : "female";
  const centuryStart = 1900 + Math.floor(centuryDigit / 2) * 100;
  const birthYear = centuryStart + Number(value.slice(4, 6));

  if (context.birthYear !== undefined) {
    const expectedCenturyStart = Math.floor(context.birthYear / 100) * 100;
    if (expectedCenturyStart !== centuryStart) {
      return {
        ok: false,
        reason: "century_mismatch",
        message: `digit 4 (${centuryDigit}) encodes a birth in ${centuryStart}–${centuryStart + 99}, but the birth year is ${context.birthYear}`,
      };
    }
    if (birthYear !== context.birthYear) {
      return {
        ok: false,
        reason: "birth_year_mismatch",
        message: `digits 5–6 (${value.slice(4, 6)}) encode birth year ${birthYear}, but the birth year is ${context.birthYear}`,
      };
    }
  }
  if (context.gender !== undefined && context.gender !== gender) {
    return {
      ok: false,
      reason: "gender_mismatch",
      message: `digit 4 (${centuryDigit}) encodes ${gender}, but the gender is ${context.gender}`,
    };
  }
  return { ok: true, value, provinceCode, provinceName, gender, centuryStart, birthYear };
}
