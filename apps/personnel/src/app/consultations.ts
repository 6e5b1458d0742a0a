// Membership and inspection, consulted through their contracts with personnel's client-credentials token
// (like inspection reads membership, decision 0008): a member's standing, and a member's discipline
// decisions. Used by political-standard conclusions; nothing is copied from their databases.
import { createServiceLinks } from "@orgboard/contracts";
import type { InspectionContractRouter } from "@orgboard/contract-inspection";
import type { MembershipContractRouter } from "@orgboard/contract-membership";
import { bilingual } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import { createTRPCClient, TRPCClientError } from "@trpc/client";

export interface MemberStanding {
  memberId: number;
  status: string;
  orgPath: string;
}

export interface DecisionFact {
  decisionId: string;
  form: string;
  effectiveOn: string;
  status: string;
}

export interface Consultations {
  /** The member as membership knows it, or null when it does not. */
  member(memberId: number): Promise<MemberStanding | null>;
  /** The member's discipline decisions as inspection knows them. */
  decisions(memberId: number): Promise<DecisionFact[]>;
}

export interface ConsultationOptions {
  membershipUrl: string;
  inspectionUrl: string;
  /** Personnel's service token (client credentials). */
  token: () => Promise<string>;
  fetch?: typeof fetch;
}

function unavailable(service: string, cause: unknown): TRPCError {
  return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: bilingual(`không đọc được dữ liệu từ dịch vụ ${service}; thử lại sau`, `could not read from the ${service} service; try again later`), cause });
}

const trpcUrl = (base: string) => `${base.replace(/\/+$/, "")}/trpc`;

export function serviceConsultations(opts: ConsultationOptions): Consultations {
  const extra = opts.fetch ? { fetch: opts.fetch } : {};
  const membership = createTRPCClient<MembershipContractRouter>({ links: [createServiceLinks<MembershipContractRouter>({ membership: trpcUrl(opts.membershipUrl) }, opts.token, extra)] });
  const inspection = createTRPCClient<InspectionContractRouter>({ links: [createServiceLinks<InspectionContractRouter>({ inspection: trpcUrl(opts.inspectionUrl) }, opts.token, extra)] });
  return {
    async member(memberId) {
      try {
        const m = await membership.membership.members.get.query({ id: memberId });
        return { memberId: m.id, status: m.status, orgPath: m.orgPath };
      } catch (err) {
        if (err instanceof TRPCClientError && (err.data as { code?: string } | undefined)?.code === "NOT_FOUND") return null;
        throw unavailable("membership", err);
      }
    },
    async decisions(memberId) {
      try {
        const r = await inspection.inspection.cases.listForSubject.query({ subject: { kind: "member", memberId } });
        return r.decisions.map((d) => ({ decisionId: d.id, form: d.form, effectiveOn: d.effectiveOn, status: d.status }));
      } catch (err) {
        throw unavailable("inspection", err);
      }
    },
  };
}
