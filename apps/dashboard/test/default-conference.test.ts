import type { ConferenceSummary } from "@orgboard/contract-conference";
import { describe, expect, it } from "vitest";
import { JUST_CONCLUDED_MS, pickDefaultConference } from "../src/state/default-conference.js";

const NOW = Date.parse("2024-04-01T10:00:00Z");
const h = (n: number) => new Date(NOW + n * 3_600_000).toISOString();

function conf(id: string, status: ConferenceSummary["status"], over: Partial<ConferenceSummary> = {}): ConferenceSummary {
  return {
    id,
    title: "Hội nghị đánh giá công tác tổ chức xây dựng Đảng quý I năm 2024",
    orgPath: "/",
    organizerName: "Ban Tổ chức Trung ương",
    chairName: "Mai Văn Chính",
    chairTitle: null,
    mode: "online",
    status,
    scheduledStart: h(-3),
    scheduledEnd: h(0),
    connectingAt: null,
    openedAt: null,
    concludedAt: null,
    createdAt: h(-100),
    ...over,
  };
}

describe("the conference shown by default", () => {
  const concludedJustNow = conf("done-now", "concluded", { concludedAt: h(-0.1) });
  const concludedLastWeek = conf("done-old", "concluded", { concludedAt: h(-24 * 7) });
  const nextQuarter = conf("next", "scheduled", { scheduledStart: h(24 * 90), scheduledEnd: h(24 * 90 + 3) });
  const tomorrow = conf("tomorrow", "scheduled", { scheduledStart: h(24), scheduledEnd: h(27) });

  it("is the one in session, then the one connecting, whatever else the list holds", () => {
    const connecting = conf("conn", "connecting_sites", { connectingAt: h(-0.2) });
    const list = [nextQuarter, concludedJustNow, connecting, conf("live-old", "in_session", { openedAt: h(-2) }), conf("live", "in_session", { openedAt: h(-1) })];
    expect(pickDefaultConference(list, NOW)?.id).toBe("live");
    expect(pickDefaultConference([nextQuarter, concludedJustNow, connecting], NOW)?.id).toBe("conn");
  });

  it("right after a conclusion, stays on the concluded one rather than a scheduled one with the same title (issue #15)", () => {
    expect(pickDefaultConference([nextQuarter, concludedJustNow], NOW)?.id).toBe("done-now");
    const late = NOW + JUST_CONCLUDED_MS + 1;
    expect(pickDefaultConference([nextQuarter, concludedJustNow], late)?.id).toBe("next");
  });

  it("otherwise the next scheduled one (the nearest ahead), else the latest concluded", () => {
    expect(pickDefaultConference([nextQuarter, concludedLastWeek, tomorrow], NOW)?.id).toBe("tomorrow");
    const overdue = conf("overdue", "scheduled", { scheduledStart: h(-5) });
    expect(pickDefaultConference([overdue], NOW)?.id).toBe("overdue");
    expect(pickDefaultConference([concludedLastWeek, conf("done-older", "concluded", { concludedAt: h(-24 * 30) })], NOW)?.id).toBe("done-old");
    expect(pickDefaultConference([], NOW)).toBeUndefined();
  });
});
