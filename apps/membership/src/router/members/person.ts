// Checks shared by every procedure that writes a person's data (members, candidates).
import { toDbDate } from "@orgboard/db";
import { validateNationalId } from "@orgboard/locale-vi";
import { rowMessages, text } from "@orgboard/messages";
import type { Gender } from "../../domain/enums.js";
import type { Violation } from "../../domain/result.js";
import { notAfterToday } from "../schemas.js";

/** The national ID agrees with the birth year and gender (digits 4–6); the birth date is not in the future. */
export function personViolations(p: { birthDate: string; gender: Gender; nationalId: string }, today: string): Violation[] {
  const out: Violation[] = [...notAfterToday(p.birthDate, today, "birthDate")];
  const id = validateNationalId(p.nationalId, { birthYear: Number(p.birthDate.slice(0, 4)), gender: p.gender });
  if (!id.ok) out.push({ field: "nationalId", code: id.reason, message: text(rowMessages.nationalId(id.reason, id.message)) });
  return out;
}

/** A person's columns as members and candidates store them (name in NFC, birth date as a DATE), in their cell. */
export function personRecord(p: { fullName: string; birthDate: string; gender: Gender; ethnicity: string; nationalId: string }, org: { id: number; path: string }) {
  return { fullName: p.fullName.normalize("NFC"), birthDate: toDbDate(p.birthDate), gender: p.gender, ethnicity: p.ethnicity, nationalId: p.nationalId, orgId: org.id, orgPath: org.path };
}
