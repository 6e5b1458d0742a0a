import { describe, expect, it } from "vitest";
import {
  NOT_HANDLED_REASONS,
  SETTLEMENT_LEVELS,
  SETTLEMENT_WORKING_DAYS,
  buildCalendar,
  countDeadlines,
  deadlineState,
  notHandledReason,
  settlementDueOn,
  workingDaysBetween,
  workingDaysLeft,
  type PetitionIntake,
} from "../../../src/domain/index.js";

describe("settlement deadlines in working days", () => {
  it("by kind and level", () => {
    expect(SETTLEMENT_WORKING_DAYS.complaint).toEqual({ central: 90, provincial: 60, district: 60, grassroots: 30 });
    expect(SETTLEMENT_WORKING_DAYS.denunciation).toEqual({ central: 180, provincial: 90, district: 90, grassroots: 90 });
  });
  it("are exactly N working days after receipt, whatever the level", () => {
    for (const kind of ["complaint", "denunciation"] as const)
      for (const level of SETTLEMENT_LEVELS) {
        const due = settlementDueOn(kind, level, "2025-01-10");
        expect(workingDaysBetween("2025-01-10", due)).toBe(SETTLEMENT_WORKING_DAYS[kind][level]);
      }
  });
  it("a grassroots complaint received before Tết 2025 is due after it (30 working days, 5 of Tết skipped)", () => {
    expect(settlementDueOn("complaint", "grassroots", "2025-01-10")).toBe("2025-02-28");
    expect(settlementDueOn("complaint", "grassroots", "2025-01-10", { calendar: buildCalendar([]) })).toBe("2025-02-21");
  });
  it("a denunciation may be extended by 30 working days; a complaint may not", () => {
    const base = settlementDueOn("denunciation", "provincial", "2025-06-02");
    const extended = settlementDueOn("denunciation", "provincial", "2025-06-02", { extended: true });
    expect(workingDaysBetween(base, extended)).toBe(30);
    expect(settlementDueOn("complaint", "provincial", "2025-06-02", { extended: true })).toBe(settlementDueOn("complaint", "provincial", "2025-06-02"));
  });
});

const denunciation = (over: Partial<PetitionIntake> = {}): PetitionIntake => ({ kind: "denunciation", receivedOn: "2025-05-05", anonymous: false, ...over });
const complaint = (over: Partial<PetitionIntake> = {}): PetitionIntake => ({ kind: "complaint", receivedOn: "2025-05-05", anonymous: false, aboutDiscipline: true, decisionReceivedOn: "2025-04-20", ...over });

describe("not handled, with a reason", () => {
  it.each([
    [denunciation({ anonymous: true }), "anonymous"],
    [denunciation({ collective: true }), "collective"],
    [denunciation({ withdrawn: true }), "withdrawn"],
    [denunciation({ repeatsSettled: true }), "repeated_without_new_content"],
    [denunciation({ repeatsSettled: true, hasNewContent: false }), "repeated_without_new_content"],
    [denunciation({ unspecific: true }), "unspecific"],
    [denunciation({ anonymous: true, repeatsSettled: true }), "anonymous"], // first rule wins
    [complaint({ aboutDiscipline: false }), "not_about_discipline"],
    [complaint({ onBehalf: true }), "appeal_on_behalf"],
    [complaint({ decisionReceivedOn: null }), "decision_not_received"],
    [complaint({ refusedDecision: true }), "decision_refused"],
    [complaint({ decisionReceivedOn: "2025-03-01" }), "complaint_out_of_time"], // last day 14/04 (30 working days)
    [complaint({ pendingOrFinalAbove: true }), "pending_or_final_above"],
    [complaint({ sentenced: true }), "sentenced"],
  ])("%j → %s", (p, code) => {
    const r = notHandledReason(p);
    expect(r?.code).toBe(code);
    expect(r?.message).toBe(`${r?.vi} / ${r?.en}`);
    expect(NOT_HANDLED_REASONS[code]).toEqual(r);
  });

  it.each([
    denunciation(),
    denunciation({ repeatsSettled: true, hasNewContent: true }),
    complaint(),
    complaint({ decisionReceivedOn: "2025-04-05" }), // a month: 05/05, the day it came: in time
    complaint({ decisionReceivedOn: "2025-03-25" }), // a month: 25/04; 30 working days: 09/05: in time
    denunciation({ anonymous: false, aboutDiscipline: false }), // the complaint rules do not apply to denunciations
  ])("%j is handled", (p) => {
    expect(notHandledReason(p)).toBeNull();
  });
});

describe("deadlines about to be missed and missed", () => {
  it("states on a day", () => {
    // due Fri 14/03/2025; 5 working days before it is Fri 07/03
    expect(deadlineState({ dueOn: "2025-03-14", closedOn: null }, "2025-03-06")).toBe("open");
    expect(deadlineState({ dueOn: "2025-03-14", closedOn: null }, "2025-03-07")).toBe("due_soon");
    expect(deadlineState({ dueOn: "2025-03-14", closedOn: null }, "2025-03-14")).toBe("due_soon");
    expect(deadlineState({ dueOn: "2025-03-14", closedOn: null }, "2025-03-15")).toBe("overdue");
    expect(deadlineState({ dueOn: "2025-03-14", closedOn: "2025-03-14" }, "2025-03-20")).toBe("met");
    expect(deadlineState({ dueOn: "2025-03-14", closedOn: "2025-03-17" }, "2025-03-20")).toBe("missed");
    expect(deadlineState({ dueOn: "2025-03-14", closedOn: "2025-03-17" }, "2025-03-16")).toBe("overdue"); // closing not seen yet
  });
  it("'within 5 working days' stretches over Tết", () => {
    // on Fri 24/01/2025, five working days ahead is Fri 07/02 (27–31/01 off)
    expect(deadlineState({ dueOn: "2025-02-07", closedOn: null }, "2025-01-24")).toBe("due_soon");
    expect(deadlineState({ dueOn: "2025-02-10", closedOn: null }, "2025-01-24")).toBe("open");
    expect(workingDaysLeft("2025-02-07", "2025-01-24")).toBe(5);
    expect(workingDaysLeft("2025-01-20", "2025-01-24")).toBe(-4);
  });
  it("counts", () => {
    const ds = [
      { dueOn: "2025-03-14", closedOn: null },
      { dueOn: "2025-03-10", closedOn: null },
      { dueOn: "2025-03-10", closedOn: "2025-03-09" },
      { dueOn: "2025-04-30", closedOn: null },
      { dueOn: "2025-03-05", closedOn: null },
    ];
    expect(countDeadlines(ds, "2025-03-10")).toEqual({ dueSoon: 2, overdue: 1 });
  });
});
