import { inspectionContract, MAX_PETITION_EXPORT_ROWS } from "@orgboard/contract-inspection";
import { recordCallerChange } from "@orgboard/events";
import { formatDateVi } from "@orgboard/locale-vi";
import { scopeWhere } from "../../app/access.js";
import { fromDbDate, toDbDate, todayOf } from "../../app/dates.js";
import { invalid } from "../../app/errors.js";
import { isLate } from "../../app/petitions.js";
import { procedure } from "../procedure.js";

const c = inspectionContract.procedures.petitions.export;

/** The columns: never the petitioner, nor free text (the petition's content, the conclusion). */
const HEADER = ["Mã đơn", "Loại đơn", "Trạng thái", "Tổ chức giải quyết", "Cấp giải quyết", "Đối tượng", "Tổ chức của đối tượng", "Ngày nhận", "Hạn giải quyết", "Ngày gia hạn", "Ngày bắt đầu", "Ngày kết luận", "Kết quả", "Quá hạn", "Lý do không xem xét", "Nặc danh"];

/** One CSV cell: quoted when needed; a leading =, +, - or @ is neutralized (no formula runs when opened). */
function cell(value: string | null): string {
  if (value === null) return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const day = (d: Date | null) => (d ? formatDateVi(fromDbDate(d)) : null);

/**
 * The petitions of a subtree in the caller's scope (outside it: an empty file), as CSV (UTF-8 with a BOM,
 * dates dd/mm/yyyy). Recorded as a change: who exported which petitions.
 */
export const exportPetitionsRoute = procedure("inspection.petitions.read")
  .input(c.input)
  .output(c.output)
  .mutation(async ({ ctx, input }) => {
    const today = todayOf(ctx);
    const { where } = scopeWhere(ctx, input.orgPath);
    const rows = await ctx.db.petition.findMany({
      where: {
        ...where,
        ...(input.kind ? { kind: input.kind } : {}),
        ...(input.year ? { receivedOn: { gte: toDbDate(`${input.year}-01-01`), lte: toDbDate(`${input.year}-12-31`) } } : {}),
      },
      // Only what the file shows: the sealed petitioner is not even read.
      select: {
        id: true, kind: true, status: true, handlerOrgPath: true, level: true, subjectName: true, subjectOrgPath: true,
        receivedOn: true, dueOn: true, extendedOn: true, startedOn: true, settledOn: true, outcome: true, notHandledReason: true, anonymous: true,
      },
      orderBy: [{ receivedOn: "asc" }, { id: "asc" }],
      take: MAX_PETITION_EXPORT_ROWS + 1,
    });
    if (rows.length > MAX_PETITION_EXPORT_ROWS) {
      throw invalid("orgPath", "too_many_rows", `quá ${MAX_PETITION_EXPORT_ROWS} đơn: xuất theo năm hoặc theo đơn vị nhỏ hơn`, `more than ${MAX_PETITION_EXPORT_ROWS} petitions: export one year or a smaller subtree`);
    }
    const lines = [HEADER.map(cell).join(",")];
    for (const r of rows) {
      lines.push(
        [r.id, r.kind, r.status, r.handlerOrgPath, r.level, r.subjectName, r.subjectOrgPath, day(r.receivedOn), day(r.dueOn), day(r.extendedOn), day(r.startedOn), day(r.settledOn), r.outcome, isLate(r, today) ? "x" : "", r.notHandledReason, r.anonymous ? "x" : ""]
          .map(cell)
          .join(","),
      );
    }
    await ctx.db.$transaction(async (tx) =>
      recordCallerChange(
        tx,
        { principal: ctx.principal, requestId: ctx.requestId, action: ctx.action },
        { entity: "Petition", entityId: "export", orgPath: input.orgPath, after: { export: true, year: input.year ?? null, kind: input.kind ?? null, rows: rows.length, ids: rows.map((r) => r.id) } },
      ),
    );
    const file = `\uFEFF${lines.join("\r\n")}\r\n`;
    return {
      fileName: `don-thu-${input.orgPath.replaceAll("/", "_").replace(/^_|_$/g, "") || "toan-quoc"}${input.year ? `-${input.year}` : ""}.csv`,
      contentType: "text/csv; charset=utf-8",
      rows: rows.length,
      fileBase64: Buffer.from(file, "utf8").toString("base64"),
    };
  });
