// `inspection.petitions.receive`: record a complaint or a denunciation. An anonymous denunciation is
// recorded as not handled, with its reason; otherwise its deadline comes from the working-day rules.
import { z } from "zod";
import { PETITION_KINDS } from "../enums.js";
import { bi, idSchema, isoDateSchema, lineText, longText, subjectRefSchema } from "../schemas.js";
import { optionalLineText, orgPathInput } from "../input-text.js";
import { PETITION_SETTLEMENT_LEVELS, petitionViewSchema } from "./views.js";

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

const flag = z.boolean({ error: bi("phải là true hoặc false", "must be true or false") }).optional();

/** Intake facts (all optional, absent = no): each may make the petition not handled (docs/inspection.md). */
export const petitionIntakeInputSchema = z.object({
  /** a denunciation signed by several people (tố cáo tập thể) */
  collective: flag,
  /** content too vague to verify */
  unspecific: flag,
  /** repeats a petition already settled by the competent level … */
  repeatsSettled: flag,
  /** … bringing new documents or evidence */
  hasNewContent: flag,
  /** a complaint filed on someone else's behalf (khiếu nại hộ) */
  onBehalf: flag,
  /** a complaint: not about a party discipline decision at all */
  notAboutDiscipline: flag,
  /** a complaint: the day the complainant received the discipline decision in writing */
  decisionReceivedOn: isoDateSchema.nullish(),
  /** the complainant refused to receive the decision */
  refusedDecision: flag,
  /** being settled by the upper level, or already decided by the highest competent level */
  pendingOrFinalAbove: flag,
  /** sentenced by a court to non-custodial reform or heavier */
  sentenced: flag,
});

export const receivePetitionInputSchema = z
  .object({
    kind: z.enum(PETITION_KINDS, { error: bi(`phải là một trong ${PETITION_KINDS.join(", ")}`, `must be one of ${PETITION_KINDS.join(", ")}`) }),
    /** Whom it is about: a member by membership's id, an organization by its path (read from membership). */
    subject: subjectRefSchema,
    receivedOn: isoDateSchema,
    content: longText(8000),
    /** No name given (nặc danh), or a name that is not the filer's (mạo danh): `petitioner` must then be absent. */
    anonymous: z.boolean({ error: bi("phải là true hoặc false", "must be true or false") }),
    petitioner: petitionerInputSchema.nullish().transform((v) => v ?? null),
    /** For a complaint: the discipline decision complained about. */
    decisionId: idSchema.nullish().transform((v) => v ?? null),
    /** The organization whose committee or commission settles it (the subject must be in its subtree). */
    handlerOrgPath: orgPathInput,
    /** The level of the body that settles it: sets the deadline in working days. */
    level: z.enum(PETITION_SETTLEMENT_LEVELS, { error: bi(`phải là một trong ${PETITION_SETTLEMENT_LEVELS.join(", ")}`, `must be one of ${PETITION_SETTLEMENT_LEVELS.join(", ")}`) }),
    /** What the receiving officer found at intake; the domain's rules decide from it whether it is handled. */
    intake: petitionIntakeInputSchema.optional().transform((v) => v ?? {}),
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
