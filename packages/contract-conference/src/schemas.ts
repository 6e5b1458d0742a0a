// Input shapes shared by several procedures (the output shapes are in views.ts).
import { orgPathSchema } from "@orgboard/contracts";
import { z } from "zod";
import { AGENDA_ITEM_KINDS, DOCUMENT_KIND_NAMES } from "./enums.js";

export const idSchema = z.uuid({ message: "must be an id (UUID)" });
export const isoInstant = z.iso.datetime({ offset: true, message: "must be an ISO-8601 date-time, e.g. 2024-04-01T14:00:00+07:00" });

export const conferenceIdInput = z.object({ conferenceId: idSchema });

const name = (max = 200) => z.string().trim().min(1, { message: "is required" }).max(max);

export const siteInputSchema = z.object({
  /** Unique within the conference; what the organizer's console shows ("08", "QDTW", "08-003"). */
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: "must be 1–64 letters, digits, '.', '_' or '-'" }),
  name: name(),
  orgPath: orgPathSchema,
  chairName: name(),
  chairTitle: z.string().trim().max(300).optional(),
  expectedAttendance: z.number().int().min(1).max(100_000),
});
export type SiteInput = z.infer<typeof siteInputSchema>;

export const agendaItemInputSchema = z.object({
  title: name(500),
  kind: z.enum(AGENDA_ITEM_KINDS),
  /** Fractions allowed (a simulator compresses time); stored to the second, at least one second. */
  plannedMinutes: z.number().min(1 / 60, { message: "must be at least one second (1/60 minute)" }).max(480),
  presenterName: z.string().trim().max(200).optional(),
  presenterTitle: z.string().trim().max(300).optional(),
});

export const documentInputSchema = z.object({
  /** Official number only, e.g. "137-QĐ/TW" (not "Số 137-QĐ/TW"); checked against `kind`. */
  number: z.string().max(64),
  kind: z.enum(DOCUMENT_KIND_NAMES),
  title: name(1000),
  issuer: z.string().trim().max(200).optional(),
  issuedOn: z.iso.date({ message: "must be a date like 2023-12-01" }).optional(),
});
