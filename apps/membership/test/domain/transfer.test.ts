import { describe, expect, it } from "vitest";
import {
  TRANSFER_STATUSES,
  TRANSFER_TRANSITIONS,
  checkTransferRequest,
  isPresentationOverdue,
  isTransferOpen,
  memberStatusAfterTransfer,
  presentationDeadline,
  transitionTransfer,
  type Result,
  type TransferRequest,
  type TransferState,
} from "../../src/domain/index.js";

const codes = (r: Result<unknown>) => (r.ok ? [] : r.violations.map((v) => `${v.field}:${v.code}`));

const req: TransferRequest = {
  kind: "official",
  requestedOn: "2025-01-15",
  member: { status: "official", orgId: 10 },
  from: { id: 10, kind: "subordinate_cell", path: "/01/01-001/01-001-C1/" },
  to: { id: 20, kind: "grassroots_cell", path: "/79/79-002/", closedOn: null },
};

describe("checkTransferRequest", () => {
  it("accepts an official transfer of an official or probationary member", () => {
    expect(checkTransferRequest(req)).toEqual({ ok: true, value: { kind: "official" } });
    expect(checkTransferRequest({ ...req, member: { ...req.member, status: "probationary" } }).ok).toBe(true);
  });

  it("rejects the same organization, a closed or non-cell destination", () => {
    expect(codes(checkTransferRequest({ ...req, to: { ...req.from } }))).toEqual(["to:same_org"]);
    expect(codes(checkTransferRequest({ ...req, to: { ...req.to!, closedOn: "2025-01-15" } }))).toEqual(["to:destination_closed"]);
    expect(checkTransferRequest({ ...req, to: { ...req.to!, closedOn: "2025-01-16" } }).ok).toBe(true);
    expect(codes(checkTransferRequest({ ...req, to: { ...req.to!, kind: "grassroots_committee" } }))).toEqual(["to:destination_not_a_cell"]);
    expect(codes(checkTransferRequest({ ...req, from: { ...req.from, closedOn: "2025-01-14" } }))).toEqual(["from:origin_closed"]);
  });

  it("rejects removed, deceased and already transferred members", () => {
    for (const status of ["removed", "deceased", "transferred_out"] as const) {
      expect(codes(checkTransferRequest({ ...req, member: { ...req.member, status } }))).toEqual(["member.status:member_not_active"]);
    }
  });

  it("starts from the member's own organization, one transfer at a time", () => {
    expect(codes(checkTransferRequest({ ...req, member: { ...req.member, orgId: 11 } }))).toEqual(["from:not_member_org"]);
    expect(codes(checkTransferRequest({ ...req, member: { ...req.member, hasOpenTransfer: true } }))).toEqual(["member:transfer_in_progress"]);
  });

  it("a destination outside the system needs a description", () => {
    expect(codes(checkTransferRequest({ ...req, to: null }))).toEqual(["toDescription:required"]);
    expect(checkTransferRequest({ ...req, to: null, toDescription: "Đảng bộ Ngoài nước" }).ok).toBe(true);
  });

  it("temporary: 3 months to under 12 (work) or up to 24 (study)", () => {
    const t = { ...req, kind: "temporary" };
    expect(codes(checkTransferRequest(t))).toEqual(["expectedReturnOn:required"]);
    expect(codes(checkTransferRequest({ ...t, expectedReturnOn: "2025-04-14" }))).toEqual(["expectedReturnOn:too_short"]);
    expect(checkTransferRequest({ ...t, expectedReturnOn: "2025-04-15" }).ok).toBe(true);
    expect(checkTransferRequest({ ...t, expectedReturnOn: "2026-01-14" }).ok).toBe(true);
    expect(codes(checkTransferRequest({ ...t, expectedReturnOn: "2026-01-15" }))).toEqual(["expectedReturnOn:too_long"]);
    expect(checkTransferRequest({ ...t, purpose: "study", expectedReturnOn: "2027-01-15" }).ok).toBe(true);
    expect(codes(checkTransferRequest({ ...t, purpose: "study", expectedReturnOn: "2027-01-16" }))).toEqual(["expectedReturnOn:too_long"]);
    expect(codes(checkTransferRequest({ ...t, expectedReturnOn: "2025-06-01", member: { ...req.member, onTemporaryTransfer: true } }))).toEqual([
      "member:already_on_temporary_transfer",
    ]);
    expect(codes(checkTransferRequest({ ...req, expectedReturnOn: "2025-06-01" }))).toEqual(["expectedReturnOn:not_applicable"]);
  });

  it("rejects unknown kinds and bad dates", () => {
    expect(codes(checkTransferRequest({ ...req, kind: "permanent" }))).toEqual(["kind:unknown_kind"]);
    expect(codes(checkTransferRequest({ ...req, requestedOn: "15/01/2025" }))).toEqual(["requestedOn:invalid_date"]);
  });
});

describe("transfer state machine", () => {
  const t: TransferState = { kind: "official", status: "requested", requestedOn: "2025-01-15", issuedOn: null, receivedOn: null, returnedOn: null };

  it("requested → issued → received, stamping dates", () => {
    const issued = transitionTransfer(t, "issued", "2025-01-20");
    expect(issued).toEqual({ ok: true, value: { ...t, status: "issued", issuedOn: "2025-01-20" } });
    const received = transitionTransfer((issued as { value: TransferState }).value, "received", "2025-02-03");
    expect(received).toMatchObject({ ok: true, value: { status: "received", issuedOn: "2025-01-20", receivedOn: "2025-02-03" } });
  });

  it("only the allowed moves; final states stay final", () => {
    expect(codes(transitionTransfer(t, "received", "2025-02-01"))).toEqual(["status:invalid_transition"]);
    expect(codes(transitionTransfer({ ...t, status: "cancelled" }, "issued", "2025-02-01"))).toEqual(["status:invalid_transition"]);
    expect(codes(transitionTransfer({ ...t, status: "rejected" }, "received", "2025-02-01"))).toEqual(["status:invalid_transition"]);
    expect(codes(transitionTransfer(t, "lost", "2025-02-01"))).toEqual(["status:unknown_status"]);
    for (const s of TRANSFER_STATUSES) expect(isTransferOpen(s)).toBe(s === "requested" || s === "issued");
    expect(Object.keys(TRANSFER_TRANSITIONS).sort()).toEqual([...TRANSFER_STATUSES].sort());
  });

  it("only a temporary transfer returns", () => {
    const received: TransferState = { ...t, status: "received", issuedOn: "2025-01-20", receivedOn: "2025-02-03" };
    expect(codes(transitionTransfer(received, "returned", "2025-06-01"))).toEqual(["status:not_temporary"]);
    expect(transitionTransfer({ ...received, kind: "temporary" }, "returned", "2025-06-01")).toMatchObject({ ok: true, value: { returnedOn: "2025-06-01" } });
  });

  it("dates never go backwards; cancel and reject stamp closedOn", () => {
    expect(codes(transitionTransfer(t, "issued", "2025-01-14"))).toEqual(["on:date_before_previous_step"]);
    expect(transitionTransfer(t, "issued", "2025-01-15").ok).toBe(true);
    expect(transitionTransfer(t, "cancelled", "2025-01-16")).toMatchObject({ value: { status: "cancelled", closedOn: "2025-01-16" } });
    expect(codes(transitionTransfer(t, "issued", "2025-13-01"))).toEqual(["on:invalid_date"]);
  });

  it("the letter must be presented within 30 working days", () => {
    expect(presentationDeadline("2025-03-14")).toBe("2025-04-25");
    const issued = { status: "issued" as const, issuedOn: "2025-03-14" };
    expect(isPresentationOverdue(issued, "2025-04-25")).toBe(false);
    expect(isPresentationOverdue(issued, "2025-04-26")).toBe(true);
    expect(isPresentationOverdue({ status: "received", issuedOn: "2025-03-14" }, "2025-06-01")).toBe(false);
  });

  it("member status follows the transfer", () => {
    expect(memberStatusAfterTransfer("official", "issued", false)).toBe("transferred_out");
    expect(memberStatusAfterTransfer("official", "issued", true)).toBe("unchanged");
    expect(memberStatusAfterTransfer("official", "received", true)).toBe("unchanged");
    expect(memberStatusAfterTransfer("temporary", "issued", false)).toBe("unchanged");
    expect(memberStatusAfterTransfer("official", "requested", false)).toBe("unchanged");
  });
});
