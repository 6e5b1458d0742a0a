// Imports on the EMBEDDED database (PGlite in a data directory on disk, the default), one process per run
// so that the peak memory reported is the run's own (#11):
//   pnpm --filter @orgboard/membership exec tsx bench/embedded.ts csv [rows]    (default 1,000,000: a valid
//                                                                    CSV, the one-pass path)
//   pnpm --filter @orgboard/membership exec tsx bench/embedded.ts xlsx [rows]   (default 200,000: the
//                                                                    checked path)
//   pnpm --filter @orgboard/membership exec tsx bench/embedded.ts roundtrip [scale]  (default province:
//                                    seed, export orgs + members as CSV, import both into an empty database)
// Each file is generated here (not checked in); the counts are checked after the import. Goal: peak
// resident memory under 1 GB. Figures: docs/membership-data.md#benchmarks.
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { Rng } from "@orgboard/random";
import { stringify } from "csv-stringify/sync";
import { openMembershipDatabase, type MembershipDatabase } from "../src/db/open.js";
import { seedDatabase } from "../src/seed/load.js";
import { exportMembers, exportOrganizations } from "../src/export/index.js";
import { importMembers } from "../src/import/members.js";
import { importOrganizations } from "../src/import/orgs.js";
import { MEMBER_COLUMNS } from "../src/import/template.js";
import { drawName, tablesFor } from "../src/seed/names.js";
import type { SeedScale } from "../src/seed/orgs.js";

const pad = (n: number) => String(n).padStart(2, "0");
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** Peak resident set size of this process so far (the kernel's figure). */
const peakRss = () => process.resourceUsage().maxRSS * 1024;
let peakHeap = 0;
const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 200);

/** One valid member row (template order) per call, national IDs unique across the run. */
function* memberRows(cells: string[], rows: number): Generator<string[]> {
  const rng = new Rng(20261205, 1);
  const tables = tablesFor("south");
  const counters = new Map<string, number>();
  for (let i = 0; i < rows; i++) {
    const female = rng.chance(0.36);
    const year = rng.int(1960, 1999);
    const month = rng.int(1, 12);
    const day = rng.int(1, 28);
    const admitYear = year + rng.int(19, 24);
    // Provinces the demo seed does not use, so no ID meets a seeded one.
    const prefix = `${rng.chance(0.5) ? "095" : "093"}${female ? 1 : 0}${pad(year % 100)}`;
    const n = counters.get(prefix) ?? 0;
    counters.set(prefix, n + 1);
    yield [
      drawName(rng, tables, female ? "female" : "male"), `${pad(day)}/${pad(month)}/${year}`, female ? "Nữ" : "Nam", "Kinh",
      prefix + String((n * 7919 + 31) % 1_000_000).padStart(6, "0"), cells[rng.int(0, cells.length - 1)]!, "Chính thức",
      `${pad(day)}/${pad(month)}/${admitYear}`, `${pad(day)}/${pad(month)}/${admitYear + 1}`, "", "", "", "Cán bộ, công chức", "Đại học",
    ];
  }
}

async function writeCsv(file: string, cells: string[], rows: number): Promise<void> {
  const out = createWriteStream(file);
  let buf = stringify([MEMBER_COLUMNS.map((c) => c.header)]);
  for (const row of memberRows(cells, rows)) {
    buf += stringify([row]);
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, "drain");
      buf = "";
    }
  }
  out.end(buf);
  await once(out, "finish");
}

async function writeXlsx(file: string, cells: string[], rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet("Đảng viên");
  ws.addRow(MEMBER_COLUMNS.map((c) => c.header)).commit();
  for (const row of memberRows(cells, rows)) ws.addRow(row).commit();
  ws.commit();
  await wb.commit();
}

async function openFresh(dir: string, name: string): Promise<MembershipDatabase> {
  return openMembershipDatabase({ dataDir: path.join(dir, name) });
}

async function count(db: MembershipDatabase, table: string): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
}

function report(title: string, figures: Record<string, string | number>): void {
  clearInterval(sampler);
  const all = { ...figures, "peak RSS": mib(peakRss()), "peak heap (sampled)": mib(peakHeap), node: process.version };
  console.log(`\n${title}\n${Object.entries(all).map(([k, v]) => `  ${k}: ${v}`).join("\n")}`);
}

async function importRun(format: "csv" | "xlsx", rows: number, dir: string): Promise<void> {
  const db = await openFresh(dir, "membership");
  try {
    await seedDatabase(db, { scale: "demo", seed: 1 });
    const cells = (await db.query<{ code: string }>(`SELECT code FROM party_organization WHERE kind IN ('subordinate_cell', 'grassroots_cell') AND closed_on IS NULL`)).rows.map((r) => r.code);
    const file = path.join(dir, `members.${format}`);
    let t = Date.now();
    await (format === "csv" ? writeCsv(file, cells, rows) : writeXlsx(file, cells, rows));
    const generated = Date.now() - t;
    const before = await count(db, "member");
    const phases: string[] = [];
    t = Date.now();
    const r = await importMembers(db, { path: file }, { actor: "bench", onProgress: (p) => void (phases.at(-1) !== p.phase && phases.push(p.phase)) });
    const ms = Date.now() - t;
    if (!r.ok) throw new Error(`import refused: ${JSON.stringify(r.rejected.slice(0, 5))}`);
    const members = (await count(db, "member")) - before;
    if (members !== rows || r.imported !== rows) throw new Error(`imported ${r.imported}, member rows added ${members}, expected ${rows}`);
    report(`embedded import, ${format.toUpperCase()}, ${rows.toLocaleString("en")} rows`, {
      file: mib(statSync(file).size),
      "generate (s)": (generated / 1000).toFixed(1),
      "import (s)": (ms / 1000).toFixed(1),
      "rows/s": Math.round(rows / (ms / 1000)),
      phases: phases.join(" → "),
    });
  } finally {
    await db.close();
  }
}

async function roundTrip(scale: SeedScale, dir: string): Promise<void> {
  const orgsFile = path.join(dir, "orgs.csv");
  const membersFile = path.join(dir, "members.csv");
  let t = Date.now();
  const source = await openFresh(dir, "source");
  let exported: { orgs: number; members: number };
  try {
    await seedDatabase(source, { scale, seed: 1 });
    const seeded = Date.now() - t;
    exported = { orgs: await exportOrganizations(source, { path: orgsFile }), members: await exportMembers(source, { path: membersFile }) };
    console.log(`seeded ${scale} in ${(seeded / 1000).toFixed(1)} s; exported ${exported.orgs} organizations, ${exported.members} members`);
  } finally {
    await source.close();
  }
  const target = await openFresh(dir, "target");
  try {
    t = Date.now();
    const o = await importOrganizations(target, { path: orgsFile }, { actor: "bench" });
    if (!o.ok) throw new Error(`organizations refused: ${JSON.stringify(o.rejected.slice(0, 5))}`);
    const orgMs = Date.now() - t;
    t = Date.now();
    const m = await importMembers(target, { path: membersFile }, { actor: "bench" });
    if (!m.ok) throw new Error(`members refused: ${JSON.stringify(m.rejected.slice(0, 5))}`);
    const memberMs = Date.now() - t;
    const members = await count(target, "member");
    if (o.imported !== exported.orgs || m.imported !== exported.members || members !== exported.members) {
      throw new Error(`round trip lost rows: ${JSON.stringify({ exported, orgs: o.imported, members: m.imported, memberRows: members })}`);
    }
    report(`embedded round trip, ${scale}: seed → export → import into an empty database`, {
      organizations: o.imported,
      members: m.imported,
      "import orgs (s)": (orgMs / 1000).toFixed(1),
      "import members (s)": (memberMs / 1000).toFixed(1),
    });
  } finally {
    await target.close();
  }
}

const [mode = "csv", arg] = process.argv.slice(2);
const dir = mkdtempSync(path.join(process.env.BENCH_DIR ?? tmpdir(), "membership-embedded-"));
try {
  if (mode === "csv") await importRun("csv", Number(arg ?? 1_000_000), dir);
  else if (mode === "xlsx") await importRun("xlsx", Number(arg ?? 200_000), dir);
  else if (mode === "roundtrip") await roundTrip((arg ?? "province") as SeedScale, dir);
  else throw new Error(`unknown mode ${mode}: csv | xlsx | roundtrip`);
} finally {
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}
