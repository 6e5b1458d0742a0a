import type { membershipContract } from "@orgboard/contract-membership";
import type { restructuringContract } from "@orgboard/contract-restructuring";
import type { ContractsRouter } from "@orgboard/contracts";
import { createTRPCClient, httpLink } from "@trpc/client";
import { officialToken } from "./api.js";
import { expect, loginWithVneid, requires, stack, test } from "./fixtures.js";

// Issue #14: the restructuring progress screen showing a failed step live, then the same row done. A real
// refusal, no injection: after the run of Lai Châu (12) is started (its changes derived from the tree), the
// central board opens a cell under one of Lai Châu's district committees on restructuring's own membership.
// The run does not know it: its reparent leaves it there, and membership refuses the closeOrgs step, the whole
// step, because the committee still has an open organization under it. The screen, opened before, turns the
// row to failed with the step, its attempt and membership's message as the saga stored it (Vietnamese and
// English); resumed with the cause still there, the next attempt's failure shows too (through its own event:
// no step is done before it); once the cell is closed and the province resumed, the same row turns to done with the conservation
// check ok — without a reload (only restructuring's events through the realtime gateway reload it).

type Restructuring = ReturnType<typeof createTRPCClient<ContractsRouter<[typeof restructuringContract]>>>;
type Membership = ReturnType<typeof createTRPCClient<ContractsRouter<[typeof membershipContract]>>>;

const client = <T,>(url: string, token: () => Promise<string>): T =>
  createTRPCClient({ links: [httpLink({ url: `${url}/trpc`, headers: async () => ({ authorization: `Bearer ${await token()}` }) })] }) as T;

const TEXT = {
  vi: { failed: "Lỗi", pending: "Chưa kiểm tra", done: "Xong", ok: "Đạt", step: (s: string, a: number, m: string) => `Bước ${s} (lần ${a}): ${m}` },
  en: { failed: "Failed", pending: "Not checked yet", done: "Done", ok: "OK", step: (s: string, a: number, m: string) => `Step ${s} (attempt ${a}): ${m}` },
} as const;

/** Today in Việt Nam (membership refuses a closing date after its today). */
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());

test.describe("restructuring progress screen: a failed step (#14)", () => {
  test.describe.configure({ mode: "serial", timeout: 300_000 });
  test.beforeEach(() => requires("identity", "restructuring", "realtime"));

  test("a refused step shows live as failed with its message, then turns to done after the cause is removed", async ({ page }) => {
    const token = await officialToken("central");
    const api = client<Restructuring>(stack.services.restructuring!, token);
    const membership = client<Membership>(stack.restructuringMembershipUrl!, token);

    const { id: planId } = await api.restructuring.plans.loadOfficial.mutate({});
    const started = await api.restructuring.runs.start.mutate({ planId, provinceCodes: ["12"] });
    expect(started.provinces.map((p) => p.provinceCode)).toEqual(["12"]);
    const members = started.provinces[0]!.membersBefore;
    expect(members).toBeGreaterThan(0);

    // The cause: an empty cell opened under a district committee the run closes (districts are abolished).
    const districts = (await membership.membership.orgs.children.query({ orgPath: "/12/" })).items.filter((o) => o.kind === "upper_grassroots_committee");
    const district = districts[0]!;
    expect(district, "Lai Châu's district committees are seeded").toBeDefined();
    const cell = await membership.membership.orgs.create.mutate({ parentPath: district.path, code: `${district.code}-E2E`, name: "Chi bộ kiểm thử", kind: "grassroots_cell", openedOn: "2025-01-02" });

    await loginWithVneid(page, "central", "/?tab=restructuring");
    const row = page.getByTestId("restr-row-12");
    await expect(page.getByTestId("restr-run")).toHaveAttribute("data-plan-id", planId, { timeout: 30_000 });
    await expect(row).toHaveAttribute("data-status", "pending");
    await expect(row.getByTestId("restr-row-error")).toHaveText("—");
    // Lost on a reload: still there at the end shows the screen followed the run live.
    await page.evaluate(() => ((window as unknown as { e2eNoReload: boolean }).e2eNoReload = true));

    // Resumed: mark, createOrgs and reparent are done, then membership refuses closeOrgs.
    const failedView = await api.restructuring.runs.resume.mutate({ planId, provinceCode: "12" });
    const p = failedView.provinces[0]!;
    expect(p.status).toBe("failed");
    const step = p.steps.find((s) => s.status === "failed")!;
    expect([step.step, step.attempt]).toEqual(["membership.closeOrgs", 1]);
    // The message the saga stored is membership's own refusal, naming the committee, in both languages.
    const message = step.error ?? p.error ?? "";
    expect(message).toContain(`${district.code}: còn 1 tổ chức trực thuộc đang hoạt động`);
    expect(message).toContain(`${district.code}: 1 organization(s) under it are still open`);

    await expect(row).toHaveAttribute("data-status", "failed", { timeout: 120_000 });
    await expect(row).toHaveAttribute("data-check", "pending");
    await expect(page.getByTestId("restr-run")).toHaveAttribute("data-status", "running");
    for (const lang of ["vi", "en"] as const) {
      await page.getByTestId("language").getByText(lang.toUpperCase(), { exact: true }).click();
      await expect(row.getByTestId("restr-row-status")).toHaveText(TEXT[lang].failed);
      await expect(row.getByTestId("restr-row-check")).toHaveText(TEXT[lang].pending);
      await expect(row.getByTestId("restr-row-error")).toHaveText(TEXT[lang].step(step.step, step.attempt, message));
      await expect(row.getByTestId("restr-row-steps")).toHaveText(`${p.stepsDone}/${p.stepsTotal}`);
      await page.screenshot({ path: `test-results/screens/restructuring-failed-${lang}.png`, fullPage: true });
    }

    // Resumed with the cause still there: the same step fails again (attempt 2) and no step is done before it,
    // so only the failure's own event (restructuring.step.failed) can bring the screen the new attempt.
    const again = (await api.restructuring.runs.resume.mutate({ planId, provinceCode: "12" })).provinces[0]!;
    const step2 = again.steps.find((s) => s.status === "failed")!;
    expect([again.status, step2.step, step2.attempt, again.stepsDone]).toEqual(["failed", "membership.closeOrgs", 2, p.stepsDone]);
    await expect(row.getByTestId("restr-row-error")).toHaveText(TEXT.en.step(step2.step, 2, step2.error ?? ""), { timeout: 60_000 });

    // The cause removed (the cell closed), the province resumed: the failed step again (attempt 3), the rest once.
    await membership.membership.orgs.close.mutate({ orgPath: cell.path, closedOn: today() });
    const resumed = api.restructuring.runs.resume.mutate({ planId, provinceCode: "12" });
    await expect(row).toHaveAttribute("data-status", "done", { timeout: 180_000 });
    const done = (await resumed).provinces[0]!;
    expect(done.status).toBe("done");
    expect(done.steps.map((s) => [s.step, s.attempt])).toEqual(done.steps.map((s) => [s.step, s.step === "membership.closeOrgs" ? 3 : 1]));
    expect(done.membersAfter).toBe(members);
    await expect(row).toHaveAttribute("data-check", "ok");
    await expect(row.getByTestId("restr-row-steps")).toHaveText(`${done.stepsTotal}/${done.stepsTotal}`);
    for (const lang of ["vi", "en"] as const) {
      await page.getByTestId("language").getByText(lang.toUpperCase(), { exact: true }).click();
      await expect(row.getByTestId("restr-row-status")).toHaveText(TEXT[lang].done);
      await expect(row.getByTestId("restr-row-check")).toHaveText(TEXT[lang].ok);
      await expect(row.getByTestId("restr-row-error")).toHaveText("—");
    }
    expect(await page.evaluate(() => (window as unknown as { e2eNoReload?: boolean }).e2eNoReload)).toBe(true);
  });
});
