// The membership service's API as the CLI uses it: one typed tRPC client (createServiceLinks: the
// official's bearer token on every call, asked for again on each so a refreshed one is used) and the
// three calls of `import`, `export` and `report`. The ONLY module that names the service's procedures
// or imports its router type: when @orgboard/contract-membership lands, swap the type import below for
// `membershipContract`'s ContractRouter type and `kpi.report` for `reports.annual`; nothing else changes.
import { createTRPCClient, type TRPCClient } from "@trpc/client";
import { createServiceLinks, type TokenGetter } from "@orgboard/contracts";
import type { AppRouter } from "@orgboard/membership/router";
import type { AnnualReport } from "@orgboard/membership";
import { DEFAULT_PORTS } from "../start/config.js";

export type MembershipClient = TRPCClient<AppRouter>;
export type FileFormat = "csv" | "xlsx";
export type ImportKind = "members" | "orgs";

export type ImportOutcome =
  | { ok: true; importId: string; imported: number; orgPath: string }
  | { ok: false; rows: number; rejectedCount: number; rejected: { row: number; column: string; reason: string }[] };

export interface ExportedFile {
  fileName: string;
  rows: number;
  bytes: Buffer;
}

/** --api, else MEMBERSHIP_URL, else the local `npm start` membership (ORGBOARD_MEMBERSHIP_PORT, default 3001). */
export function membershipUrl(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const raw = given ?? env.MEMBERSHIP_URL ?? `http://127.0.0.1:${env.ORGBOARD_MEMBERSHIP_PORT || DEFAULT_PORTS.membership}`;
  return raw.replace(/\/+$/, "").replace(/\/trpc$/, "");
}

export function membershipClient(baseUrl: string, getToken: TokenGetter, fetchImpl?: typeof fetch): MembershipClient {
  return createTRPCClient<AppRouter>({ links: [createServiceLinks<AppRouter>({ membership: `${baseUrl}/trpc` }, getToken, fetchImpl ? { fetch: fetchImpl } : {})] });
}

export interface MembershipApi {
  importFile(kind: ImportKind, input: { orgPath: string; format: FileFormat; bytes: Buffer; fileName: string }): Promise<ImportOutcome>;
  exportFile(kind: ImportKind, input: { orgPath: string; format: FileFormat }): Promise<ExportedFile>;
  annualReport(input: { orgPath: string; year: number }): Promise<AnnualReport>;
}

export function membershipApi(baseUrl: string, getToken: TokenGetter, fetchImpl?: typeof fetch): MembershipApi {
  const api = membershipClient(baseUrl, getToken, fetchImpl).membership;
  return {
    async importFile(kind, { bytes, ...rest }) {
      const input = { ...rest, fileBase64: bytes.toString("base64") };
      const r = kind === "members" ? await api.import.members.mutate(input) : await api.import.orgs.mutate(input);
      return r.ok ? { ok: true, importId: r.importId, imported: r.imported, orgPath: r.orgPath } : r;
    },
    async exportFile(kind, input) {
      const r = kind === "members" ? await api.export.members.mutate(input) : await api.export.orgs.mutate(input);
      return { fileName: r.fileName, rows: r.rows, bytes: Buffer.from(r.fileBase64, "base64") };
    },
    // Today's router names it kpi.report; the contract names it reports.annual.
    annualReport: (input) => api.kpi.report.query(input),
  };
}
