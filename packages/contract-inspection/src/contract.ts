// The inspection service's whole wire surface: every procedure of its router (same paths, kinds and
// schema objects: apps/inspection asserts it implements this) and every event payload of its stream.
// A change here is a change of the contract: raise `version` (major if an old client or consumer could
// break), record it in CHANGELOG.md and run `pnpm contracts:record`.
import { defineContract, eventEnvelopeSchema, eventStreamInputSchema, mutation, query, subscription } from "@orgboard/contracts";
import { searchAuditInputSchema, searchAuditOutputSchema } from "./audit/search.js";
import { listSubjectCasesInputSchema, listSubjectCasesOutputSchema } from "./cases/list-subject-cases.js";
import { decideAppealInputSchema, decideAppealOutputSchema } from "./discipline/decide-appeal.js";
import { decideDisciplineInputSchema, decideDisciplineOutputSchema } from "./discipline/decide-discipline.js";
import { getDecisionInputSchema, getDecisionOutputSchema } from "./discipline/get-decision.js";
import { listDecisionsInputSchema, listDecisionsOutputSchema } from "./discipline/list-decisions.js";
import { lodgeAppealInputSchema, lodgeAppealOutputSchema } from "./discipline/lodge-appeal.js";
import { resolveEffectInputSchema, resolveEffectOutputSchema } from "./discipline/resolve-effect.js";
import { inspectionEventSchemas } from "./events.js";
import { conservationInputSchema, conservationOutputSchema } from "./restructuring-conservation.js";
import { rekeyInputSchema, rekeyOutputSchema } from "./restructuring-rekey.js";
import { concludeInspectionInputSchema, concludeInspectionOutputSchema } from "./inspections/conclude-inspection.js";
import { decideInspectionInputSchema, decideInspectionOutputSchema } from "./inspections/decide-inspection.js";
import { getInspectionInputSchema, getInspectionOutputSchema } from "./inspections/get-inspection.js";
import { listInspectionsInputSchema, listInspectionsOutputSchema } from "./inspections/list-inspections.js";
import { startInspectionInputSchema, startInspectionOutputSchema } from "./inspections/start-inspection.js";
import { completeItemInputSchema, completeItemOutputSchema } from "./programs/complete-item.js";
import { createProgramInputSchema, createProgramOutputSchema } from "./programs/create-program.js";
import { getProgramInputSchema, getProgramOutputSchema } from "./programs/get-program.js";
import { listProgramsInputSchema, listProgramsOutputSchema } from "./programs/list-programs.js";
import { annualReportInputSchema, annualReportOutputSchema } from "./report/annual.js";
import { concludeSupervisionInputSchema, concludeSupervisionOutputSchema } from "./supervisions/conclude-supervision.js";
import { decideSupervisionInputSchema, decideSupervisionOutputSchema } from "./supervisions/decide-supervision.js";
import { getSupervisionInputSchema, getSupervisionOutputSchema } from "./supervisions/get-supervision.js";
import { listSupervisionsInputSchema, listSupervisionsOutputSchema } from "./supervisions/list-supervisions.js";
import { assignInspectorsInputSchema, assignInspectorsOutputSchema } from "./petitions/assign.js";
import { getPetitionInputSchema, getPetitionOutputSchema } from "./petitions/get.js";
import { exportPetitionsInputSchema, exportPetitionsOutputSchema } from "./petitions/export.js";
import { extendPetitionInputSchema, extendPetitionOutputSchema } from "./petitions/extend.js";
import { listPetitionsInputSchema, listPetitionsOutputSchema } from "./petitions/list.js";
import { receivePetitionInputSchema, receivePetitionOutputSchema } from "./petitions/receive.js";
import { settlePetitionInputSchema, settlePetitionOutputSchema } from "./petitions/settle.js";
import { startPetitionInputSchema, startPetitionOutputSchema } from "./petitions/start.js";
import { addWatchEntryInputSchema, addWatchEntryOutputSchema } from "./watch-list/add.js";
import { closeWatchEntryInputSchema, closeWatchEntryOutputSchema } from "./watch-list/close.js";
import { listWatchEntriesInputSchema, listWatchEntriesOutputSchema } from "./watch-list/list.js";

export const inspectionContract = defineContract({
  service: "inspection",
  version: "1.5",
  procedures: {
    /** Yearly inspection and supervision programs of a committee, its standing committee or its commission. */
    programs: {
      create: mutation(createProgramInputSchema, createProgramOutputSchema),
      completeItem: mutation(completeItemInputSchema, completeItemOutputSchema),
      get: query(getProgramInputSchema, getProgramOutputSchema),
      list: query(listProgramsInputSchema, listProgramsOutputSchema),
    },
    /** decided → under_way → concluded (findings: violation or not, degree, discipline proposed). */
    inspections: {
      decide: mutation(decideInspectionInputSchema, decideInspectionOutputSchema),
      start: mutation(startInspectionInputSchema, startInspectionOutputSchema),
      conclude: mutation(concludeInspectionInputSchema, concludeInspectionOutputSchema),
      get: query(getInspectionInputSchema, getInspectionOutputSchema),
      list: query(listInspectionsInputSchema, listInspectionsOutputSchema),
    },
    /** Regular and thematic; concluded with signs of violation, one becomes an inspection. */
    supervisions: {
      decide: mutation(decideSupervisionInputSchema, decideSupervisionOutputSchema),
      conclude: mutation(concludeSupervisionInputSchema, concludeSupervisionOutputSchema),
      get: query(getSupervisionInputSchema, getSupervisionOutputSchema),
      list: query(listSupervisionsInputSchema, listSupervisionsOutputSchema),
    },
    /** Discipline decisions of members and organizations, their appeals, their effect elsewhere. */
    discipline: {
      decide: mutation(decideDisciplineInputSchema, decideDisciplineOutputSchema),
      lodgeAppeal: mutation(lodgeAppealInputSchema, lodgeAppealOutputSchema),
      decideAppeal: mutation(decideAppealInputSchema, decideAppealOutputSchema),
      get: query(getDecisionInputSchema, getDecisionOutputSchema),
      list: query(listDecisionsInputSchema, listDecisionsOutputSchema),
      /** Settles an effect membership refused (with the officer's note): refused → resolved. */
      resolveEffect: mutation(resolveEffectInputSchema, resolveEffectOutputSchema),
    },
    /** Every case about one subject. */
    cases: { listForSubject: query(listSubjectCasesInputSchema, listSubjectCasesOutputSchema) },
    report: { annual: query(annualReportInputSchema, annualReportOutputSchema) },
    /** Complaints and denunciations; the petitioner's identity only for the inspectors assigned. */
    petitions: {
      receive: mutation(receivePetitionInputSchema, receivePetitionOutputSchema),
      assign: mutation(assignInspectorsInputSchema, assignInspectorsOutputSchema),
      start: mutation(startPetitionInputSchema, startPetitionOutputSchema),
      extend: mutation(extendPetitionInputSchema, extendPetitionOutputSchema),
      settle: mutation(settlePetitionInputSchema, settlePetitionOutputSchema),
      list: query(listPetitionsInputSchema, listPetitionsOutputSchema),
      get: query(getPetitionInputSchema, getPetitionOutputSchema),
      /** A mutation like membership's exports: a bulk read of case data is recorded as a change. */
      export: mutation(exportPetitionsInputSchema, exportPetitionsOutputSchema),
    },
    /** The inter-agency watch list. */
    watchList: {
      add: mutation(addWatchEntryInputSchema, addWatchEntryOutputSchema),
      close: mutation(closeWatchEntryInputSchema, closeWatchEntryOutputSchema),
      list: query(listWatchEntriesInputSchema, listWatchEntriesOutputSchema),
    },
    /** The audit trail of the caller's scope (role auditor), newest first (1.2). */
    audit: { search: query(searchAuditInputSchema, searchAuditOutputSchema) },
    /** Every change in id order, as tracked(id, envelope) confined to the reader's scope; `payload` per `events`. */
    events: { stream: subscription(eventStreamInputSchema, eventEnvelopeSchema) },
    /** Restructuring's scope-key rewrite (1.4): its service account only (issue #14). */
    restructuring: { rekey: mutation(rekeyInputSchema, rekeyOutputSchema), conservation: query(conservationInputSchema, conservationOutputSchema) },
  },
  events: inspectionEventSchemas,
});

/** The same value under the name every contract package exports (the compatibility gate loads `contract`). */
export const contract = inspectionContract;
export type InspectionContract = typeof inspectionContract;
