// "Đang sắp xếp" in the everyday reads (contract 2.7): while restructuring's saga has marked a committee
// (restructuring_mark, the mark step until the unmark after verify), orgs.get / orgs.list and the reports say
// that what they show overlaps a subtree being restructured. The marks are few (a province's committees at a
// time), so they are read whole and matched here.
import type { RestructuringNotice } from "@orgboard/contract-membership";
import type { PrismaClient } from "../../generated/prisma/client.js";

export interface Mark {
  path: string;
  since: Date;
}

export async function readMarks(prisma: Pick<PrismaClient, "$queryRaw">): Promise<Mark[]> {
  return prisma.$queryRaw<Mark[]>`SELECT o.path, k.since FROM restructuring_mark k JOIN party_organization o ON o.code = k.org_code ORDER BY o.path`;
}

const ddmmyyyy = (d: Date) => `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${d.getUTCFullYear()}`;

/**
 * The notice for `path`: marks on it or an ancestor ("org": the organization itself is moving), and with
 * "scope" also marks inside its subtree (a report or a subtree total that includes something moving).
 */
export function noticeFor(marks: readonly Mark[], path: string, mode: "org" | "scope"): RestructuringNotice | null {
  const hit = marks.filter((m) => path.startsWith(m.path) || (mode === "scope" && m.path.startsWith(path)));
  if (hit.length === 0) return null;
  const since = new Date(Math.min(...hit.map((m) => m.since.getTime())));
  const message =
    hit.some((m) => path.startsWith(m.path))
      ? `Đang sắp xếp: tổ chức này thuộc đơn vị đang được sắp xếp (từ ${ddmmyyyy(since)}), số liệu chưa phải số cuối cùng / Being restructured: this organization lies in a unit being restructured (since ${ddmmyyyy(since)}); figures are not final`
      : `Đang sắp xếp: một phần phạm vi này đang được sắp xếp (từ ${ddmmyyyy(since)}), số liệu chưa phải số cuối cùng / Being restructured: part of this scope is being restructured (since ${ddmmyyyy(since)}); figures are not final`;
  return { since: since.toISOString(), paths: hit.map((m) => m.path), message };
}
