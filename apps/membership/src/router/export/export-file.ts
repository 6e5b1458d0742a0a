// Exports run inside a mutation: a bulk copy of personal data is audited (who, what subtree, how many
// rows) and announced on the stream like any change. The export streams its rows over the raw `Sql`
// handle (src/export, the bulk path beside COPY import and seed), which is why it still runs in mutate():
// benchmark bench/embedded.ts ("roundtrip": 210,660 members and 7,207 organizations exported).
import { randomUUID } from "node:crypto";
import { PassThrough } from "node:stream";
import type { ExportFileInput, ExportFileOutput } from "@orgboard/contract-membership";
import type { ExportOptions, ExportTarget } from "../../export/index.js";
import type { Sql } from "../../db/sql.js";
import { subtreeBounds } from "../../db/paths.js";
import type { MembershipContext } from "../context.js";
import { invalid } from "../errors.js";
import { bilingual } from "@orgboard/server-kit";
import { membershipEvent } from "../events.js";
import { mutate, type MutationContext } from "../mutate.js";

type Exporter = (db: Sql, target: ExportTarget, options: ExportOptions) => Promise<number>;

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } as const;

export function runExport(
  ctx: MembershipContext & MutationContext,
  input: ExportFileInput,
  what: "members" | "organizations",
  exporter: Exporter,
): Promise<ExportFileOutput> {
  return mutate(ctx, async (tx) => {
    const [lo, hi] = subtreeBounds(input.orgPath);
    const { rows: count } = await tx.query<{ n: number }>(
      what === "members"
        ? `SELECT count(*)::int AS n FROM member WHERE org_path ~>=~ $1 AND org_path ~<~ $2 AND status IN ('official', 'probationary')`
        : `SELECT count(*)::int AS n FROM party_organization WHERE path ~>=~ $1 AND path ~<~ $2`,
      [lo, hi],
    );
    const n = count[0]!.n;
    if (n > ctx.limits.exportMaxRows) {
      throw invalid("orgPath", "too_many_rows", bilingual(
        `phạm vi này có ${n} ${what === "members" ? "đảng viên" : "tổ chức đảng"}; mỗi lần xuất tối đa ${ctx.limits.exportMaxRows}: hãy xuất từng phần`,
        `the subtree has ${n} ${what}; at most ${ctx.limits.exportMaxRows} per export: export its parts`,
      ));
    }
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on("data", (c: Buffer) => chunks.push(c));
    const rows = await exporter(tx, { stream: sink, format: input.format }, { orgPath: input.orgPath });
    const file = Buffer.concat(chunks);
    const exportId = randomUUID();
    const fileName = `${what}-${input.orgPath === "/" ? "all" : input.orgPath.split("/").filter(Boolean).join("_")}.${input.format}`;
    return {
      result: { fileName, contentType: CONTENT_TYPES[input.format], rows, fileBase64: file.toString("base64") },
      change: { entity: what === "members" ? "MemberExport" : "OrganizationExport", entityId: exportId, orgPath: input.orgPath, after: { rows, format: input.format, bytes: file.length } },
      events: [membershipEvent("membership.export.completed", input.orgPath, exportId, { what, format: input.format, rows })],
    };
  });
}
