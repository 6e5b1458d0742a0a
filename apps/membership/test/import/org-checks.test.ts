// Organization file checks of #11: a child under a parent of the same file that closed before the child
// opened; codes that differ only by letter case; a duplicate code reported once, not again on the rows
// under it; the tree depth limit (a 50,000-deep chain without running out of memory, a 2,000-deep one
// with a clear message instead of PostgreSQL's "index row size exceeds btree maximum").
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../src/db/testing.js";
import { importOrganizations, ORG_PATH_MAX_LENGTH, ORG_TREE_MAX_DEPTH } from "../../src/import/orgs.js";
import type { ImportResult } from "../../src/import/members.js";
import { ORG_COLUMNS } from "../../src/import/template.js";
import { tmp, writeCsv } from "./helpers.js";

let t: TestDatabase;
let dir: string;
let n = 0;
const opts = { actor: "test", today: "2026-07-15" };
const org = (code: string, kind: string, parentCode: string, extra: Record<string, string> = {}) => ({
  code, name: `Tổ chức ${code}`, kind, parentCode, openedOn: "01/07/2025", ...extra,
});
const run = (rows: Record<string, string>[], extra: { maxTreeDepth?: number } = {}) =>
  importOrganizations(t.db, { path: writeCsv(path.join(dir, `o${++n}.csv`), ORG_COLUMNS, rows) }, { ...opts, ...extra });
const issues = (r: ImportResult) => (r.ok ? [] : r.rejected.map((i) => `${i.row}:${i.column}:${i.reason}`));
const orgCount = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM party_organization`)).rows[0]!.n;

beforeAll(async () => {
  t = await openTestDatabase();
  dir = tmp();
  expect(await run([org("79", "provincial_committee", "", { openedOn: "01/01/1976" }), org("79-K1", "Đảng bộ cấp trên cơ sở", "79")])).toMatchObject({ ok: true });
});
afterAll(async () => {
  await t?.close();
});

describe("organization file checks", () => {
  it("refuses a child under a parent of the same file that closed before the child opened", async () => {
    const r = await run([
      org("79-K9", "Đảng bộ cấp trên cơ sở", "79", { openedOn: "01/01/2010", closedOn: "30/06/2020" }), // 2: closed, fine by itself
      org("79-K9-01", "Chi bộ cơ sở", "79-K9", { openedOn: "01/03/2021" }), // 3: opened after its parent closed
      org("79-K9-02", "Chi bộ cơ sở", "79-K9", { openedOn: "01/03/2012", closedOn: "30/06/2020" }), // 4: fine
    ]);
    expect(issues(r)).toEqual(["3:parentCode:parent organization \"79-K9\" closed on 30/06/2020, before this organization opened (01/03/2021)"]);
  });

  it("refuses codes that differ only by letter case, in the file and against the database", async () => {
    const before = await orgCount();
    const r = await run([
      org("79-K2", "Đảng bộ cấp trên cơ sở", "79"), // 2
      org("79-k2", "Đảng bộ cấp trên cơ sở", "79"), // 3: same code, other case
      org("79-k1", "Đảng bộ cấp trên cơ sở", "79"), // 4: 79-K1 exists
    ]);
    expect(issues(r)).toEqual([
      "3:code:code \"79-k2\" differs only in letter case from \"79-K2\" in row 2",
      "4:code:code \"79-k1\" differs only in letter case from the existing organization \"79-K1\"",
    ]);
    expect(await orgCount()).toBe(before);
  });

  it("reports a duplicate code once: the rows under the first one are not blamed for the duplicate's kind", async () => {
    const r = await run([
      org("79-K3", "Đảng bộ cấp trên cơ sở", "79"), // 2
      org("79-K3", "Chi bộ cơ sở", "79"), // 3: duplicate, another kind
      org("79-K3-01", "Đảng bộ cơ sở", "79-K3"), // 4: a committee under row 2's committee: fine
    ]);
    expect(issues(r)).toEqual(["3:code:code \"79-K3\" also appears in row 2"]);
  });

  it("limits the depth of the tree, with a message naming the limit", async () => {
    // upper-grassroots committees may nest: a chain below 79-K1 (level 2).
    const chain = (length: number, prefix: string) =>
      Array.from({ length }, (_, i) => org(`${prefix}${i + 1}`, "Đảng bộ cấp trên cơ sở", i === 0 ? "79-K1" : `${prefix}${i}`));
    const r = await run(chain(20, "79-D"));
    const got = issues(r);
    // 79-D1 is level 3 … 79-D14 level 16; 79-D15 (row 16) is the first too deep, and the rows under it follow it.
    expect(got).toEqual([`16:parentCode:would be ${ORG_TREE_MAX_DEPTH + 1} levels deep; the tree may be at most ${ORG_TREE_MAX_DEPTH} levels deep (check the parent codes for a chain that should not be there)`]);
    // The limit is an option.
    expect(await run(chain(20, "79-E"), { maxTreeDepth: 30 })).toMatchObject({ ok: true, imported: 20 });
  });

  it("a 2,000-deep chain ends with a clear message, not a btree error, even with the depth limit lifted", async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => org(`79-F${i + 1}`, "Đảng bộ cấp trên cơ sở", i === 0 ? "79-K1" : `79-F${i}`));
    const r = await run(rows, { maxTreeDepth: 100_000 });
    expect(r.ok).toBe(false);
    const got = issues(r);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(new RegExp(`^\\d+:code:the organization's path .* longer than ${ORG_PATH_MAX_LENGTH} characters`));
  });

  it("a 50,000-deep chain, children first, is refused quickly without running out of memory", async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => org(`79-G${50_000 - i}`, "Đảng bộ cấp trên cơ sở", i === 49_999 ? "79-K1" : `79-G${50_000 - i - 1}`));
    const heapBefore = process.memoryUsage().heapUsed;
    const started = Date.now();
    const r = await run(rows);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(500 * 1024 * 1024);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.rejectedCount).toBe(1);
    expect(r.rejected[0]!.reason).toMatch(/levels deep/);
  });
});
