// `inspection.petitions.receive`: record a complaint or a denunciation. An anonymous denunciation is
// recorded as not handled, with its reason; otherwise its deadline comes from the working-day rules.
import { z } from "zod";
import { PETITION_KINDS } from "../enums.js";
import { bi, orgPathInput, calendarDate, lineText, longText, memberIdSchema, optionalLineText, recordId } from "../input-text.js";
import { PETITION_NOT_HANDLED_REASONS, petitionViewSchema } from "./views.js";

/** The person who filed: the denouncer (người tố cáo) or the complainant (người khiếu nại). Stored encrypted. */
export const petitionerInputSchema = z.object({
  name: lineText(100),
  nationalId: z
    .string()
    .trim()
    .regex(/^\d{12}$/, { error: bi("phải gồm 12 chữ số", "must be 12 digits") })
    .nullish()
    .transform((v) => v ?? null),
  address: optionalLineText(300),
  contact: optionalLineText(200),
});

/** Whom the petition is about: a member by membership's id, an organization by its path. */
export const petitionSubjectInputSchema = z.discriminatedUnion(
  "kind",
  [z.object({ kind: z.literal("member"), memberId: memberIdSchema }), z.object({ kind: z.literal("organization"), orgPath: orgPathInput })],
  { error: bi("phải là member (kèm memberId) hoặc organization (kèm orgPath)", "must be a member (with memberId) or an organization (with orgPath)") },
);

export const receivePetitionInputSchema = z
  .object({
    kind: z.enum(PETITION_KINDS, { error: bi(`phải là một trong ${PETITION_KINDS.join(", ")}`, `must be one of ${PETITION_KINDS.join(", ")}`) }),
    subject: petitionSubjectInputSchema,
    receivedOn: calendarDate,
    content: longText(8000),
    /** No name given (nặc danh), or a name that is not the filer's (mạo danh): `petitioner` must then be absent. */
    anonymous: z.boolean({ error: bi("phải là true hoặc false", "must be true or false") }),
    petitioner: petitionerInputSchema.nullish().transform((v) => v ?? null),
    /** For a complaint: the discipline decision complained about. */
    decisionId: recordId.nullish().transform((v) => v ?? null),
    /** The receiving officer's finding that the petition is not to be handled (other than anonymity). */
    notHandledReason: z
      .enum(PETITION_NOT_HANDLED_REASONS, { error: bi(`phải là một trong ${PETITION_NOT_HANDLED_REASONS.join(", ")}`, `must be one of ${PETITION_NOT_HANDLED_REASONS.join(", ")}`) })
      .nullish()
      .transform((v) => v ?? null),
  })
  .superRefine((v, ctx) => {
    if (v.anonymous && v.petitioner !== null) {
      ctx.addIssue({ code: "custom", path: ["petitioner"], message: bi("đơn nặc danh không có người gửi", "an anonymous petition has no petitioner") });
    }
    if (!v.anonymous && v.petitioner === null) {
      ctx.addIssue({ code: "custom", path: ["petitioner"], message: bi("bắt buộc khi đơn không nặc danh", "is required unless the petition is anonymous") });
    }
    if (v.kind === "denunciation" && v.decisionId !== null) {
      ctx.addIssue({ code: "custom", path: ["decisionId"], message: bi("chỉ đơn khiếu nại gắn với quyết định kỷ luật", "only a complaint is about a discipline decision") });
    }
  });
export const receivePetitionOutputSchema = petitionViewSchema;

export type ReceivePetitionInput = z.input<typeof receivePetitionInputSchema>;
export type ReceivePetitionOutput = z.output<typeof receivePetitionOutputSchema>;
