// Inputs the API tests share: valid ones, each test changing what it tests.
import { TREE } from "./harness.js";

export const commissionHN = { kind: "commission" as const, orgPath: TREE.p1 };

export function inspectionInput(memberId: number, over: Record<string, unknown> = {}) {
  return {
    kind: "signs_of_violation" as const,
    conductor: commissionHN,
    subject: { kind: "member" as const, memberId },
    decisionNumber: "125-QĐ/UBKTTU",
    decidedOn: "2026-03-02",
    content: "Kiểm tra khi có dấu hiệu vi phạm trong quản lý đất đai",
    plannedEndOn: "2026-05-29",
    ...over,
  };
}

export function supervisionInput(over: Record<string, unknown> = {}) {
  return {
    kind: "thematic" as const,
    conductor: commissionHN,
    subject: { kind: "organization" as const, orgPath: TREE.g1 },
    decisionNumber: "30-QĐ/UBKTTU",
    decidedOn: "2026-04-01",
    content: "Giám sát chuyên đề việc thực hiện quy chế làm việc",
    ...over,
  };
}

export function disciplineInput(memberId: number, over: Record<string, unknown> = {}) {
  return {
    subject: { kind: "member" as const, memberId },
    form: "expulsion" as const,
    decidedBy: { kind: "committee" as const, orgPath: TREE.p1 },
    decisionNumber: "512-QĐ/TU",
    decidedOn: "2026-10-05",
    announcedOn: "2026-10-07",
    degree: "very_serious" as const,
    violatedOn: "2025-06-15",
    reason: "Vi phạm nghiêm trọng quy định về những điều đảng viên không được làm",
    ...over,
  };
}

export function programInput(memberId: number, over: Record<string, unknown> = {}) {
  return {
    year: 2026,
    ownerKind: "commission" as const,
    ownerOrgPath: TREE.p1,
    title: "Chương trình kiểm tra, giám sát năm 2026 của Ủy ban Kiểm tra Thành ủy",
    items: [
      { subject: { kind: "organization" as const, orgPath: TREE.g1 }, content: "Kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát", quarter: 2 },
      { subject: { kind: "member" as const, memberId }, content: "Giám sát việc kê khai tài sản", quarter: 3 },
    ],
    ...over,
  };
}
