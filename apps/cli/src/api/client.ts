// The membership service's API as the CLI uses it: one tRPC client typed by the service's wire contract
// (@orgboard/contract-membership, decision 0005), the official's bearer token on every call (asked for
// again on each, so a refreshed one is used), and the three calls of `import`, `export` and `report`. The
// only module that names the service's procedures.
import { createTRPCClient, type TRPCClient } from "@trpc/client";
import { createServiceLinks, type TokenGetter } from "@orgboard/contracts";
import { HISTORY_IMPORT_KINDS, type AnnualReportOutput, type CloseYearOutput, type HistoryImportKind, type MembershipContractRouter } from "@orgboard/contract-membership";
import { DEFAULT_PORTS } from "../start/config.js";

export type MembershipClient = TRPCClient<MembershipContractRouter>;
export type FileFormat = "csv" | "xlsx";
export type ImportKind = "members" | "orgs";
/** `import history-<kind>`: past years of the register (docs/import-template.md "History"). */
export type HistoryKind = `history-${HistoryImportKind}`;
export const HISTORY_KINDS: HistoryKind[] = HISTORY_IMPORT_KINDS.map((k) => `history-${k}` as const);

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
  return createTRPCClient<MembershipContractRouter>({ links: [createServiceLinks<MembershipContractRouter>({ membership: `${baseUrl}/trpc` }, getToken, fetchImpl ? { fetch: fetchImpl } : {})] });
}

export interface MembershipApi {
  importFile(kind: ImportKind | HistoryKind, input: { orgPath: string; format: FileFormat; bytes: Buffer; fileName: string }): Promise<ImportOutcome>;
  exportFile(kind: ImportKind, input: { orgPath: string; format: FileFormat }): Promise<ExportedFile>;
  annualReport(input: { orgPath: string; year: number }): Promise<AnnualReportOutput>;
  closeYear(input: { orgPath: string; year: number }): Promise<CloseYearOutput>;
}

export function membershipApi(baseUrl: string, getToken: TokenGetter, fetchImpl?: typeof fetch): MembershipApi {
  const api = membershipClient(baseUrl, getToken, fetchImpl).membership;
  return {
    async importFile(kind, { bytes, ...rest }) {
      const input = { ...rest, fileBase64: bytes.toString("base64") };
      const r =
        kind === "members"
          ? await api.import.members.mutate(input)
          : kind === "orgs"
            ? await api.import.orgs.mutate(input)
            : await api.import.history.mutate({ ...input, kind: kind.slice("history-".length) as HistoryImportKind });
      return r.ok ? { ok: true, importId: r.importId, imported: r.imported, orgPath: r.orgPath } : r;
    },
    async exportFile(kind, input) {
      const r = kind === "members" ? await api.export.members.mutate(input) : await api.export.orgs.mutate(input);
      return { fileName: r.fileName, rows: r.rows, bytes: Buffer.from(r.fileBase64, "base64") };
    },
    annualReport: (input) => api.kpi.report.query(input),
    closeYear: (input) => api.kpi.closeYear.mutate(input),
  };
}
