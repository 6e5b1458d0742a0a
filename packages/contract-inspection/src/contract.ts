// The inspection service's whole wire surface: every procedure of its router (same paths, kinds and
// schema objects: apps/inspection asserts it implements this) and every event payload of its stream.
// A change here is a change of the contract: raise `version` (major if an old client or consumer could
// break), record it in CHANGELOG.md and run `pnpm contracts:record`.
import { defineContract, eventEnvelopeSchema, eventStreamInputSchema, mutation, query, subscription } from "@orgboard/contracts";
import { inspectionEventSchemas } from "./events.js";
import { annualReportInputSchema, annualReportOutputSchema } from "./report/annual.js";
import { assignInspectorsInputSchema, assignInspectorsOutputSchema } from "./petitions/assign.js";
import { getPetitionInputSchema, getPetitionOutputSchema } from "./petitions/get.js";
import { listPetitionsInputSchema, listPetitionsOutputSchema } from "./petitions/list.js";
import { receivePetitionInputSchema, receivePetitionOutputSchema } from "./petitions/receive.js";
import { settlePetitionInputSchema, settlePetitionOutputSchema } from "./petitions/settle.js";
import { startPetitionInputSchema, startPetitionOutputSchema } from "./petitions/start.js";
import { addWatchEntryInputSchema, addWatchEntryOutputSchema } from "./watch-list/add.js";
import { closeWatchEntryInputSchema, closeWatchEntryOutputSchema } from "./watch-list/close.js";
import { listWatchEntriesInputSchema, listWatchEntriesOutputSchema } from "./watch-list/list.js";

export const inspectionContract = defineContract({
  service: "inspection",
  version: "1.0",
  procedures: {
    report: { annual: query(annualReportInputSchema, annualReportOutputSchema) },
    /** Complaints and denunciations; the petitioner's identity only for the inspectors assigned. */
    petitions: {
      receive: mutation(receivePetitionInputSchema, receivePetitionOutputSchema),
      assign: mutation(assignInspectorsInputSchema, assignInspectorsOutputSchema),
      start: mutation(startPetitionInputSchema, startPetitionOutputSchema),
      settle: mutation(settlePetitionInputSchema, settlePetitionOutputSchema),
      list: query(listPetitionsInputSchema, listPetitionsOutputSchema),
      get: query(getPetitionInputSchema, getPetitionOutputSchema),
    },
    /** The inter-agency watch list. */
    watchList: {
      add: mutation(addWatchEntryInputSchema, addWatchEntryOutputSchema),
      close: mutation(closeWatchEntryInputSchema, closeWatchEntryOutputSchema),
      list: query(listWatchEntriesInputSchema, listWatchEntriesOutputSchema),
    },
    /** Every change in id order, as tracked(id, envelope) confined to the reader's scope; `payload` per `events`. */
    events: { stream: subscription(eventStreamInputSchema, eventEnvelopeSchema) },
  },
  events: inspectionEventSchemas,
});

/** The same value under the name every contract package exports (the compatibility gate loads `contract`). */
export const contract = inspectionContract;
export type InspectionContract = typeof inspectionContract;
