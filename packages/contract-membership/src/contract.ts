// The membership service's wire contract: every procedure under `membership.` with its kind and the
// schema objects of its input and output, and every event type with its payload. apps/membership's router
// uses these very objects (assertImplements checks it at start-up); clients type themselves from
// `ContractRouter<typeof membershipContract>`; snapshots/<version>.json records it for the compatibility gate.
// A procedure's schemas are in the file at the same path as its handler in apps/membership/src/router/.
import { defineContract, eventEnvelopeSchema, eventStreamInputSchema, mutation, query, subscription, type ContractRouter } from "@orgboard/contracts";
import { admitCandidateInputSchema, admitCandidateOutputSchema } from "./admissions/admit-candidate.js";
import { listOverdueProbationsInputSchema, listOverdueProbationsOutputSchema } from "./admissions/list-overdue-probations.js";
import { recognizeMemberInputSchema, recognizeMemberOutputSchema } from "./admissions/recognize-member.js";
import { registerCandidateInputSchema, registerCandidateOutputSchema } from "./admissions/register-candidate.js";
import { searchAuditInputSchema, searchAuditOutputSchema } from "./audit/search-audit.js";
import { awardBadgeInputSchema, awardBadgeOutputSchema } from "./badges/award-badge.js";
import { listEligibleBadgesInputSchema, listEligibleBadgesOutputSchema } from "./badges/list-eligible-badges.js";
import { proposeBadgeInputSchema, proposeBadgeOutputSchema } from "./badges/propose-badge.js";
import { issueCardInputSchema, issueCardOutputSchema } from "./cards/issue-card.js";
import { membershipEventSchemas } from "./events.js";
import { exportFileInputSchema, exportFileOutputSchema } from "./export/export-file.js";
import { importFileInputSchema, importFileOutputSchema } from "./import/import-file.js";
import { importHistoryInputSchema, importHistoryOutputSchema } from "./import/import-history.js";
import { annualReportInputSchema, annualReportOutputSchema } from "./kpi/annual-report.js";
import { closeYearInputSchema, closeYearOutputSchema } from "./kpi/close-year.js";
import { kpiSummaryInputSchema, kpiSummaryOutputSchema } from "./kpi/kpi-summary.js";
import { createMemberInputSchema, createMemberOutputSchema } from "./members/create-member.js";
import { getMemberInputSchema, getMemberOutputSchema } from "./members/get-member.js";
import { listMembersInputSchema, listMembersOutputSchema } from "./members/list-members.js";
import { memberHistoryInputSchema, memberHistoryOutputSchema } from "./members/member-history.js";
import { updateMemberInputSchema, updateMemberOutputSchema } from "./members/update-member.js";
import { closeOrgInputSchema, closeOrgOutputSchema } from "./orgs/close-org.js";
import { createOrgInputSchema, createOrgOutputSchema } from "./orgs/create-org.js";
import { getOrgInputSchema, getOrgOutputSchema } from "./orgs/get-org.js";
import { listOrgChildrenInputSchema, listOrgChildrenOutputSchema } from "./orgs/list-org-children.js";
import { listOrgsInputSchema, listOrgsOutputSchema } from "./orgs/list-orgs.js";
import { orgStructureInputSchema, orgStructureOutputSchema } from "./orgs/org-structure.js";
import { updateOrgInputSchema, updateOrgOutputSchema } from "./orgs/update-org.js";
import { appraiseRatingInputSchema, appraiseRatingOutputSchema } from "./ratings/appraise-rating.js";
import { approveRatingInputSchema, approveRatingOutputSchema } from "./ratings/approve-rating.js";
import { listRatingsInputSchema, listRatingsOutputSchema } from "./ratings/list-ratings.js";
import { selfAssessRatingInputSchema, selfAssessRatingOutputSchema } from "./ratings/self-assess-rating.js";
import { recordDeathInputSchema, recordDeathOutputSchema } from "./removals/record-death.js";
import { removeMemberInputSchema, removeMemberOutputSchema } from "./removals/remove-member.js";
import { setTargetInputSchema, setTargetOutputSchema } from "./targets/set-target.js";
import { cancelTransferInputSchema, cancelTransferOutputSchema } from "./transfers/cancel-transfer.js";
import { completeTransferInputSchema, completeTransferOutputSchema } from "./transfers/complete-transfer.js";
import { listTransfersInputSchema, listTransfersOutputSchema } from "./transfers/list-transfers.js";
import { requestTransferInputSchema, requestTransferOutputSchema } from "./transfers/request-transfer.js";
import { returnTransferInputSchema, returnTransferOutputSchema } from "./transfers/return-transfer.js";
import { closeOrgsInputSchema, conservationInputSchema, conservationOutputSchema, createOrgsInputSchema, createOrgsOutputSchema, markInputSchema, reopenOrgsInputSchema, restoreOrgsInputSchema, reparentInputSchema, reparentOutputSchema, restructuringTreeInputSchema, restructuringTreeOutputSchema, stepResultSchema } from "./restructuring/steps.js";

export const membershipContract = defineContract({
  service: "membership",
  version: "2.11",
  procedures: {
    orgs: {
      get: query(getOrgInputSchema, getOrgOutputSchema),
      children: query(listOrgChildrenInputSchema, listOrgChildrenOutputSchema),
      list: query(listOrgsInputSchema, listOrgsOutputSchema),
      structure: query(orgStructureInputSchema, orgStructureOutputSchema),
      create: mutation(createOrgInputSchema, createOrgOutputSchema),
      update: mutation(updateOrgInputSchema, updateOrgOutputSchema),
      close: mutation(closeOrgInputSchema, closeOrgOutputSchema),
    },
    members: {
      get: query(getMemberInputSchema, getMemberOutputSchema),
      list: query(listMembersInputSchema, listMembersOutputSchema),
      history: query(memberHistoryInputSchema, memberHistoryOutputSchema),
      create: mutation(createMemberInputSchema, createMemberOutputSchema),
      update: mutation(updateMemberInputSchema, updateMemberOutputSchema),
    },
    admissions: {
      registerCandidate: mutation(registerCandidateInputSchema, registerCandidateOutputSchema),
      admit: mutation(admitCandidateInputSchema, admitCandidateOutputSchema),
      recognize: mutation(recognizeMemberInputSchema, recognizeMemberOutputSchema),
      overdue: query(listOverdueProbationsInputSchema, listOverdueProbationsOutputSchema),
    },
    cards: {
      issue: mutation(issueCardInputSchema, issueCardOutputSchema),
    },
    transfers: {
      request: mutation(requestTransferInputSchema, requestTransferOutputSchema),
      complete: mutation(completeTransferInputSchema, completeTransferOutputSchema),
      cancel: mutation(cancelTransferInputSchema, cancelTransferOutputSchema),
      return: mutation(returnTransferInputSchema, returnTransferOutputSchema),
      list: query(listTransfersInputSchema, listTransfersOutputSchema),
    },
    badges: {
      eligible: query(listEligibleBadgesInputSchema, listEligibleBadgesOutputSchema),
      propose: mutation(proposeBadgeInputSchema, proposeBadgeOutputSchema),
      award: mutation(awardBadgeInputSchema, awardBadgeOutputSchema),
    },
    removals: {
      remove: mutation(removeMemberInputSchema, removeMemberOutputSchema),
      recordDeath: mutation(recordDeathInputSchema, recordDeathOutputSchema),
    },
    ratings: {
      selfAssess: mutation(selfAssessRatingInputSchema, selfAssessRatingOutputSchema),
      appraise: mutation(appraiseRatingInputSchema, appraiseRatingOutputSchema),
      approve: mutation(approveRatingInputSchema, approveRatingOutputSchema),
      list: query(listRatingsInputSchema, listRatingsOutputSchema),
    },
    targets: {
      set: mutation(setTargetInputSchema, setTargetOutputSchema),
    },
    kpi: {
      summary: query(kpiSummaryInputSchema, kpiSummaryOutputSchema),
      report: query(annualReportInputSchema, annualReportOutputSchema),
      /** Closes a year's report of a subtree: frozen as published (2.4). */
      closeYear: mutation(closeYearInputSchema, closeYearOutputSchema),
    },
    /** Both take a file in the import template and answer the same result (import/import-file.ts). */
    import: {
      members: mutation(importFileInputSchema, importFileOutputSchema),
      orgs: mutation(importFileInputSchema, importFileOutputSchema),
      /** Past years of the register's members, one kind per file (import/import-history.ts, 2.4). */
      history: mutation(importHistoryInputSchema, importHistoryOutputSchema),
    },
    /** Both answer a file in the import template (export/export-file.ts). */
    export: {
      members: mutation(exportFileInputSchema, exportFileOutputSchema),
      orgs: mutation(exportFileInputSchema, exportFileOutputSchema),
    },
    events: {
      /** Every change in scope, as tracked(id, envelope); payloads by type in `events` below. */
      stream: subscription(eventStreamInputSchema, eventEnvelopeSchema),
    },
    /** The audit trail of the caller's scope (role auditor), newest first (2.2). */
    audit: {
      search: query(searchAuditInputSchema, searchAuditOutputSchema),
    },
    /** The restructuring saga's reads and idempotent steps; restructuring's service account only (2.6). */
    restructuring: {
      tree: query(restructuringTreeInputSchema, restructuringTreeOutputSchema),
      mark: mutation(markInputSchema, stepResultSchema),
      createOrgs: mutation(createOrgsInputSchema, createOrgsOutputSchema),
      reparent: mutation(reparentInputSchema, reparentOutputSchema),
      closeOrgs: mutation(closeOrgsInputSchema, stepResultSchema),
      reopenOrgs: mutation(reopenOrgsInputSchema, stepResultSchema),
      /** A rollback's compensation of createOrgs' renames (2.9). */
      restoreOrgs: mutation(restoreOrgsInputSchema, stepResultSchema),
      conservation: query(conservationInputSchema, conservationOutputSchema),
    },
  },
  events: membershipEventSchemas,
});

/** The same contract under the name every contract package exports (the compatibility gate reads `contract`). */
export const contract = membershipContract;

/** The tRPC router type of the membership service, for `createTRPCClient<MembershipContractRouter>`. */
export type MembershipContractRouter = ContractRouter<typeof membershipContract>;
