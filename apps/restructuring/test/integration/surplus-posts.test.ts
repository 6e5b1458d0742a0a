// Surplus posts from personnel's real posts (docs/restructuring.md "Surplus posts"): restructuring's preview
// reads `personnel.restructuring.posts` from a real personnel service (this process, real HTTP, its own
// database) with restructuring's service token, and counts the posts really held by the committees that close.
import { createTokenVerifier } from "@orgboard/auth";
import { createTestIssuer, type TestIssuer } from "@orgboard/auth/testing";
import { freshServiceDatabase } from "@orgboard/events/testing";
import { createPersonnelService, openDatabase as openPersonnelDatabase, serviceConsultations } from "@orgboard/personnel";
import { createLogger, type Service } from "@orgboard/server-kit";
import { createTRPCClient } from "@trpc/client";
import { createServiceLinks } from "@orgboard/contracts";
import type { PersonnelContractRouter } from "@orgboard/contract-personnel";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personnelPosts } from "../../src/app/posts.js";
import { compilePlan, deriveOrgChanges, officialPlan2025, pathOf, surplusPosts } from "../../src/domain/index.js";
import { tree2024 } from "../unit/fixtures.js";
import { CENTRAL, startHarness, type Harness } from "./harness.js";

const tree = tree2024((p) => p === "02" || p === "08");
const byCode = new Map(tree.map((o) => [o.code, o]));
let issuer: TestIssuer;
let personnel: Service;
let dropPersonnel: () => Promise<void>;
let h: Harness;
let planId: string;
/** what the personnel officer creates: committee code → [secretaries, deputies] */
const HELD: Record<string, [number, number]> = { "02": [1, 3], "08": [1, 2] };

beforeAll(async () => {
  issuer = await createTestIssuer({ audience: "personnel" });
  const pers = await freshServiceDatabase("personnel", openPersonnelDatabase);
  dropPersonnel = pers.drop;
  const token = () => issuer.mintService("personnel", { audience: ["membership", "inspection"] });
  personnel = createPersonnelService({
    db: pers.db,
    verifier: createTokenVerifier(issuer.verifierOptions("personnel")),
    // never consulted here (posts are created without a member); the real implementation, unreachable
    consult: serviceConsultations({ membershipUrl: "http://127.0.0.1:9", inspectionUrl: "http://127.0.0.1:9", token }),
    logger: createLogger({ name: "personnel", level: (process.env.LOG_LEVEL as "info" | undefined) ?? "silent" }),
    rateLimits: false,
  });
  const { url } = await personnel.start({ handleSignals: false });
  const officer = createTRPCClient<PersonnelContractRouter>({ links: [createServiceLinks<PersonnelContractRouter>({ personnel: `${url}/trpc` }, () => issuer.mint({ audience: "personnel", sub: "tc-1", roles: ["personnel_officer"], orgPaths: ["/"] }))] });
  // The real posts of Hà Giang's and Tuyên Quang's provincial committees (both close into the new Tuyên Quang).
  for (const [code, [secretaries, deputies]] of Object.entries(HELD)) {
    const orgPath = pathOf(byCode, code);
    const titles = [...Array(secretaries).fill("Bí thư Tỉnh ủy"), ...Array(deputies).fill("Phó Bí thư Tỉnh ủy")];
    for (const title of titles) await officer.personnel.posts.create.mutate({ orgPath, title, kind: "leadership", body: "party", membersOnly: true, termStartYear: 2020, termEndYear: 2025 });
  }
  h = await startHarness(tree, { posts: personnelPosts({ url, getToken: () => issuer.mintService("restructuring", { audience: ["restructuring", "personnel"] }) }) });
  planId = (await h.client(CENTRAL).restructuring.plans.loadOfficial.mutate({})).id;
}, 240_000);
afterAll(async () => {
  await h?.close();
  await personnel?.stop();
  await dropPersonnel?.();
  await issuer?.close();
});

describe("plans.preview with personnel wired", () => {
  it("counts the posts personnel really holds for the closing committees, and says so", async () => {
    const answer = await h.client(CENTRAL).restructuring.plans.preview.query({ planId, provinceCode: "08" });
    expect(answer.surplusPostsSource).toBe("personnel");
    const compiled = compilePlan(officialPlan2025());
    const d = deriveOrgChanges(compiled, tree);
    const held = new Map(Object.entries(HELD).map(([code, [secretary, deputySecretary]]) => [code, { secretary, deputySecretary }]));
    const expected = surplusPosts(compiled, tree, d, undefined, held).get("08")!;
    expect(answer.surplusPosts).toEqual(expected);
    // only two closing committees hold posts; every created committee (the province, its new communes) needs its establishment
    const created = d.changes.filter((c) => c.kind === "create");
    expect(created.length).toBeGreaterThan(100);
    expect(answer.surplusPosts.secretary).toBe(2 - created.length);
    // not the stand-in table's figure
    expect(answer.surplusPosts).not.toEqual(surplusPosts(compiled, tree, d).get("08"));
  });
});
