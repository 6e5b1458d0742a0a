import { afterAll, beforeAll, expect, it } from "vitest";
import { ORGANIZER, startHarness, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

it("creates a conference", async () => {
  const c = await h.client(ORGANIZER).conference.create.mutate({
    title: "Hội nghị",
    orgPath: "/",
    organizerName: "Ban Tổ chức Trung ương",
    chairName: "Mai Văn Chính",
    mode: "online",
    scheduledStart: "2024-04-01T14:00:00+07:00",
    scheduledEnd: "2024-04-01T17:00:00+07:00",
    agenda: [{ title: "Khai mạc", kind: "opening", plannedMinutes: 5 }],
    sites: [{ code: "08", name: "Tuyên Quang", orgPath: "/08/", chairName: "X", expectedAttendance: 40 }],
  });
  expect(c.siteCount).toBe(1);
});
