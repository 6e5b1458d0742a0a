// Row validation of the member file: shape with zod, then the domain rules that need only the row
// (dates that exist, national ID agreeing with birth date and gender, age at admission, probation).
// Rules that need the database (organization exists and is open, duplicates) run later in SQL.
import { parseDateVi, validateNationalId } from "@orgboard/locale-vi";
import { z } from "zod";
import { MIN_ADMISSION_AGE_MONTHS, PROBATION_MONTHS } from "../domain/admission.js";
import { addMonths } from "../domain/dates.js";
import type { Gender } from "../domain/enums.js";
import { isValidOrgCode } from "../domain/org-tree.js";
import { GENDER_LABELS, STATUS_LABELS, lookupLabel, type MemberColumnKey } from "./template.js";

export interface RowIssue {
  /** spreadsheet row number (header = 1) */
  row: number;
  /** column key, e.g. "nationalId" (the header is in docs/import-template.md) */
  column: string;
  reason: string;
}

export interface StagedMember {
  row: number;
  fullName: string;
  birthDate: string;
  gender: Gender;
  ethnicity: string;
  nationalId: string;
  orgCode: string;
  status: "official" | "probationary";
  admittedOn: string;
  officialOn: string | null;
  partyCardNumber: string | null;
  joinedOrgOn: string | null;
  hometown: string | null;
  occupation: string | null;
  education: string | null;
}

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const required = (max: number) => text(max).min(1, "is required");
const optional = (max: number) =>
  text(max)
    .optional()
    .transform((v) => (v === undefined || v === "" ? null : v));

const dateField = (req: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const s = (v ?? "").trim();
      if (s === "") {
        if (req) ctx.addIssue({ code: "custom", message: "is required (dd/mm/yyyy)" });
        return null;
      }
      const r = parseDateVi(s, { minYear: 1890 });
      if (!r.ok) {
        ctx.addIssue({ code: "custom", message: `${r.message} (expected dd/mm/yyyy)` });
        return null;
      }
      return r.iso;
    });

const memberRowSchema = z.object({
  fullName: required(100).refine((v) => /^[\p{L}][\p{L}\p{M} .'-]*$/u.test(v.normalize("NFC")), "must contain letters and spaces only"),
  birthDate: dateField(true),
  gender: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const g = lookupLabel(GENDER_LABELS, v ?? "");
      if (!g) ctx.addIssue({ code: "custom", message: `must be Nam or Nữ, got "${v ?? ""}"` });
      return g ?? null;
    }),
  ethnicity: required(50),
  nationalId: required(20),
  orgCode: required(100).refine(isValidOrgCode, "is not an organization code (letters, digits, . _ -)"),
  status: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const s = lookupLabel(STATUS_LABELS as Record<"official" | "probationary", string>, v ?? "");
      if (!s) ctx.addIssue({ code: "custom", message: `must be "Chính thức" or "Dự bị", got "${v ?? ""}"` });
      return s ?? null;
    }),
  admittedOn: dateField(true),
  officialOn: dateField(false),
  partyCardNumber: optional(20).refine((v) => v === null || /^[0-9A-Za-z.-]{4,20}$/.test(v), "must be 4–20 digits or letters"),
  joinedOrgOn: dateField(false),
  hometown: optional(200),
  occupation: optional(200),
  education: optional(100),
});

/** Validates one record; `today` is the ISO date the import runs (no future dates). */
export function validateMemberRecord(
  row: number,
  values: Partial<Record<MemberColumnKey, string>>,
  today: string,
): { ok: true; member: StagedMember } | { ok: false; issues: RowIssue[] } {
  const parsed = memberRowSchema.safeParse(values);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ row, column: String(i.path[0] ?? "row"), reason: i.message })),
    };
  }
  const v = parsed.data;
  const issues: RowIssue[] = [];
  const issue = (column: MemberColumnKey, reason: string) => issues.push({ row, column, reason });
  // All non-null after a successful parse of the required fields.
  const birthDate = v.birthDate!;
  const admittedOn = v.admittedOn!;
  const gender = v.gender!;
  const status = v.status!;

  const id = validateNationalId(v.nationalId, { birthYear: Number(birthDate.slice(0, 4)), gender });
  if (!id.ok) issue("nationalId", id.message);

  if (birthDate > today) issue("birthDate", "is in the future");
  if (admittedOn > today) issue("admittedOn", "is in the future");
  if (admittedOn < addMonths(birthDate, MIN_ADMISSION_AGE_MONTHS)) {
    issue("admittedOn", `the member was under ${MIN_ADMISSION_AGE_MONTHS / 12} on the admission date`);
  }
  if (status === "official") {
    if (v.officialOn === null) issue("officialOn", "is required for an official member (Chính thức)");
    else if (v.officialOn < addMonths(admittedOn, PROBATION_MONTHS)) {
      issue("officialOn", `must be at least ${PROBATION_MONTHS} months after the admission date`);
    } else if (v.officialOn > today) issue("officialOn", "is in the future");
  } else if (v.officialOn !== null) {
    issue("officialOn", "must be empty for a probationary member (Dự bị)");
  }
  if (v.joinedOrgOn !== null) {
    if (v.joinedOrgOn < admittedOn) issue("joinedOrgOn", "is before the admission date");
    if (v.joinedOrgOn > today) issue("joinedOrgOn", "is in the future");
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    member: {
      row,
      fullName: v.fullName.normalize("NFC"),
      birthDate,
      gender,
      ethnicity: v.ethnicity,
      nationalId: id.ok ? id.value : v.nationalId,
      orgCode: v.orgCode,
      status,
      admittedOn,
      officialOn: v.officialOn,
      partyCardNumber: v.partyCardNumber,
      joinedOrgOn: v.joinedOrgOn,
      hometown: v.hometown,
      occupation: v.occupation,
      education: v.education,
    },
  };
}
