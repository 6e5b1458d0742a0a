// Subjects (members, organizations) live in membership. Inspection reads one on demand, through
// membership's contract with its own client-credentials token, when a case is opened, and keeps a
// snapshot on the case (docs/decisions/0008-inspection-subjects.md).
import { createServiceLinks } from "@orgboard/contracts";
import type { MembershipContractRouter } from "@orgboard/contract-membership";
import type { SubjectKind } from "@orgboard/contract-inspection";
import { bilingual } from "@orgboard/server-kit";
import { TRPCError } from "@trpc/server";
import { createTRPCClient, TRPCClientError } from "@trpc/client";

/** What a case keeps of its subject, as membership answered when the case was opened. */
export interface Subject {
  kind: SubjectKind;
  memberId: number | null;
  orgId: number | null;
  /** The member's full name or the organization's name. */
  name: string;
  /** The member's organization, or the organization itself: the case's scope key. */
  orgPath: string;
  /** A member's status (official, probationary, removed, …) or an organization's (open, closed). */
  status: string;
  /** An organization's kind (membership's ORG_KINDS); null for a member. */
  orgKind: string | null;
}

/** How a procedure names a subject: a member by membership's id, an organization by its path. */
export type SubjectRef = { kind: "member"; memberId: number } | { kind: "organization"; orgPath: string };

export interface SubjectDirectory {
  /** The subject, or null when membership does not know it. */
  find(ref: SubjectRef): Promise<Subject | null>;
}

export interface MembershipDirectoryOptions {
  /** Membership's base URL (`/trpc` is appended). */
  baseUrl: string;
  /** Inspection's service token (client credentials), asked for on every call (it is cached by the source). */
  token: () => Promise<string>;
  fetch?: typeof fetch;
}

function unavailable(cause: unknown): TRPCError {
  return new TRPCError({
    code: "SERVICE_UNAVAILABLE",
    message: bilingual("không đọc được dữ liệu đảng viên, tổ chức đảng (dịch vụ membership); thử lại sau", "could not read the member or organization from membership; try again later"),
    cause,
  });
}

/** The directory over membership's tRPC contract (members.get, orgs.get). */
export function membershipDirectory(opts: MembershipDirectoryOptions): SubjectDirectory {
  const client = createTRPCClient<MembershipContractRouter>({
    links: [createServiceLinks<MembershipContractRouter>({ membership: `${opts.baseUrl.replace(/\/+$/, "")}/trpc` }, opts.token, opts.fetch ? { fetch: opts.fetch } : {})],
  });
  return {
    async find(ref) {
      try {
        if (ref.kind === "member") {
          const m = await client.membership.members.get.query({ id: ref.memberId });
          return { kind: "member", memberId: m.id, orgId: null, name: m.fullName, orgPath: m.orgPath, status: m.status, orgKind: null };
        }
        const o = await client.membership.orgs.get.query({ orgPath: ref.orgPath });
        return { kind: "organization", memberId: null, orgId: o.id, name: o.name, orgPath: o.path, status: o.closedOn ? "closed" : "open", orgKind: o.kind };
      } catch (err) {
        // NOT_FOUND is an answer; anything else (membership down, our token refused) is not.
        if (err instanceof TRPCClientError && (err.data as { code?: string } | undefined)?.code === "NOT_FOUND") return null;
        throw unavailable(err);
      }
    },
  };
}
