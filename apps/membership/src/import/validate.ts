// Row validation of the member file: shape with zod (rows whose fields are all plainly valid take a
// zod-free parse that gives the same output), then the domain rules that need only the row (dates that
// exist, national ID agreeing with birth date and gender, age at admission, probation). Rules that need
// the database (organization exists and is open, duplicates) are the import's (members.ts).
import { parseDateVi, validateNationalId, addMonths } from "@orgboard/locale-vi";
import { z } from "zod";
import { MIN_ADMISSION_AGE_MONTHS, PROBATION_MONTHS } from "../domain/admission.js";
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

const NAME_PATTERN = /^[\p{L}][\p{L}\p{M} .'-]*$/u;
const CARD_PATTERN = /^[0-9A-Za-z.-]{4,20}$/;

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
  fullName: required(100).refine((v) => NAME_PATTERN.test(v.normalize("NFC")), "must contain letters and spaces only"),
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
  orgCode: required(100).refine(isValidOrgCode, "is not an organization code (letters, digits, . -)"),
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
  partyCardNumber: optional(20).refine((v) => v === null || CARD_PATTERN.test(v), "must be 4–20 digits or letters"),
  joinedOrgOn: dateField(false),
  hometown: optional(200),
  occupation: optional(200),
  education: optional(100),
});

type MemberRow = z.output<typeof memberRowSchema>;
type RowValues = Partial<Record<MemberColumnKey, string>>;

/** The row through the schema: its output, or every issue worded by it. */
export function parseMemberRowWithSchema(row: number, values: RowValues): { ok: true; data: MemberRow } | { ok: false; issues: RowIssue[] } {
  const parsed = memberRowSchema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => ({ row, column: String(i.path[0] ?? "row"), reason: i.message })) };
}

// The plain parse's fields, as the schema reads them. Module functions: no closures per row.
function plainRequired(v: string | undefined, max: number): string | null {
  if (v === undefined) return null;
  const t = v.trim();
  return t.length >= 1 && t.length <= max ? t : null;
}
/** undefined = not plainly valid; null = empty (allowed) */
function plainOptional(v: string | undefined, max: number): string | null | undefined {
  if (v === undefined) return null;
  const t = v.trim();
  if (t.length > max) return undefined;
  return t === "" ? null : t;
}
const DATE_OPTIONS = { minYear: 1890 };
function plainDate(v: string | undefined, req: boolean): string | null | undefined {
  const s = (v ?? "").trim();
  if (s === "") return req ? undefined : null;
  const r = parseDateVi(s, DATE_OPTIONS);
  return r.ok ? r.iso : undefined;
}

/**
 * The schema's output for a row whose every field is plainly valid, computed without zod; null for
 * anything else, and then the schema decides and words the issues. zod's safeParse cost ≈ 7 µs and
 * 7 KB of garbage a row, the largest part of reading a million-row file. It accepts only what the
 * schema accepts, with the same output: test/unit/import-validate.test.ts checks it against the schema.
 */
export function parsePlainMemberRow(values: RowValues): MemberRow | null {
  const fullName = plainRequired(values.fullName, 100);
  if (fullName === null || !NAME_PATTERN.test(fullName.normalize("NFC"))) return null;
  const birthDate = plainDate(values.birthDate, true);
  if (birthDate === undefined) return null;
  const gender = lookupLabel(GENDER_LABELS, values.gender ?? "");
  if (!gender) return null;
  const ethnicity = plainRequired(values.ethnicity, 50);
  const nationalId = plainRequired(values.nationalId, 20);
  const orgCode = plainRequired(values.orgCode, 100);
  if (ethnicity === null || nationalId === null || orgCode === null || !isValidOrgCode(orgCode)) return null;
  const status = lookupLabel(STATUS_LABELS as Record<"official" | "probationary", string>, values.status ?? "");
  if (!status) return null;
  const admittedOn = plainDate(values.admittedOn, true);
  const officialOn = plainDate(values.officialOn, false);
  const joinedOrgOn = plainDate(values.joinedOrgOn, false);
  if (admittedOn === undefined || officialOn === undefined || joinedOrgOn === undefined) return null;
  const partyCardNumber = plainOptional(values.partyCardNumber, 20);
  if (partyCardNumber === undefined || (partyCardNumber !== null && !CARD_PATTERN.test(partyCardNumber))) return null;
  const hometown = plainOptional(values.hometown, 200);
  const occupation = plainOptional(values.occupation, 200);
  const education = plainOptional(values.education, 100);
  if (hometown === undefined || occupation === undefined || education === undefined) return null;
  return {
    fullName, birthDate, gender, ethnicity, nationalId, orgCode, status, admittedOn, officialOn, partyCardNumber, joinedOrgOn,
    hometown, occupation, education,
  };
}

/** Validates one record; `today` is the ISO date the import runs (no future dates). */
export function validateMemberRecord(
  row: number,
  values: RowValues,
  today: string,
): { ok: true; member: StagedMember } | { ok: false; issues: RowIssue[] } {
  let v = parsePlainMemberRow(values);
  if (v === null) {
    const parsed = parseMemberRowWithSchema(row, values);
    if (!parsed.ok) return parsed;
    v = parsed.data;
  }
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
