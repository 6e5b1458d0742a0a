// membership.kpi.closeYear and the report of a closed year (issue #10 finding 2). Reproduces the finding:
// members imported as probationary (admitted last year) without admission records, then this year's
// recognitions: the recognition creates the admission record dated last year, and last year's report
// moved (0 admissions right after the import, N after the recognitions). Once the board closed the year, its
// report keeps the published figures and lists what moved as amendments, published and amended side by side.
import { describe, expect, it } from "vitest";
import { formatAnnualReport } from "../../src/report/format.js";
import { CENTRAL, as, board, expectNoWrites, expectRecorded, expectSecurity, treeSuite, TODAY } from "./harness.js";
import { TREE, nationalId } from "./fixtures.js";

const suite = treeSuite();
const { hanoi } = suite;
const LAST_YEAR = Number(TODAY.slice(0, 4)) - 1;
const HEADER = "Họ và tên,Ngày sinh,Giới tính,Dân tộc,Số định danh cá nhân,Mã chi bộ,Loại đảng viên,Ngày vào Đảng,Ngày chính thức";
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

describe("closed years", () => {
  it("keeps last year's published figures when this year's work is entered (finding 2), amendments beside them", async () => {
    const ids = [nationalId(1995, "male"), nationalId(1996, "female")];
    const csv = [
      HEADER,
      `Hoàng Văn Nam,12/03/1995,Nam,Kinh,${ids[0]},01-C1,Dự bị,10/03/${LAST_YEAR},`,
      `Vũ Thị Lan,08/08/1996,Nữ,Kinh,${ids[1]},01-C1,Dự bị,10/03/${LAST_YEAR},`,
    ].join("\n");
    expect(await hanoi().membership.import.members.mutate({ orgPath: TREE.p1, format: "csv", fileBase64: b64(csv), fileName: "dang-vien.csv" })).toMatchObject({ ok: true, imported: 2 });
    const deceased = await suite.fx.member(TREE.c2, { admittedOn: "1990-05-19" });

    const before = await hanoi().membership.kpi.report.query({ orgPath: TREE.p1, year: LAST_YEAR });
    expect(before.closed).toBeNull();
    expect(before.amendments).toEqual([]);

    const closed = await expectRecorded(suite.h, () => hanoi().membership.kpi.closeYear.mutate({ orgPath: TREE.p1, year: LAST_YEAR }), {
      action: "membership.reports.close",
      events: ["membership.year.closed"],
    });
    // closedBy: the official's user name (the test issuer mints "test.user").
    expect(closed.result).toEqual({ orgPath: TREE.p1, year: LAST_YEAR, closedOn: TODAY, closedBy: "test.user" });

    // This year's work: the recognitions (dated this year) and a death dated last year, entered late.
    const { rows } = await suite.h.db.query<{ id: number }>(`SELECT id FROM member WHERE national_id = ANY($1) ORDER BY id`, [ids]);
    for (const { id } of rows) {
      await hanoi().membership.admissions.recognize.mutate({ memberId: id, outcome: "recognized", decidedOn: `${LAST_YEAR + 1}-03-20`, newMemberCourseCompletedOn: `${LAST_YEAR}-09-01`, cellVote: { inFavor: 4, officialMembers: 5 } });
    }
    await hanoi().membership.removals.recordDeath.mutate({ memberId: deceased, diedOn: `${LAST_YEAR}-06-01` });

    const after = await hanoi().membership.kpi.report.query({ orgPath: TREE.p1, year: LAST_YEAR });
    const { closed: _c, amendments: _a, ...published } = after;
    const { closed: _c0, amendments: _a0, ...publishedBefore } = before;
    expect(published).toEqual(publishedBefore);
    expect(after.admissions.count).toBe(before.admissions.count);
    expect(after.closed).toEqual({ closedOn: TODAY, closedBy: "test.user" });
    // The late death dated last year is an amendment; so is every admission the recognitions put into last year.
    expect(after.amendments).toContainEqual({ figure: "deaths", published: before.deaths, amended: before.deaths + 1 });
    const live = await suite.h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM admission WHERE org_path LIKE '/01/%' AND extract(year FROM admitted_on) = $1`, [LAST_YEAR]);
    if (live.rows[0]!.n !== before.admissions.count) {
      expect(after.amendments).toContainEqual({ figure: "admissions.count", published: before.admissions.count, amended: live.rows[0]!.n });
    }
    const text = formatAnnualReport(after);
    expect(text).toContain("Đã khóa sổ ngày 20/11/2026");
    expect(text).toContain("Điều chỉnh sau khóa sổ / Amendments after closing");
    expect(text).toMatch(/deaths: 0 → 1/);

    // The open year is live: this year's recognitions count in it.
    const thisYear = await hanoi().membership.kpi.report.query({ orgPath: TREE.p1, year: LAST_YEAR + 1 });
    expect(thisYear.closed).toBeNull();
    expect(thisYear.madeOfficial).toBe(2);

    // Closing /01/ froze that subtree's report only: the country's report of the year is still live.
    const country = await suite.h.client(CENTRAL).membership.kpi.report.query({ orgPath: "/", year: LAST_YEAR });
    expect(country.closed).toBeNull();
  });

  it("refuses a year not yet over and a second closing, naming the year", async () => {
    await expectNoWrites(suite.h, () => hanoi().membership.kpi.closeYear.mutate({ orgPath: TREE.g1, year: Number(TODAY.slice(0, 4)) }), "BAD_REQUEST", "year");
    await hanoi().membership.kpi.closeYear.mutate({ orgPath: TREE.g1, year: LAST_YEAR - 1 });
    await expectNoWrites(suite.h, () => hanoi().membership.kpi.closeYear.mutate({ orgPath: TREE.g1, year: LAST_YEAR - 1 }), "CONFLICT", "year");
  });

  it("is for the boards, in their own subtree", async () => {
    await expectSecurity({
      h: suite.h,
      call: (c) => c.membership.kpi.closeYear.mutate({ orgPath: TREE.c1, year: LAST_YEAR - 2 }),
      wrongRole: as("inspection_committee", TREE.p1),
      otherProvince: board(TREE.p2),
    });
  });
});
