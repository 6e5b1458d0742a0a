// personnel.restructuring.posts over real HTTP (issue #14, docs/restructuring.md "Surplus posts"): the party
// committee posts (secretary, deputy secretaries) at exact paths for a year, counted from the real posts;
// restructuring's service account only; bad input names the field.
import type { MintOptions } from "@orgboard/auth/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CENTRAL, failure, OFFICER_HN, OFFICER_P2, TREE, as, startHarness, type Harness } from "./harness.js";

let h: Harness;
const RESTRUCTURING: MintOptions = { sub: "service-account-restructuring", roles: ["service"], orgPaths: ["/"], azp: "restructuring" };
const posts = (under: string[], year = 2025) => h.client(RESTRUCTURING).personnel.restructuring.posts.query({ under, year });

beforeAll(async () => {
  h = await startHarness();
  const post = (claims: MintOptions, orgPath: string, title: string, body: "party" | "state" = "party", termStartYear = 2025) =>
    h.client(claims).personnel.posts.create.mutate({ orgPath, title, kind: "leadership", body, membersOnly: body === "party", termStartYear, termEndYear: termStartYear + 5 });
  await post(OFFICER_HN, TREE.p1, "Bí thư Tỉnh ủy");
  await post(OFFICER_HN, TREE.p1, "Phó Bí thư Thường trực Tỉnh ủy");
  await post(OFFICER_HN, TREE.p1, "Phó Bí thư Tỉnh ủy");
  await post(OFFICER_HN, TREE.p1, "Phó Chủ tịch UBND tỉnh", "state");
  await post(OFFICER_HN, TREE.p1, "Bí thư Tỉnh ủy", "party", 2015); // a past term
  await post(OFFICER_HN, TREE.g1, "Bí thư Đảng ủy"); // in Hà Nội's subtree: its own row
  await post(OFFICER_P2, TREE.p2, "bí  thư Tỉnh ủy");
}, 240_000);
afterAll(() => h?.close());

describe("personnel.restructuring.posts", () => {
  it("counts the party leadership posts titled Bí thư / Phó Bí thư per path in the asked subtrees, for the year", async () => {
    expect(await posts([TREE.p1, TREE.p2, "/09/"])).toEqual({
      posts: [
        { orgPath: TREE.p1, secretary: 1, deputySecretary: 2 },
        { orgPath: TREE.g1, secretary: 1, deputySecretary: 0 },
        { orgPath: TREE.p2, secretary: 1, deputySecretary: 0 },
      ],
    });
    expect((await posts([TREE.g1])).posts).toEqual([{ orgPath: TREE.g1, secretary: 1, deputySecretary: 0 }]);
    expect((await posts([TREE.p1], 2017)).posts).toEqual([{ orgPath: TREE.p1, secretary: 1, deputySecretary: 0 }]);
  });

  it("is restructuring's service account's, with scope /: officials, other services, a narrower token are refused; no token is 401", async () => {
    for (const claims of [OFFICER_HN, CENTRAL, as("provincial_board", "/01/"), { ...RESTRUCTURING, azp: "inspection" }, { ...RESTRUCTURING, orgPaths: ["/01/"] }]) {
      expect((await failure(h.client(claims).personnel.restructuring.posts.query({ under: [TREE.p1], year: 2025 }))).code, claims.sub).toBe("FORBIDDEN");
    }
    expect((await failure(h.client(null).personnel.restructuring.posts.query({ under: [TREE.p1], year: 2025 }))).code).toBe("UNAUTHORIZED");
  });

  it("bad input → 400 naming the field", async () => {
    const f = await failure(h.client(RESTRUCTURING).personnel.restructuring.posts.query({ under: ["01"], year: 1800 }));
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.fieldErrors.map((e) => e.path).sort()).toEqual(["under.0", "year"]);
    expect((await failure(h.client(RESTRUCTURING).personnel.restructuring.posts.query({ under: [], year: 2025 }))).fieldErrors.map((e) => e.message)).toEqual(["cần ít nhất một đường dẫn / at least one path"]);
  });
});
