// Retirement age (tuổi nghỉ hưu) in normal working conditions: Bộ luật Lao động 2019 Art. 169 and Nghị định
// 135/2020/NĐ-CP (Phụ lục I): from 2021 men 60 years 3 months, +3 months a year up to 62 (reached in 2028);
// women 55 years 4 months, +4 months a year up to 60 (reached in 2035). Before 2021: 60 and 55.
import { addMonths, yearOf, type IsoDate } from "@orgboard/locale-vi";
import type { Gender } from "@orgboard/contract-personnel";

/** The retirement age, in months, of someone who reaches it in `year`. */
export function retirementAgeMonths(gender: Gender, year: number): number {
  const steps = Math.max(0, year - 2020);
  return gender === "male" ? Math.min(60 * 12 + 3 * steps, 62 * 12) : Math.min(55 * 12 + 4 * steps, 60 * 12);
}

/**
 * The day a person reaches retirement age: the age that applies is the one of the year it is reached
 * (Phụ lục I lists it by month and year of birth the same way).
 */
export function retirementDate(birthDate: IsoDate, gender: Gender): IsoDate {
  const birthYear = yearOf(birthDate);
  for (let year = birthYear + 55; year <= birthYear + 63; year++) {
    const reached = addMonths(birthDate, retirementAgeMonths(gender, year));
    if (yearOf(reached) <= year) return reached;
  }
  return addMonths(birthDate, retirementAgeMonths(gender, birthYear + 63));
}
