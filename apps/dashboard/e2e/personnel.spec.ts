import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { personnelContract } from "@orgboard/contract-personnel";
import type { ContractsRouter } from "@orgboard/contracts";
import type { Page } from "@playwright/test";
import { createTRPCClient, httpLink } from "@trpc/client";
import { expect, loginWithVneid, nationalIdOf, OFFICIALS, requires, stack, test } from "./fixtures.js";
import { ROOT } from "./stack.js";

// The personnel panel against the real services: planning figures from personnel.planning.coverage, kept
// live by the realtime gateway (a board gets `personnel.figures.changed`, never personnel's events).

type Client = ReturnType<typeof createTRPCClient<ContractsRouter<[typeof personnelContract]>>>;

/** An official's personnel client, signed in through VNeID like the CLI does (apps/cli's login helpers). */
async function personnelAs(who: keyof typeof OFFICIALS): Promise<Client> {
  const login = (await import(pathToFileURL(join(ROOT, "apps/cli/dist/simulate/login.js")).href)) as {
    discoverRealm(base: string): Promise<unknown>;
    officialSession(endpoints: unknown, nationalId: string): () => Promise<string>;
  };
  const token = login.officialSession(await login.discoverRealm(stack.identityUrl), await nationalIdOf(OFFICIALS[who].username));
  return createTRPCClient({
    links: [httpLink({ url: `${stack.services.personnel}/trpc`, headers: async () => ({ authorization: `Bearer ${await token()}` }) })],
  });
}

function socketFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on("websocket", (ws) => ws.on("framereceived", (f) => void (typeof f.payload === "string" && frames.push(f.payload))));
  return frames;
}

const year = new Date().getFullYear();
// The term this year's planning is for (contract-personnel's plannedTermOf): 2026 → 2030.
const term = year - (year % 5) + 5;
const valueOf = async (page: Page, id: string) => Number(await page.getByTestId(id).getAttribute("data-value"));

test.describe("personnel panel", { tag: "@keycloak" }, () => {
  test.beforeEach(() => requires("identity", "membership", "inspection", "personnel", "realtime", "simulator"));

  test("a provincial board sees the planning figures, Vietnamese first, and they change live when a post is added", async ({ page }) => {
    const frames = socketFrames(page);
    await loginWithVneid(page, "hanoi", "/?tab=personnel");
    await expect(page.getByTestId("pers-panel")).toHaveAttribute("data-service-state", "up", { timeout: 15_000 });
    const figures = page.getByTestId("pers-figures");
    await expect(figures).toHaveAttribute("data-org-path", "/01/", { timeout: 20_000 });
    await expect(figures).toHaveAttribute("data-term", String(term));
    await expect(page.getByText(`Công tác cán bộ: quy hoạch nhiệm kỳ ${term}–${term + 5}`)).toBeVisible();
    await expect(page.getByText(/^Tính đến ngày \d{2}\/\d{2}\/\d{4} · Cập nhật lúc \d{2}:\d{2}:\d{2}$/)).toBeVisible();
    // What the page shows is what the service answers the board for Hà Nội.
    const board = await personnelAs("hanoi");
    const before = await board.personnel.planning.coverage.query({ orgPath: "/01/", termStartYear: term });
    await expect(page.getByTestId("pers-posts")).toHaveAttribute("data-value", String(before.posts));
    await expect(page.getByTestId("pers-under")).toHaveAttribute("data-value", String(before.underCovered));
    await expect(page.getByTestId("pers-structure").locator('[data-key="women"] td').nth(3)).toHaveText("≥ 25 %");

    // Hà Nội's personnel officer adds a post of the next term with nobody planned for it yet.
    const officer = await personnelAs("hanoiPersonnel");
    await officer.personnel.posts.create.mutate({ orgPath: "/01/", title: `Phó Chủ tịch Ủy ban nhân dân ${Date.now() % 100000}`, kind: "leadership", body: "state", termStartYear: term, termEndYear: term + 5, membersOnly: false });

    // The board's panel follows within seconds, without a reload: one more post, one more under-covered.
    await expect(page.getByTestId("pers-posts")).toHaveAttribute("data-value", String(before.posts + 1), { timeout: 10_000 });
    await expect(page.getByTestId("pers-under")).toHaveAttribute("data-value", String(before.underCovered + 1));
    expect(await valueOf(page, "pers-posts")).toBe(before.posts + 1);
    // What reached the board's socket: the content-free notice, never personnel's event.
    expect(frames.some((f) => f.includes('"personnel.figures.changed"'))).toBe(true);
    expect(frames.some((f) => f.includes('"personnel.post.created"'))).toBe(false);
  });

  test("switches to English: the same figures, English labels", async ({ page }) => {
    await loginWithVneid(page, "hanoi", "/?tab=personnel");
    await expect(page.getByTestId("pers-figures")).toHaveAttribute("data-org-path", "/01/", { timeout: 20_000 });
    const posts = await valueOf(page, "pers-posts");
    await page.getByTestId("language").getByText("EN").click();
    await expect(page.getByText(`Cadres: planning for the ${term}–${term + 5} term`)).toBeVisible();
    await expect(page.getByText("Posts with fewer than 2 candidates")).toBeVisible();
    expect(await valueOf(page, "pers-posts")).toBe(posts);
  });

  // ---- Congress season (issue #13, pers-congress) ----
  test("the congress season counts a congress held when its result is posted, live on a board's screen", async ({ page }) => {
    const frames = socketFrames(page);
    await loginWithVneid(page, "hanoi", "/?tab=personnel");
    const figures = page.getByTestId("pers-congress-figures");
    await expect(figures).toHaveAttribute("data-org-path", "/01/", { timeout: 20_000 });
    await expect(figures).toHaveAttribute("data-term", String(term));
    await expect(page.getByText(`Mùa đại hội nhiệm kỳ ${term}–${term + 5}`)).toBeVisible();
    const board = await personnelAs("hanoi");
    const before = await board.personnel.congress.season.query({ orgPath: "/01/", termStartYear: term });
    await expect(page.getByTestId("pers-congress-held")).toHaveAttribute("data-value", String(before.held));

    // Hà Nội's personnel officer plans a commune congress of the term: it shows as one more to hold.
    const officer = await personnelAs("hanoiPersonnel");
    const run = Date.now() % 1_000_000;
    const orgPath = `/01/01-E2E${run}/`;
    const congress = await officer.personnel.congress.create.mutate({ orgPath, level: "commune", termStartYear: term, termEndYear: term + 5, plannedOn: `${year}-01-15` });
    await expect(page.getByTestId("pers-congress-to-hold")).toHaveAttribute("data-value", String(before.toHold + 1), { timeout: 10_000 });
    await expect(page.getByTestId("pers-congress-levels").locator('[data-key="commune"]')).toHaveAttribute("data-to-hold", String(before.levels.find((l) => l.level === "commune")!.toHold + 1));

    // Its committee of 3, four candidates, and the result: three elected.
    await officer.personnel.congress.setStructure.mutate({ congressId: congress.congressId, committeeSize: 3, standingSize: 1, inspectionSize: 3, womenTargetPercent: 20, youngTargetPercent: 10, ethnicMinorityTarget: 0 });
    const candidates: string[] = [];
    for (let i = 0; i < 4; i++) {
      const cadre = await officer.personnel.cadres.create.mutate({ orgPath, memberId: 900_000 + i, nationalId: `001${String(run).padStart(6, "0")}${i}00`.slice(0, 12), fullName: `Ứng viên ${i}`, birthDate: `198${i}-06-01`, gender: i % 2 ? "female" : "male" });
      const view = await officer.personnel.congress.addCandidate.mutate({ congressId: congress.congressId, cadreId: cadre.id, kind: "first_time" });
      candidates.push(view.candidates.at(-1)!.candidateId);
    }
    const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Ho_Chi_Minh" });
    const result = await officer.personnel.congress.postResult.mutate({ congressId: congress.congressId, heldOn: today, validBallots: 120, votes: candidates.map((candidateId, i) => ({ candidateId, votes: 110 - 20 * i })) });
    expect(result.elected).toHaveLength(3);

    // The board's panel follows without a reload: one more held, the commune's congress no longer to hold.
    await expect(page.getByTestId("pers-congress-held")).toHaveAttribute("data-value", String(before.held + 1), { timeout: 10_000 });
    await expect(page.getByTestId("pers-congress-to-hold")).toHaveAttribute("data-value", String(before.toHold));
    await expect(page.getByTestId("pers-congress-levels").locator('[data-key="commune"]')).toHaveAttribute("data-held", String(before.levels.find((l) => l.level === "commune")!.held + 1));
    expect(frames.some((f) => f.includes('"personnel.figures.changed"'))).toBe(true);
    expect(frames.some((f) => f.includes('"personnel.congress.held"'))).toBe(false);
  });

  // pers-cadres (#13): the confidence-vote and surplus-cadre sections.
  test("a provincial board sees confidence-vote outcomes and surplus cadres resolved / total, live as the officer records them", async ({ page }) => {
    const frames = socketFrames(page);
    await loginWithVneid(page, "hanoi", "/?tab=personnel");
    const votes = page.getByTestId("pers-votes-figures");
    const surplus = page.getByTestId("pers-surplus-figures");
    await expect(votes).toHaveAttribute("data-year", String(year), { timeout: 20_000 });
    await expect(surplus).toHaveAttribute("data-org-path", "/01/");
    await expect(page.getByText(`Lấy phiếu tín nhiệm năm ${year}`)).toBeVisible();
    await expect(page.getByText("Cán bộ dôi dư sau sắp xếp: đã giải quyết / tổng số")).toBeVisible();
    // What the page shows is what the service answers the board.
    const board = await personnelAs("hanoi");
    const v0 = await board.personnel.votes.outcomes.query({ orgPath: "/01/", year });
    const s0 = await board.personnel.surplus.figures.query({ orgPath: "/01/" });
    await expect(page.getByTestId("pers-votes-holders")).toHaveAttribute("data-value", String(v0.holders));
    await expect(page.getByTestId("pers-votes-dismissal")).toHaveAttribute("data-value", String(v0.dismissalProposed));
    await expect(surplus).toHaveAttribute("data-total", String(s0.total));
    await expect(page.getByTestId("pers-surplus-ratio")).toHaveText(`${s0.resolved} / ${s0.total}`);

    // Hà Nội's personnel officer records a confidence vote on a holder of a post (low confidence from two
    // thirds of those present: dismissal proposed) and a cadre left surplus by a merger.
    const officer = await personnelAs("hanoiPersonnel");
    // Its own holder (the e2e stack's data need not have one): a cadre outside the Party appointed to a state post.
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const unique = String(Date.now()).slice(-10);
    const cadre = await officer.personnel.cadres.create.mutate({ orgPath: "/01/", memberId: null, nationalId: `09${unique}`, fullName: "Lê Văn Thử", birthDate: "1988-04-02", gender: "male" });
    const post = await officer.personnel.posts.create.mutate({ orgPath: "/01/", title: `Phó Giám đốc Sở ${unique}`, kind: "leadership", body: "state", termStartYear: year - (year % 5), termEndYear: year - (year % 5) + 5, membersOnly: false });
    await officer.personnel.posts.appoint.mutate({ postId: post.id, cadreId: cadre.id, startedOn: today });
    const holding = (await officer.personnel.cadres.get.query({ cadreId: cadre.id })).holdings[0]!;
    await officer.personnel.votes.record.mutate({ orgPath: "/01/", heldOn: today, summoned: 30, present: 30, tallies: [{ assignmentId: holding.assignmentId, high: 2, medium: 3, low: 25 }] });
    await expect(page.getByTestId("pers-votes-holders")).toHaveAttribute("data-value", String(v0.holders + 1), { timeout: 10_000 });
    await expect(page.getByTestId("pers-votes-dismissal")).toHaveAttribute("data-value", String(v0.dismissalProposed + 1));

    const opened = await officer.personnel.surplus.record.mutate({ cadreId: cadre.id, sourceOrgPath: "/01/", mergedOn: today });
    await expect(surplus).toHaveAttribute("data-total", String(s0.total + 1), { timeout: 10_000 });
    await expect(page.getByTestId("pers-surplus-open")).toBeVisible();
    await officer.personnel.surplus.applyPolicy.mutate({ caseId: opened.caseId, policy: "leave_with_allowance", decidedOn: today });
    await officer.personnel.surplus.close.mutate({ caseId: opened.caseId, closedOn: today });
    await expect(page.getByTestId("pers-surplus-ratio")).toHaveText(`${s0.resolved + 1} / ${s0.total + 1}`, { timeout: 10_000 });
    await expect(page.getByTestId("pers-surplus-allowance")).toHaveAttribute("data-value", String(s0.perPolicy.leave_with_allowance + 1));
    // The board's socket carried notices only, never the events (which name a cadre's id).
    expect(frames.some((f) => f.includes('"personnel.surplus.changed"') || f.includes('"personnel.vote.recorded"'))).toBe(false);

    await page.getByTestId("language").getByText("EN").click();
    await expect(page.getByText(`Confidence votes in ${year}`)).toBeVisible();
    await expect(page.getByText("Surplus cadres after mergers: resolved / total")).toBeVisible();
  });
});
