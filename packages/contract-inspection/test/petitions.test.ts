// The petitions and watch-list schemas: bad input names the field (bilingual), control characters are
// refused, the anonymous/petitioner rule holds, dates exist.
import { describe, expect, it } from "vitest";
import {
  addWatchEntryInputSchema,
  assignInspectorsInputSchema,
  closeWatchEntryInputSchema,
  getPetitionInputSchema,
  listPetitionsInputSchema,
  receivePetitionInputSchema,
  settlePetitionInputSchema,
} from "../src/index.js";

const ok = {
  kind: "denunciation",
  subject: { kind: "member", memberId: 42 },
  receivedOn: "2026-02-10",
  content: "Tố cáo đảng viên vi phạm quy định về kê khai tài sản.\nCó tài liệu kèm theo.",
  anonymous: false,
  handlerOrgPath: "/01/",
  level: "provincial",
  petitioner: { name: "Nguyễn Văn An", nationalId: "001085012345", address: "Hà Nội", contact: null },
};

function fields(schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown) {
  const r = schema.safeParse(value);
  expect(r.success, JSON.stringify(value)).toBe(false);
  for (const issue of r.error!.issues) expect(issue.message, issue.path.join(".")).toMatch(/ \/ /);
  return r.error!.issues.map((i) => i.path.join("."));
}

describe("petitions.receive input", () => {
  it("takes a named denunciation; blank optional fields become null; text is trimmed", () => {
    const v = receivePetitionInputSchema.parse({ ...ok, petitioner: { ...ok.petitioner, address: "  " }, content: " Nội dung " });
    expect(v.petitioner).toEqual({ name: "Nguyễn Văn An", nationalId: "001085012345", address: null, contact: null });
    expect(v.content).toBe("Nội dung");
    expect(v.decisionId).toBeNull();
    expect(v.intake).toEqual({});
  });

  it("an anonymous petition has no petitioner, a named one must have one", () => {
    expect(receivePetitionInputSchema.parse({ ...ok, anonymous: true, petitioner: null }).petitioner).toBeNull();
    expect(fields(receivePetitionInputSchema, { ...ok, anonymous: true })).toEqual(["petitioner"]);
    expect(fields(receivePetitionInputSchema, { ...ok, petitioner: null })).toEqual(["petitioner"]);
  });

  it("refuses NUL and other control characters in every text field, naming it", () => {
    expect(fields(receivePetitionInputSchema, { ...ok, content: "a\u0000b" })).toEqual(["content"]);
    expect(fields(receivePetitionInputSchema, { ...ok, petitioner: { ...ok.petitioner, name: "An\u001b[31m" } })).toEqual(["petitioner.name"]);
    expect(fields(receivePetitionInputSchema, { ...ok, petitioner: { ...ok.petitioner, address: "x\u0085y" } })).toEqual(["petitioner.address"]);
    expect(fields(receivePetitionInputSchema, { ...ok, petitioner: { ...ok.petitioner, name: "An\nB" } })).toEqual(["petitioner.name"]);
    // free text keeps line breaks and tabs
    expect(receivePetitionInputSchema.parse({ ...ok, content: "a\r\n\tb" }).content).toBe("a\r\n\tb");
  });

  it("names bad subjects, dates, kinds, national ids and decision links", () => {
    expect(fields(receivePetitionInputSchema, { ...ok, subject: { kind: "member", memberId: 0 } })).toEqual(["subject.memberId"]);
    // (the shared subject schema's path message is @orgboard/contracts' English one)
    expect(receivePetitionInputSchema.safeParse({ ...ok, subject: { kind: "organization", orgPath: "/01/../" } }).error?.issues.map((i) => i.path.join("."))).toEqual(["subject.orgPath"]);
    expect(fields(receivePetitionInputSchema, { ...ok, receivedOn: "2026-02-30" })).toEqual(["receivedOn"]);
    expect(fields(receivePetitionInputSchema, { ...ok, receivedOn: "10/02/2026" })).toEqual(["receivedOn"]);
    expect(fields(receivePetitionInputSchema, { ...ok, kind: "rumour" })).toEqual(["kind"]);
    expect(fields(receivePetitionInputSchema, { ...ok, petitioner: { ...ok.petitioner, nationalId: "12345" } })).toEqual(["petitioner.nationalId"]);
    expect(fields(receivePetitionInputSchema, { ...ok, decisionId: "0193a6f0-7c3e-7000-8000-000000000001" })).toEqual(["decisionId"]);
    expect(fields(receivePetitionInputSchema, { ...ok, content: "" })).toEqual(["content"]);
    expect(fields(receivePetitionInputSchema, { ...ok, level: "ward" })).toEqual(["level"]);
    expect(fields(receivePetitionInputSchema, { ...ok, intake: { collective: "yes", decisionReceivedOn: "2026-02-31" } })).toEqual(["intake.collective", "intake.decisionReceivedOn"]);
    expect(fields(receivePetitionInputSchema, { ...ok, content: "x".repeat(8001) })).toEqual(["content"]);
  });
});

describe("the other petition procedures", () => {
  const id = "0193a6f0-7c3e-7000-8000-000000000001";
  it("assign: at least one inspector, no duplicates, account ids without controls", () => {
    expect(assignInspectorsInputSchema.parse({ petitionId: id, inspectors: [{ userId: "u-1", name: "Lê Văn Cường" }] }).inspectors).toHaveLength(1);
    expect(fields(assignInspectorsInputSchema, { petitionId: id, inspectors: [] })).toEqual(["inspectors"]);
    expect(fields(assignInspectorsInputSchema, { petitionId: id, inspectors: [{ userId: "u-1", name: "A" }, { userId: "u-1", name: "B" }] })).toEqual(["inspectors"]);
    expect(fields(assignInspectorsInputSchema, { petitionId: id, inspectors: [{ userId: "u\u00001", name: "A" }] })).toEqual(["inspectors.0.userId"]);
  });
  it("settle, get, list name their fields", () => {
    expect(fields(settlePetitionInputSchema, { petitionId: "x", settledOn: "2026-13-01", outcome: "maybe", conclusion: "\u0007" })).toEqual(["petitionId", "settledOn", "outcome", "conclusion"]);
    expect(fields(getPetitionInputSchema, { petitionId: 5 })).toEqual(["petitionId"]);
    expect(fields(listPetitionsInputSchema, { orgPath: "01", limit: 1000, status: "lost" })).toEqual(["orgPath", "status", "limit"]);
  });
});

describe("watch-list input", () => {
  it("links a record or free text about an organization", () => {
    expect(addWatchEntryInputSchema.parse({ link: { kind: "free_text", orgPath: "/01/" }, title: "Vụ án X", addedOn: "2026-03-01" }).note).toBeNull();
    expect(fields(addWatchEntryInputSchema, { link: { kind: "rumour" }, title: "T", addedOn: "2026-03-01" })).toEqual(["link.kind"]);
    expect(fields(addWatchEntryInputSchema, { link: { kind: "inspection", inspectionId: "nope" }, title: "T\u0000", addedOn: "2026-03-01" })).toEqual(["link.inspectionId", "title"]);
    expect(fields(closeWatchEntryInputSchema, { watchId: "0193a6f0-7c3e-7000-8000-000000000001", closedOn: "2026-02-29" })).toEqual(["closedOn"]);
  });
});
