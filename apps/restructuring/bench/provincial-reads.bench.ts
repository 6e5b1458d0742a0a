// A provincial board's reads (plans.get, plans.preview, runs.get, runs.list) against the same database, side by side:
// baseline = every read loads the organization tree (treeCacheMs: null, what each read did before), against
// the service as built (a started run's boards found in run_province; otherwise one tree load shared by
// concurrent callers and kept 5 s). The tree is the synthetic national 2024 tree (≈ 31,700 organizations)
// served as JSON over real HTTP on 127.0.0.1: its transfer and parse are counted, membership's own database
// read of it is not (so the real saving is larger). Rounds alternate between the two services.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createTokenVerifier } from "@orgboard/auth";
import { createTestIssuer } from "@orgboard/auth/testing";
import { createServiceLinks } from "@orgboard/contracts";
import { freshServiceDatabase } from "@orgboard/events/testing";
import { createLogger } from "@orgboard/server-kit";
import { createTRPCClient } from "@trpc/client";
import { expect, it } from "vitest";
import { openDatabase } from "../src/db.js";
import type { OrgNode } from "../src/domain/index.js";
import type { AppRouter } from "../src/router/index.js";
import { createRestructuringService } from "../src/server.js";
import { tree2024 } from "../test/unit/fixtures.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const BURST = 8;

it("provincial reads: baseline (tree per read) vs stored rows + shared tree", async () => {
  const body = JSON.stringify(tree2024());
  let served = 0;
  const treeServer = createServer((_req, res) => {
    served++;
    res.writeHead(200, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((r) => treeServer.listen(0, "127.0.0.1", r));
  const treeUrl = `http://127.0.0.1:${(treeServer.address() as AddressInfo).port}/tree`;
  const tree = { load: async () => (await (await fetch(treeUrl)).json()) as OrgNode[] };

  const issuer = await createTestIssuer({ audience: "restructuring" });
  const { db, drop } = await freshServiceDatabase("restructuring", openDatabase);
  const common = { db, tree, verifier: createTokenVerifier(issuer.verifierOptions("restructuring")), logger: createLogger({ name: "bench", level: "silent" }), closeDatabase: false, rateLimits: false as const };
  const baseline = createRestructuringService({ ...common, treeCacheMs: null });
  const built = createRestructuringService(common);
  const client = (url: string, orgPath: string, roles: ("central_board" | "provincial_board")[] = ["provincial_board"]) =>
    createTRPCClient<AppRouter>({ links: [createServiceLinks<AppRouter>({ restructuring: `${url}/trpc` }, () => issuer.mint({ audience: "restructuring", sub: `b-${orgPath}`, roles, orgPaths: [orgPath] }))] }).restructuring;
  try {
    const [b, n] = [(await baseline.start({ handleSignals: false })).url, (await built.start({ handleSignals: false })).url];
    const planId = (await client(n, "/", ["central_board"]).plans.loadOfficial.mutate({})).id;
    const ms: Record<string, { base: number[]; built: number[] }> = {};
    const time = async (name: string, side: "base" | "built", f: () => Promise<unknown>) => {
      const t0 = performance.now();
      await f();
      ((ms[name] ??= { base: [], built: [] })[side]).push(performance.now() - t0);
    };
    const reads = (url: string, side: "base" | "built") => ({
      get: async () => {
        await time("plans.get (Hà Giang's board, no run; first read)", side, () => client(url, "/02/").plans.get.query({ planId }));
        await time("plans.get (the same, read again at once)", side, () => client(url, "/02/").plans.get.query({ planId }));
        // contract 1.12: the board's picker lists the plan not started through plans.get's rule (the tree); the
        // central board's list (the plan in its scope, no tree) is the reference for what the tree adds.
        await time("runs.list (Hà Giang's board, plan not started)", side, () => client(url, "/02/").runs.list.query({}));
        await time("runs.list (the central board: no tree)", side, () => client(url, "/", ["central_board"]).runs.list.query({}));
      },
      burst: () => time(`plans.preview × ${BURST} at once (Hà Giang's and Tuyên Quang's boards)`, side, () => Promise.all(Array.from({ length: BURST }, (_, i) => client(url, i % 2 ? "/08/" : "/02/").plans.preview.query({ planId })))),
    });
    for (let r = 0; r < ROUNDS; r++) {
      for (const [url, side] of (r % 2 ? [[b, "base"], [n, "built"]] : [[n, "built"], [b, "base"]]) as [string, "base" | "built"][]) {
        await reads(url, side).get();
        await reads(url, side).burst();
      }
    }
    // A started run (its rows as runs.start stores them): Tuyên Quang only. The baseline's board is one of a
    // province the run leaves out (Hà Nội): its read takes the tree path — the one every provincial runs.get took.
    await db.prisma.runProvince.create({ data: { planId, provinceCode: "08", position: 0, name: "Tỉnh Tuyên Quang", orgCode: "08-2025", orgPath: "/08-2025/", sourceOrgCodes: ["02", "08"], membersBefore: 0 } });
    for (let r = 0; r < ROUNDS; r++) {
      await time("runs.get (started run)", "base", () => client(b, "/01/").runs.get.query({ planId }));
      await time("runs.get (started run)", "built", () => client(n, "/02/").runs.get.query({ planId }));
    }
    const p50 = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const servedBefore = served;
    await client(n, "/02/").runs.get.query({ planId });
    expect(served).toBe(servedBefore); // the stored rows answered: no tree read
    for (const [name, { base, built: nw }] of Object.entries(ms)) {
      console.log(`${name}: p50 baseline ${p50(base).toFixed(0)} ms, built ${p50(nw).toFixed(0)} ms, ratio ${(p50(nw) / p50(base)).toFixed(2)} (${base.length} rounds each)`);
    }
    console.log(`tree: ${body.length.toLocaleString("en")} bytes, loads served ${served}`);
  } finally {
    await built.stop();
    await baseline.stop();
    await drop();
    await issuer.close();
    await new Promise((r) => treeServer.close(r));
  }
});
