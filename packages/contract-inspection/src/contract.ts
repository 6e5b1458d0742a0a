// The inspection service's whole wire surface: every procedure of its router (same paths, kinds and
// schema objects: apps/inspection asserts it implements this) and every event payload of its stream.
// A change here is a change of the contract: raise `version` (major if an old client or consumer could
// break), record it in CHANGELOG.md and run `pnpm contracts:record`.
import { defineContract, eventEnvelopeSchema, eventStreamInputSchema, query, subscription } from "@orgboard/contracts";
import { inspectionEventSchemas } from "./events.js";
import { annualReportInputSchema, annualReportOutputSchema } from "./report/annual.js";

export const inspectionContract = defineContract({
  service: "inspection",
  version: "1.0",
  procedures: {
    report: { annual: query(annualReportInputSchema, annualReportOutputSchema) },
    /** Every change in id order, as tracked(id, envelope) confined to the reader's scope; `payload` per `events`. */
    events: { stream: subscription(eventStreamInputSchema, eventEnvelopeSchema) },
  },
  events: inspectionEventSchemas,
});

/** The same value under the name every contract package exports (the compatibility gate loads `contract`). */
export const contract = inspectionContract;
export type InspectionContract = typeof inspectionContract;
