// The probe files of issue #11 (test/corpus/generate.ts) through the real member import, on PGlite or
// on PostgreSQL when TEST_DATABASE_URL is set: each is either stored exactly (NFC, right letters, the
// right sheet) or refused with a message that is Vietnamese first, names what is wrong and is short
// (a 10 MB cell is never echoed), and nothing is stored.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Message } from "@orgboard/messages";
import { openTestDatabase, type TestDatabase } from "../../src/db/testing.js";
import { seedDatabase } from "../../src/seed/load.js";
import { importMembers } from "../../src/import/members.js";
import { MembershipInputError } from "../../src/db/errors.js";
import { generateCorpus, type Probe } from "../corpus/generate.js";
import { tmp } from "./helpers.js";

// A full collection before each file's heap is measured (V8's gc, exposed for this test file only).
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

let t: TestDatabase;
let dir: string;
let probes: Record<string, Probe>;
const today = "2026-07-15";

const members = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM member`)).rows[0]!.n;

beforeAll(async () => {
  t = await openTestDatabase();
  await seedDatabase(t.db, { scale: "demo", seed: 11 });
  const cell = (await t.db.query<{ code: string }>(`SELECT code FROM party_organization WHERE kind = 'subordinate_cell' AND closed_on IS NULL ORDER BY id LIMIT 1`)).rows[0]!;
  dir = tmp();
  probes = await generateCorpus(dir, cell.code, { bombBytes: 64 * 1024 * 1024 });
});
afterAll(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The import's answer as text: the error message, or the rejected rows' reasons. */
async function run(p: Probe): Promise<{ ok: boolean; message: string; notices: Message[] }> {
  const notices: Message[] = [];
  try {
    const r = await importMembers(t.db, { path: p.file, ...p.source, onNotice: (m) => notices.push(m) }, { actor: "corpus", today });
    if (r.ok) return { ok: true, message: "", notices };
    return { ok: false, message: r.rejected.map((i) => `row ${i.row} ${i.column}: ${i.reason}`).join("\n"), notices };
  } catch (err) {
    if (!(err instanceof MembershipInputError)) throw err;
    return { ok: false, message: err.message, notices };
  }
}

const NAMES = [
  "cp1258-english-headers.csv", "tcvn3.csv", "vni.csv", "utf16le-tab.csv", "utf16be.csv", "utf8-bom-semicolon.csv", "invalid-utf8-late.csv",
  "extra-cells.csv", "fewer-cells.csv", "wide-row.csv", "unclosed-quote.csv", "nfd.csv", "zero-width.csv", "id-11-digits.csv",
  "huge-cell.csv", "hidden-first-sheet.xlsx", "sheet-by-name.xlsx", "sheet-not-found.xlsx", "cells-without-r.xlsx",
  "password-protected.xlsx", "renamed-csv.xlsx", "extra-cells.xlsx", "shared-strings-bomb.xlsx", "rows-bomb.xlsx",
];

describe("import corpus (#11)", () => {
  it("covers every probe the generator writes", () => {
    expect(Object.keys(probes).sort()).toEqual([...NAMES].sort());
  });

  for (const name of NAMES) {
    it(name, async () => {
      const p = probes[name]!;
      const before = await members();
      // The heap's peak while the file is read (sampled), from a collected heap: a bomb held in memory would
      // take more than its 64 MB (strings are UTF-16). The growth at the end alone (garbage not yet
      // collected) varied from run to run, 47 MB once on PostgreSQL.
      gc();
      const heapBefore = process.memoryUsage().heapUsed;
      let heapPeak = heapBefore;
      const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 5);
      const r = await run(p).finally(() => clearInterval(sampler));
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      if ("refused" in p.expect) {
        expect(r.ok, `${name} must be refused`).toBe(false);
        for (const re of p.expect.refused) expect(r.message).toMatch(re);
        // Vietnamese first: the message starts with the Vietnamese half ("… / …" with Vietnamese letters before the slash).
        expect(r.message.split(" / ")[0]).toMatch(/[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/iu);
        expect(r.message.length).toBeLessThan(2_000);
        expect(await members()).toBe(before);
      } else {
        expect(r, `${name}: ${r.message}`).toMatchObject({ ok: true });
        for (const [fullName, fields] of Object.entries(p.expect.stored)) {
          const row = (await t.db.query<Record<string, string>>(`SELECT full_name, ethnicity, hometown, occupation FROM member WHERE full_name = $1`, [fullName])).rows;
          expect(row, fullName).toHaveLength(1);
          const stored = { ethnicity: row[0]!.ethnicity, hometown: row[0]!.hometown, occupation: row[0]!.occupation };
          for (const [k, v] of Object.entries(fields)) expect(stored[k as keyof typeof stored]).toBe(v);
          for (const v of Object.values(stored)) if (v) expect(v).toBe(v.normalize("NFC"));
        }
        expect(await members()).toBe(before + Object.keys(p.expect.stored).length);
      }
      // Bombs are counted, not held: the heap never grows by their 64 MB.
      if (name.includes("bomb")) expect(heapPeak - heapBefore).toBeLessThan(64 * 1024 * 1024);
    });
  }

  it("stops reading after the first problems of a file wrong on every row, and says so", async () => {
    const good = readFileSync(probes["nfd.csv"]!.file, "utf8").normalize("NFC").split("\r\n");
    const bad = Array.from({ length: 2_000 }, () => good[1]!.replace("15/04/1990", "31/02/1990"));
    const file = path.join(dir, "every-row-wrong.csv");
    writeFileSync(file, [good[0], ...bad].join("\r\n"));
    const r = await importMembers(t.db, { path: file }, { actor: "corpus", today, maxIssues: 10, stopAfterIssues: 100 });
    expect(r).toMatchObject({ ok: false, stoppedEarly: true, rejectedCount: 100 });
    if (r.ok) return;
    expect(r.rows).toBeLessThanOrEqual(100);
    expect(r.rejected).toHaveLength(10);
  });

  it("prints the sheet chosen: the first visible one, or the one named", async () => {
    expect((await run(probes["hidden-first-sheet.xlsx"]!)).notices.map((m) => m.vi)).toEqual(['đọc trang "Dữ liệu" (trang hiện đầu tiên)']);
    const named = await run(probes["sheet-by-name.xlsx"]!);
    expect(named.notices.map((m) => m.en)).toEqual(['reading sheet "Năm 2020" (chosen by name)']);
  });
});
