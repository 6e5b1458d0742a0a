// The real `orgboard` executable in operator mode (`orgboard operator …`, straight on the database): exit
// codes (0 ok, 1 failure, 2 bad input), messages naming the field, no stack traces, data on stdout and
// problems on stderr. The API mode (login, import/export/report as the official) is test/api.test.ts.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase as openInspectionDatabase } from "@orgboard/inspection";
import { openMembershipDatabase, openTestDatabase, type TestDatabase } from "@orgboard/membership";

const MAIN = path.resolve(import.meta.dirname, "../dist/main.js");
let dir: string;
let env: NodeJS.ProcessEnv;
let pg: TestDatabase | null = null;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: { ...env, ...extraEnv }, cwd: dir });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const noStack = (r: Run) => expect(r.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "orgboard-cli-"));
  env = { ...process.env, ORGBOARD_DATA_DIR: path.join(dir, "data"), ORGBOARD_DEBUG: "" };
  delete env.DATABASE_URL;
  if (process.env.TEST_DATABASE_URL || process.env.DATABASE_URL) {
    pg = await openTestDatabase();
    env.DATABASE_URL = pg.url;
  }
});
afterAll(async () => {
  await pg?.close();
});

describe("orgboard CLI", () => {
  it("--help lists the commands and exits 0", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    for (const c of ["login", "logout", "whoami", "import", "export", "report", "operator", "start"]) expect(r.stdout).toContain(c);
    const op = await run(["operator", "--help"]);
    expect(op.code).toBe(0);
    for (const c of ["seed", "seed-inspection", "import", "export", "report", "migrate"]) expect(op.stdout).toContain(c);
  });

  it("migrate, then seed demo, then refuses a second seed without --reset (exit 2, names seed)", async () => {
    expect((await run(["operator", "migrate"])).code).toBe(0);
    const seed = await run(["operator", "seed", "--scale", "demo", "--seed", "7"]);
    expect(seed.stderr).toBe("");
    expect(seed.code).toBe(0);
    expect(seed.stdout).toMatch(/seeded demo \(seed 7/);
    const again = await run(["operator", "seed", "--scale", "demo"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/seed: .*reset/);
    noStack(again);
  });

  it("seed-inspection: cases about the same people in inspection's own (embedded) database; a second one needs --reset", async () => {
    const seed = await run(["operator", "seed-inspection", "--scale", "demo", "--seed", "7"], { DATABASE_URL: pg?.url ?? "" });
    expect(seed.stderr).toBe("");
    expect(seed.code).toBe(0);
    expect(seed.stdout).toMatch(/^seeded inspection demo \(seed 7, 2021 to 2026-06-30\)/);
    expect(seed.stdout).toMatch(/ {2}inspection: [\d.]+\n/);
    const again = await run(["operator", "seed-inspection", "--scale", "demo", "--seed", "7"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/seed: the inspection database already holds data.*--reset/);
    noStack(again);
    // The embedded database under ORGBOARD_DATA_DIR, never membership's DATABASE_URL (set in the PostgreSQL run).
    const idb = await openInspectionDatabase({ dataDir: path.join(dir, "data", "inspection") });
    try {
      const { rows } = await idb.shared.query<{ n: number }>("SELECT count(DISTINCT member_id)::int AS n FROM inspection WHERE subject_kind = 'member'");
      expect(rows[0]!.n).toBeGreaterThan(100);
    } finally {
      await idb.close();
    }
    const reset = await run(["operator", "seed-inspection", "--scale", "demo", "--seed", "7", "--reset"]);
    expect(reset.code).toBe(0);
  });

  it("prints the annual report as a table and as JSON", async () => {
    const text = await run(["operator", "report", "annual", "--org", "/", "--year", "2025"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("BÁO CÁO CÔNG TÁC XÂY DỰNG ĐẢNG NĂM 2025");
    expect(text.stdout).toContain("31/12/2025");
    const json = await run(["operator", "report", "annual", "--org", "/46/", "--year", "2025", "--json"]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { orgPath: string; totalMembers: number; admissions: { plan: number } };
    expect(report.orgPath).toBe("/46/");
    expect(report.totalMembers).toBeGreaterThan(100);
    expect(report.admissions.plan).toBeGreaterThan(0);
  });

  it("bad input exits 2 with a message naming the field and no stack trace", async () => {
    const cases: [string[], RegExp][] = [
      [["operator", "report", "annual", "--org", "46", "--year", "2025"], /orgPath/],
      [["operator", "report", "annual", "--org", "/99/", "--year", "2025"], /orgPath: không có tổ chức đảng ở đường dẫn \/99\/ \/ no organization has the path \/99\//],
      [["operator", "report", "annual", "--org", "/", "--year", "abc"], /--year phải là số nguyên \/ must be a whole number/],
      [["operator", "report", "annual", "--org", "/"], /--year/],
      [["operator", "seed", "--scale", "galaxy"], /--scale/],
      [["operator", "seed", "--units", "2023"], /--units/],
      [["operator", "import", "people", "x.csv"], /kind/],
      [["operator", "import", "members", "missing.csv", "--actor", "t"], /FILE: không có tệp \/ no such file/],
      [["operator", "import", "members", "missing.csv"], /--actor/],
      [["operator", "export", "members", "out.csv", "--org", "01"], /orgPath/],
      [["frobnicate"], /^lỗi: không có lệnh 'frobnicate'\nerror: unknown command 'frobnicate'/],
      [["operator", "seed", "--bogus"], /lỗi: không có tùy chọn '--bogus'\nerror: unknown option '--bogus'/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(message);
      noStack(r);
    }
  });

  it("import: a file with bad rows exits 2 listing row and column and imports nothing; a good file imports", async () => {
    const before = JSON.parse((await run(["operator", "report", "annual", "--org", "/", "--year", "2026", "--json"])).stdout) as { totalMembers: number };
    const exported = path.join(dir, "members.csv");
    const exp = await run(["operator", "export", "members", exported, "--org", "/46/"]);
    expect(exp.code).toBe(0);
    const header = readFileSync(exported, "utf8").split("\n")[0]!;
    const cell = readFileSync(exported, "utf8").split("\n")[1]!.split(",")[5]!;
    const bad = path.join(dir, "bad.csv");
    writeFileSync(
      bad,
      `${header}\nNguyễn Văn Mới,15/04/1990,Nam,Kinh,001090777001,${cell},Chính thức,03/02/2015,03/02/2016,,,,,\nLê Thị Sai,31/02/1990,Nữ,Kinh,001190777002,${cell},Chính thức,03/02/2015,03/02/2016,,,,,\n`,
    );
    const r = await run(["operator", "import", "members", bad, "--actor", "cli-test"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nothing was imported/);
    expect(r.stderr).toMatch(/^3\tbirthDate\t/m);
    noStack(r);
    const same = JSON.parse((await run(["operator", "report", "annual", "--org", "/", "--year", "2026", "--json"])).stdout) as { totalMembers: number };
    expect(same.totalMembers).toBe(before.totalMembers);

    const good = path.join(dir, "good.csv");
    writeFileSync(good, `${header}\nNguyễn Văn Mới,15/04/1990,Nam,Kinh,001090777001,${cell},Chính thức,03/02/2015,03/02/2016,,,,,\n`);
    const ok = await run(["operator", "import", "members", good, "--actor", "cli-test"]);
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/imported 1 members/);
    const after = JSON.parse((await run(["operator", "report", "annual", "--org", "/", "--year", "2026", "--json"])).stdout) as { totalMembers: number };
    expect(after.totalMembers).toBe(before.totalMembers + 1);
    // The audit trail says the actor was declared by an operator, and which OS user ran the command.
    const db = await openMembershipDatabase(pg ? { databaseUrl: pg.url } : { dataDir: path.join(dir, "data", "membership") });
    try {
      const audit = await db.query<{ actor: string }>("SELECT actor FROM audit_record WHERE action = 'membership.members.import' ORDER BY id DESC LIMIT 1");
      expect(audit.rows[0]?.actor).toBe(`operator-declared:cli-test (os-user:${userInfo().username})`);
    } finally {
      await db.close();
    }
  });

  it("refuses an embedded database in use by another process (exit 1, clear message)", async () => {
    if (pg) return; // PostgreSQL has no such lock
    const lock = `${path.join(dir, "data", "membership")}.lock`;
    writeFileSync(lock, String(process.pid));
    try {
      const r = await run(["operator", "report", "annual", "--org", "/", "--year", "2025"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`in use by process ${process.pid}`));
      noStack(r);
    } finally {
      writeFileSync(lock, "");
    }
  });
});
