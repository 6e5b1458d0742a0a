// The conference service's whole wire surface: every procedure of its router (same paths, kinds and
// schema objects: apps/conference asserts it implements this) and every event payload of its stream.
// A change here is a change of the contract: raise `version` (major if an old client or consumer could
// break), record it in CHANGELOG.md and run `pnpm --filter @orgboard/contract-conference snapshot`.
import { defineContract, eventEnvelopeSchema, eventStreamInputSchema, mutation, query, subscription } from "@orgboard/contracts";
import { ZAddConclusionInput, ZAddConclusionOutput } from "./add-conclusion.js";
import { ZAddSitesInput, ZAddSitesOutput } from "./add-sites.js";
import { ZCheckInSiteInput, ZCheckInSiteOutput, ZReportAttendanceInput, ZReportAttendanceOutput } from "./check-in-site.js";
import { ZCreateConferenceInput, ZCreateConferenceOutput } from "./create-conference.js";
import { ZDisseminateDocumentsInput, ZDisseminateDocumentsOutput } from "./disseminate-documents.js";
import { ZEndSpeechInput, ZEndSpeechOutput } from "./end-speech.js";
import { conferenceEventSchemas } from "./events.js";
import { ZGetConferenceInput, ZGetConferenceOutput } from "./get-conference.js";
import { ZGiveFloorInput, ZGiveFloorOutput } from "./give-floor.js";
import { ZListConferencesInput, ZListConferencesOutput } from "./list-conferences.js";
import { ZListSitesInput, ZListSitesOutput } from "./list-sites.js";
import { ZNextAgendaItemInput, ZNextAgendaItemOutput } from "./next-agenda-item.js";
import { ZRegisterToSpeakInput, ZRegisterToSpeakOutput, ZWithdrawInput, ZWithdrawOutput } from "./register-to-speak.js";
import { ZSitesByProvinceInput, ZSitesByProvinceOutput } from "./sites-by-province.js";
import { ZTransitionInput, ZTransitionOutput } from "./transitions.js";
import { ZSearchAuditInput, ZSearchAuditOutput } from "./search-audit.js";
import { conservationInputSchema, conservationOutputSchema } from "./restructuring-conservation.js";
import { rekeyInputSchema, rekeyOutputSchema } from "./restructuring-rekey.js";

export const conferenceContract = defineContract({
  service: "conference",
  version: "1.4",
  procedures: {
    // organizer console
    create: mutation(ZCreateConferenceInput, ZCreateConferenceOutput),
    startConnecting: mutation(ZTransitionInput, ZTransitionOutput),
    openSession: mutation(ZTransitionInput, ZTransitionOutput),
    conclude: mutation(ZTransitionInput, ZTransitionOutput),
    // queries
    get: query(ZGetConferenceInput, ZGetConferenceOutput),
    list: query(ZListConferencesInput, ZListConferencesOutput),
    sites: {
      add: mutation(ZAddSitesInput, ZAddSitesOutput),
      list: query(ZListSitesInput, ZListSitesOutput),
      byProvince: query(ZSitesByProvinceInput, ZSitesByProvinceOutput),
      // site-operator console
      checkIn: mutation(ZCheckInSiteInput, ZCheckInSiteOutput),
      reportAttendance: mutation(ZReportAttendanceInput, ZReportAttendanceOutput),
    },
    agenda: { next: mutation(ZNextAgendaItemInput, ZNextAgendaItemOutput) },
    documents: { disseminate: mutation(ZDisseminateDocumentsInput, ZDisseminateDocumentsOutput) },
    speakers: { register: mutation(ZRegisterToSpeakInput, ZRegisterToSpeakOutput), withdraw: mutation(ZWithdrawInput, ZWithdrawOutput) },
    floor: { give: mutation(ZGiveFloorInput, ZGiveFloorOutput), end: mutation(ZEndSpeechInput, ZEndSpeechOutput) },
    conclusions: { add: mutation(ZAddConclusionInput, ZAddConclusionOutput) },
    /** Every change in id order, as tracked(id, envelope) confined to the reader's scope; `payload` per `events`. */
    events: { stream: subscription(eventStreamInputSchema, eventEnvelopeSchema) },
    /** The audit trail of the caller's scope (role auditor), newest first (1.1). */
    audit: { search: query(ZSearchAuditInput, ZSearchAuditOutput) },
    /** Restructuring's scope-key rewrite (1.3): its service account only (issue #14). */
    restructuring: { rekey: mutation(rekeyInputSchema, rekeyOutputSchema), conservation: query(conservationInputSchema, conservationOutputSchema) },
  },
  events: conferenceEventSchemas,
});

/** The same value under the name every contract package exports (the compatibility gate loads `contract`). */
export const contract = conferenceContract;
export type ConferenceContract = typeof conferenceContract;
