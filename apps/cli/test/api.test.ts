// The CLI against a running system, all real processes and HTTP: apps/identity (built-in realm + VNeID
// simulator), apps/membership and apps/inspection on embedded PGlites, all from their dist/. `orgboard
// login` is the device flow end to end (the browser's half driven like a browser through the VNeID
// simulator), then import/export/report go through the membership API and `report inspection` through
// inspection's, as that official: scoped, audited as the official.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase as openInspectionDatabase, seedInspection } from "@orgboard/inspection";
import { openMembershipDatabase, seedSubjects } from "@orgboard/membership";
import { coverage as personnelCoverage, openDatabase as openPersonnelDatabase, seedPersonnel } from "@orgboard/personnel";
import { AuthError, refresh } from "../src/auth/oidc.js";
import type { StoredLogin } from "../src/auth/credentials.js";
import { approveDeviceLogin } from "../src/simulate/login.js";
import { freePort, waitForUrl } from "@orgboard/testkit";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const MAIN = path.resolve(import.meta.dirname, "../dist/main.js");
const HANOI_BOARD = { nationalId: "001175003318", username: "hn.bantochuc", id: "6f1b2c10-0002-4c1e-9a01-000000000002" };
const DEVICE_CODE_LIFESPAN = 15;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let dir: string;
let hanoiPlanning: { posts: number; underCovered: number; overCovered: number; candidates: number };
let env: NodeJS.ProcessEnv;
let identityUrl: string;
let membershipUrl: string;
let inspectionUrl: string;
let personnelUrl: string;
let membership: ChildProcess | undefined;
const procs: ChildProcess[] = [];

function start(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [MAIN, ...args], { env: { ...env, ...extraEnv }, cwd: dir });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Run>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done, stderr: () => stderr };
}
const run = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => start(args, extraEnv).done;
const noStack = (r: Run) => expect(r.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);

/** Starts `orgboard login`, waits for the code it prints; returns it with the running process. */
async function beginLogin(extraEnv: NodeJS.ProcessEnv = {}) {
  const login = start(["login", "--issuer", identityUrl], extraEnv);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const text = login.stderr();
    const uri = /^\s+(http\S+\/device)\s*$/m.exec(text)?.[1];
    const code = /Mã \/ code: (\S+)/.exec(text)?.[1];
    if (uri && code) return { ...login, uri, code };
    if (Date.now() > deadline) throw new Error(`orgboard login printed no code: ${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function loginAs(nationalId: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
  const login = await beginLogin(extraEnv);
  expect(await approveDeviceLogin(login.uri, login.code, nationalId)).toMatch(/Đã đăng nhập/);
  return login.done;
}

const credentialsFile = (config = path.join(dir, "config")) => path.join(config, "orgboard", "credentials.json");
const readLogins = () => (JSON.parse(readFileSync(credentialsFile(), "utf8")) as { logins: Record<string, StoredLogin> }).logins;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "orgboard-cli-api-"));
  env = { ...process.env, ORGBOARD_DATA_DIR: path.join(dir, "data"), XDG_CONFIG_HOME: path.join(dir, "config"), ORGBOARD_DEBUG: "", DATABASE_URL: "" };
  delete env.ORGBOARD_TOKEN;
  delete env.ORGBOARD_ISSUER;
  delete env.MEMBERSHIP_URL;
  delete env.INSPECTION_URL;
  delete env.PERSONNEL_URL;
  // The operator seeds the database before the system starts (it holds the embedded database while it runs).
  expect((await run(["operator", "seed", "--scale", "demo", "--seed", "3"])).code).toBe(0);

  const identityPort = await freePort();
  identityUrl = `http://127.0.0.1:${identityPort}`;
  const identity = spawn(process.execPath, [path.join(ROOT, "apps/identity/dist/main.js")], {
    // Development mode: the realm file's development client secrets (as `orgboard start` runs it).
    env: { ...process.env, NODE_ENV: "development", PORT: String(identityPort), IDENTITY_CLI_DEVICE_CODE_LIFESPAN: String(DEVICE_CODE_LIFESPAN) },
    stdio: "ignore",
  });
  procs.push(identity);
  await waitForUrl(`${identityUrl}/realms/orgboard/.well-known/openid-configuration`, { process: identity, timeoutMs: 90_000 });

  const membershipPort = await freePort();
  membershipUrl = `http://127.0.0.1:${membershipPort}`;
  membership = spawn(process.execPath, [path.join(ROOT, "apps/membership/dist/main.js")], {
    env: { ...env, PORT: String(membershipPort), OIDC_ISSUER: `${identityUrl}/realms/orgboard`, LOG_LEVEL: "warn" },
    stdio: "ignore",
  });
  procs.push(membership);
  await waitForUrl(`${membershipUrl}/readyz`, { process: membership, timeoutMs: 90_000 });
  env.MEMBERSHIP_URL = membershipUrl;

  // Inspection's demo data about the same people (membership's demo scale, seed 3), before it starts.
  const inspectionDir = path.join(dir, "data", "inspection");
  const idb = await openInspectionDatabase({ dataDir: inspectionDir });
  try {
    await seedInspection(idb.shared, seedSubjects("demo", 3));
  } finally {
    await idb.close();
  }
  const inspectionPort = await freePort();
  inspectionUrl = `http://127.0.0.1:${inspectionPort}`;
  const inspection = spawn(process.execPath, [path.join(ROOT, "apps/inspection/dist/main.js")], {
    env: {
      ...env,
      PORT: String(inspectionPort),
      DATA_DIR: inspectionDir,
      OIDC_ISSUER: `${identityUrl}/realms/orgboard`,
      MEMBERSHIP_URL: membershipUrl,
      // identity runs in development mode here: the realm file's secret of the `inspection` client.
      OIDC_CLIENT_SECRET: "dev-inspection-secret",
      INSPECTION_DENOUNCER_KEYS: `test:${Buffer.alloc(32, 7).toString("base64")}`,
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
  });
  procs.push(inspection);
  await waitForUrl(`${inspectionUrl}/readyz`, { process: inspection, timeoutMs: 90_000 });
  env.INSPECTION_URL = inspectionUrl;

  // Personnel's demo data (cadres among the same people, each province's posts and planning pools).
  const personnelDir = path.join(dir, "data", "personnel");
  const pdb = await openPersonnelDatabase({ dataDir: personnelDir });
  try {
    await seedPersonnel(pdb.prisma, seedSubjects("demo", 3));
    // What the report must print for Hà Nội's 2030–2035 planning: the domain's coverage of the seeded
    // posts and active pool entries (the province, its blocs and communes), read before the service runs.
    const posts = await pdb.prisma.post.findMany({ where: { orgPath: { startsWith: "/01/" }, termStartYear: 2030 }, include: { pool: { where: { removedOn: null }, include: { cadre: true } } } });
    hanoiPlanning = personnelCoverage({
      termStartYear: 2030,
      posts: posts.map((p) => ({ orgPath: p.orgPath, candidates: p.pool.map((e) => ({ cadreId: e.cadreId, birthDate: e.cadre.birthDate.toISOString().slice(0, 10), gender: e.cadre.gender as "male", ethnicMinority: e.cadre.ethnicMinority })) })),
    });
  } finally {
    await pdb.close();
  }
  const personnelPort = await freePort();
  personnelUrl = `http://127.0.0.1:${personnelPort}`;
  const personnel = spawn(process.execPath, [path.join(ROOT, "apps/personnel/dist/main.js")], {
    env: {
      ...env,
      PORT: String(personnelPort),
      DATA_DIR: personnelDir,
      OIDC_ISSUER: `${identityUrl}/realms/orgboard`,
      MEMBERSHIP_URL: membershipUrl,
      INSPECTION_URL: inspectionUrl,
      OIDC_CLIENT_SECRET: "dev-personnel-secret",
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
  });
  procs.push(personnel);
  await waitForUrl(`${personnelUrl}/readyz`, { process: personnel, timeoutMs: 90_000 });
  env.PERSONNEL_URL = personnelUrl;
  // Five processes and three seeds on a shared machine: more than the file's default hook timeout.
}, 480_000);

async function stop(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    p.once("exit", () => resolve());
    p.kill("SIGTERM");
  });
}

afterAll(async () => {
  await Promise.all(procs.map(stop));
  rmSync(dir, { recursive: true, force: true });
});

describe("not logged in", () => {
  it("import, export and report exit 3 with the hint to run orgboard login", async () => {
    for (const args of [["report", "annual", "--year", "2025"], ["report", "inspection", "--org", "/01/", "--year", "2025"], ["export", "members", "x.csv", "--org", "/01/"], ["whoami"]]) {
      const r = await run(args);
      expect(r.code, args.join(" ")).toBe(3);
      expect(r.stderr).toMatch(/chưa đăng nhập .*orgboard login/);
      noStack(r);
    }
  });

  it("a bad ORGBOARD_TOKEN is refused by the service: exit 3 with the hint", async () => {
    const r = await run(["report", "annual", "--org", "/01/", "--year", "2025"], { ORGBOARD_TOKEN: "not-a-token" });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/hết hạn.*orgboard login/);
  });
});

describe("orgboard login (device flow through VNeID)", () => {
  it("a denied code ends the login with exit 3 and stores nothing", async () => {
    const login = await beginLogin();
    expect(await approveDeviceLogin(login.uri, login.code, HANOI_BOARD.nationalId, { deny: true })).toMatch(/Đã hủy đăng nhập/);
    const r = await login.done;
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/bị từ chối/);
    expect(existsSync(credentialsFile())).toBe(false);
  });

  it("a code nobody approves expires: exit 3, and the page refuses it afterwards", async () => {
    const login = await beginLogin();
    const r = await login.done;
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/hết hạn.*orgboard login/);
    expect(await approveDeviceLogin(login.uri, login.code, HANOI_BOARD.nationalId)).toMatch(/Mã đã hết hạn/);
  }, 60_000);

  it("an approved code stores the official's tokens, mode 0600, per issuer; whoami names the official", async () => {
    const r = await loginAs(HANOI_BOARD.nationalId);
    expect(r.stderr).toMatch(/Mở trang sau trong trình duyệt/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Đã đăng nhập \/ logged in: .*hn\.bantochuc/);
    expect(statSync(credentialsFile()).mode & 0o777).toBe(0o600);
    const logins = readLogins();
    expect(Object.keys(logins)).toEqual([`${identityUrl}/realms/orgboard`]);
    expect(logins[`${identityUrl}/realms/orgboard`]).toMatchObject({ clientId: "orgboard-cli", username: "hn.bantochuc", subject: HANOI_BOARD.id });
    const who = await run(["whoami"]);
    expect(who.code).toBe(0);
    expect(who.stdout).toMatch(/hn\.bantochuc/);
    expect(who.stdout).toMatch(/provincial_board/);
    expect(who.stdout).toMatch(/\/01\//);
  }, 60_000);

  it("an expired access token is refreshed (and the new one stored)", async () => {
    const file = credentialsFile();
    const data = JSON.parse(readFileSync(file, "utf8")) as { logins: Record<string, StoredLogin> };
    const key = Object.keys(data.logins)[0]!;
    const before = data.logins[key]!;
    data.logins[key] = { ...before, expiresAt: Date.now() - 1000 };
    writeFileSync(file, JSON.stringify(data), { mode: 0o600 });
    const who = await run(["whoami"]);
    expect(who.code).toBe(0);
    const after = readLogins()[key]!;
    expect(after.expiresAt).toBeGreaterThan(Date.now());
    expect(after.accessToken).not.toBe(before.accessToken);
  });
});

describe("import, export and report through the API, as the official", () => {
  it("exports the official's organization (the default --org), imports a CSV, reports: the audit trail names the official", async () => {
    const exported = path.join(dir, "hn.csv");
    const exp = await run(["export", "members", exported]);
    expect(exp.stderr).toBe("");
    expect(exp.code).toBe(0);
    expect(exp.stdout).toMatch(/exported \d+ members/);
    const lines = readFileSync(exported, "utf8").split("\n");
    const header = lines[0]!;
    const cell = lines[1]!.split(",")[5]!;

    const before = JSON.parse((await run(["report", "annual", "--year", "2026", "--json"])).stdout) as { orgPath: string; totalMembers: number };
    expect(before.orgPath).toBe("/01/");

    const bad = path.join(dir, "bad.csv");
    writeFileSync(bad, `${header}\nLê Thị Sai,31/02/1990,Nữ,Kinh,001190777002,${cell},Chính thức,03/02/2015,03/02/2016,,,,,\n`);
    const refused = await run(["import", "members", bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^Không nhập được/);
    expect(refused.stderr).toMatch(/^2\tbirthDate\t/m);

    const good = path.join(dir, "good.csv");
    writeFileSync(good, `${header}\nNguyễn Văn Mới,15/04/1990,Nam,Kinh,001090777001,${cell},Chính thức,03/02/2015,03/02/2016,,,,,\n`);
    const ok = await run(["import", "members", good]);
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Đã nhập 1 đảng viên \/ imported 1 members \(\/01\//);

    // Larger than one upload chunk: the body streams (the progress bar's path), the service takes it whole.
    const syllables = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long", "Minh", "Nam", "Phúc", "Quang", "Sơn", "Tâm", "Vinh", "Xuân"];
    const name = (i: number) => `Trần ${syllables[(i >> 8) & 15]} ${syllables[(i >> 4) & 15]} ${syllables[i & 15]}`;
    const rows = Array.from({ length: 3000 }, (_, i) => `${name(i)},15/04/1990,Nam,Kinh,001090${String(800000 + i)},${cell},Chính thức,03/02/2015,03/02/2016,,,,,`);
    const big = path.join(dir, "big.csv");
    writeFileSync(big, `${header}\n${rows.join("\n")}\n`);
    expect(statSync(big).size).toBeGreaterThan(256 * 1024);
    const bulk = await run(["import", "members", big, "--org", "/01/"]);
    expect(bulk.stderr).toBe("");
    expect(bulk.stdout).toMatch(/imported 3000 members/);

    const after = JSON.parse((await run(["report", "annual", "--year", "2026", "--json"])).stdout) as { totalMembers: number };
    expect(after.totalMembers).toBe(before.totalMembers + 3001);
    const table = await run(["report", "annual", "--org", "/01/", "--year", "2026"]);
    expect(table.stdout).toContain("BÁO CÁO CÔNG TÁC XÂY DỰNG ĐẢNG NĂM 2026");
  });

  it("imports a history file and closes a year, as the official (#10)", async () => {
    // 001090800000 was imported by the test above (admitted 03/02/2015).
    const ratings = path.join(dir, "xep-loai.csv");
    writeFileSync(ratings, "Số định danh cá nhân,Năm,Xếp loại\n001090800000,2024,Hoàn thành tốt nhiệm vụ\n");
    const imported = await run(["import", "history-ratings", ratings, "--org", "/01/"]);
    expect(imported.stderr).toBe("");
    expect(imported.stdout).toMatch(/imported 1 history records \(ratings\)/);
    const closed = await run(["report", "close", "--org", "/01/", "--year", "2024"]);
    expect(closed.code, closed.stderr).toBe(0);
    expect(closed.stdout).toMatch(/^Đã khóa sổ năm 2024 của \/01\/ ngày \d{2}\/\d{2}\/\d{4} \/ closed 2024 for \/01\//);
    const report = JSON.parse((await run(["report", "annual", "--org", "/01/", "--year", "2024", "--json"])).stdout) as { closed: { closedOn: string } | null; ratings: { members: { good: number } } };
    expect(report.closed).not.toBeNull();
    expect(report.ratings.members.good).toBeGreaterThanOrEqual(1);
    const again = await run(["report", "close", "--org", "/01/", "--year", "2024"]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/đã khóa sổ/);
  });

  it("refuses another province the same way whether it exists or not (exit 2, NOT_FOUND), and bad input with exit 2", async () => {
    const hue = await run(["export", "members", path.join(dir, "hue.csv"), "--org", "/46/"]);
    const none = await run(["export", "members", path.join(dir, "none.csv"), "--org", "/98/"]);
    // Outside the scope is answered as an organization that does not exist (#9 finding 5): NOT_FOUND, exit 2.
    expect(hue.code).toBe(2);
    expect(hue.stderr).toMatch(/^lỗi dữ liệu \/ bad input \(NOT_FOUND\):\n\s+orgPath: .* no such organization in your scope/);
    expect(hue.stderr).not.toContain("/46/");
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(hue.stderr);
    expect(existsSync(path.join(dir, "hue.csv"))).toBe(false);
    const report = await run(["report", "annual", "--org", "/46/", "--year", "2025"]);
    expect(report.code).toBe(2);
    expect(report.stderr).toBe(hue.stderr);

    const badOrg = await run(["report", "annual", "--org", "01", "--year", "2025"]);
    expect(badOrg.code).toBe(2);
    expect(badOrg.stderr).toMatch(/^lỗi dữ liệu \/ bad input .*\n\s+orgPath: /);
    noStack(badOrg);
    const missing = await run(["import", "members", path.join(dir, "missing.csv")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/FILE: không có tệp/);
  });

  it("names the service when it cannot be reached (exit 1)", async () => {
    const r = await run(["report", "annual", "--year", "2025", "--api", `http://127.0.0.1:${await freePort()}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/không kết nối được dịch vụ membership .*MEMBERSHIP_URL/);
    noStack(r);
  });
});

describe("report inspection through the inspection API, as the official", () => {
  it("prints the year's figures of the official's province, Vietnamese first, and the same figures as JSON", async () => {
    const json = await run(["report", "inspection", "--year", "2025", "--json"]);
    expect(json.stderr).toBe("");
    expect(json.code).toBe(0);
    const r = JSON.parse(json.stdout) as { orgPath: string; year: number; inspections: { total: { organizations: number; members: number }; byKind: { member_compliance: { members: number } } }; discipline: { members: { total: number } }; program: { items: number } };
    expect(r.orgPath).toBe("/01/");
    expect(r.year).toBe(2025);
    // The seeded cases of Hà Nội: committees' and cells' inspections, members disciplined, programs.
    expect(r.inspections.total.organizations).toBeGreaterThan(0);
    expect(r.inspections.byKind.member_compliance.members).toBeGreaterThan(0);
    expect(r.discipline.members.total).toBeGreaterThan(0);
    expect(r.program.items).toBeGreaterThan(0);
    const table = await run(["report", "inspection", "--org", "/01/", "--year", "2025"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^BÁO CÁO CÔNG TÁC KIỂM TRA, GIÁM SÁT NĂM 2025 \/ ANNUAL INSPECTION REPORT 2025\nTổ chức \/ organization \/01\//);
    const fmt = (n: number) => new Intl.NumberFormat("vi-VN").format(n);
    expect(table.stdout).toMatch(/ +tổ chức \/ orgs +đảng viên \/ members\n/);
    expect(table.stdout).toMatch(new RegExp(`\\nTổng số / total +${fmt(r.inspections.total.organizations)} +${fmt(r.inspections.total.members)}\\n`));
    expect(table.stdout).toMatch(new RegExp(`Đảng viên bị kỷ luật / members disciplined +${fmt(r.discipline.members.total)}\\n`));
  });

  it("refuses another province the same way whether it exists or not (exit 1); bad input exits 2", async () => {
    const hue = await run(["report", "inspection", "--org", "/46/", "--year", "2025"]);
    const none = await run(["report", "inspection", "--org", "/98/", "--year", "2025"]);
    expect(hue.code).toBe(1);
    expect(hue.stderr).toMatch(/^lỗi \/ error: không có quyền/);
    expect(none.stderr).toBe(hue.stderr);
    expect(hue.stdout).toBe("");
    const badYear = await run(["report", "inspection", "--org", "/01/", "--year", "25"]);
    expect(badYear.code).toBe(2);
    expect(badYear.stderr).toMatch(/--year phải là năm \/ must be a year/);
    const oldYear = await run(["report", "inspection", "--org", "/01/", "--year", "1900"]);
    expect(oldYear.code).toBe(2);
    expect(oldYear.stderr).toMatch(/^lỗi dữ liệu \/ bad input .*\n\s+year: /);
    const badOrg = await run(["report", "inspection", "--org", "01", "--year", "2025"]);
    expect(badOrg.code).toBe(2);
    expect(badOrg.stderr).toMatch(/\n\s+orgPath: /);
    noStack(badOrg);
  });

  it("names the inspection service and INSPECTION_URL when it cannot be reached (exit 1)", async () => {
    const r = await run(["report", "inspection", "--year", "2025", "--api", `http://127.0.0.1:${await freePort()}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/không kết nối được dịch vụ inspection .*INSPECTION_URL/);
    noStack(r);
  });
});

describe("report personnel through the personnel API, as the official", () => {
  it("prints the planning of the next term in the official's province, Vietnamese first, and the same figures as JSON", async () => {
    const json = await run(["report", "personnel", "--year", "2026", "--json"]);
    expect(json.code, json.stderr).toBe(0);
    const r = JSON.parse(json.stdout) as { orgPath: string; year: number; term: { termStartYear: number; termEndYear: number }; coverage: { posts: number; underCovered: number; overCovered: number; candidates: number; structure: { women: { count: number; percent: number | null; targetPercent: number | null } } } };
    expect(r).toMatchObject({ orgPath: "/01/", year: 2026, term: { termStartYear: 2030, termEndYear: 2035 } });
    // The seed plans Hà Nội's leadership posts for 2030–2035 (province, blocs, communes) with 0–3 candidates.
    expect(hanoiPlanning.posts).toBeGreaterThan(7);
    expect(hanoiPlanning.underCovered).toBeGreaterThan(0);
    expect(r.coverage).toMatchObject({ posts: hanoiPlanning.posts, underCovered: hanoiPlanning.underCovered, overCovered: hanoiPlanning.overCovered, candidates: hanoiPlanning.candidates });
    expect(r.coverage.structure.women.targetPercent).toBe(25);
    // contract 1.3: the year's vote outcomes, conclusions and surplus cadres, counts only
    const more = JSON.parse(json.stdout) as { votes: { year: number; holders: number; kept: number; resignationProposed: number; dismissalProposed: number; previous: { holders: number } }; conclusions: { year: number; count: number; perPurpose: { purpose: string; count: number }[] }; surplus: { total: number; resolved: number } };
    expect(more.votes.year).toBe(2026);
    expect(more.votes.kept + more.votes.resignationProposed + more.votes.dismissalProposed).toBe(more.votes.holders);
    expect(more.conclusions.perPurpose.map((p) => p.purpose)).toEqual(["admission", "planning", "appointment", "nomination"]);
    expect(more.conclusions.perPurpose.reduce((a, p) => a + p.count, 0)).toBe(more.conclusions.count);
    expect(more.surplus.resolved).toBeLessThanOrEqual(more.surplus.total);

    const table = await run(["report", "personnel", "--org", "/01/", "--year", "2026"]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^BÁO CÁO CÔNG TÁC CÁN BỘ NĂM 2026 \/ PERSONNEL REPORT 2026\nTổ chức \/ organization \/01\/\n/);
    expect(table.stdout).toMatch(/\nQuy hoạch nhiệm kỳ 2030–2035 \/ Planning for the 2030–2035 term\n/);
    expect(table.stdout).toMatch(new RegExp(`\\nChức danh thiếu người quy hoạch \\(dưới 2\\) / under-covered posts \\(fewer than 2\\) +${hanoiPlanning.underCovered}\\n`));
    expect(table.stdout).toMatch(/\n {2}Nữ \/ women +\d+ +(\d+,\d %|—) +≥ 25,0 %/);
    expect(table.stdout).toMatch(new RegExp(`\\n {2}Đề nghị miễn nhiệm / dismissal proposed +${more.votes.dismissalProposed} +\\d+\\n`));
    expect(table.stdout).toMatch(new RegExp(`\\n {2}Tổng số / total +${more.conclusions.count} +\\d+ +(—|[+-]?\\d+,\\d %)\\n`));
    expect(table.stdout).toMatch(new RegExp(`\\n {2}Đã giải quyết / tổng số / resolved / total +${more.surplus.resolved} / ${more.surplus.total}\\n`));
  });

  it("answers another province exactly as it answers one that does not exist; bad input exits 2", async () => {
    const hue = await run(["report", "personnel", "--org", "/46/", "--year", "2026", "--json"]);
    const none = await run(["report", "personnel", "--org", "/98/", "--year", "2026", "--json"]);
    // Counts only: outside the scope the figures are empty, the same for a province that exists and one that does not.
    expect(hue.code).toBe(none.code);
    expect(hue.stdout.replace("/46/", "X")).toBe(none.stdout.replace("/98/", "X"));
    if (hue.code === 0) expect((JSON.parse(hue.stdout) as { coverage: { posts: number } }).coverage.posts).toBe(0);
    const badYear = await run(["report", "personnel", "--org", "/01/", "--year", "26"]);
    expect(badYear.code).toBe(2);
    expect(badYear.stderr).toMatch(/--year phải là năm/);
    noStack(badYear);
  });

  it("names the personnel service and PERSONNEL_URL when it cannot be reached (exit 1)", async () => {
    const r = await run(["report", "personnel", "--year", "2026", "--api", `http://127.0.0.1:${await freePort()}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/không kết nối được dịch vụ personnel .*PERSONNEL_URL/);
    noStack(r);
  });
});

describe("operator mode while the system runs", () => {
  it("refuses the embedded database in use, Vietnamese first, pointing to the API commands", async () => {
    const r = await run(["operator", "report", "annual", "--org", "/", "--year", "2025"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^lỗi \/ error: cơ sở dữ liệu nhúng đang được hệ thống sử dụng.*orgboard login/);
    expect(r.stderr).toMatch(/in use by process/);
    noStack(r);
  });

  it("operator import needs --actor (exit 2)", async () => {
    const r = await run(["operator", "import", "members", path.join(dir, "good.csv")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--actor/);
  });
});

describe("orgboard logout", () => {
  it("revokes the session at the provider and deletes the stored tokens", async () => {
    const login = Object.values(readLogins())[0]!;
    const r = await run(["logout"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Đã đăng xuất \/ logged out of /);
    expect(r.stdout).not.toMatch(/did not confirm/);
    expect(existsSync(credentialsFile())).toBe(false);
    await expect(refresh(login)).rejects.toThrow(AuthError);
    const after = await run(["report", "annual", "--year", "2025"]);
    expect(after.code).toBe(3);
    expect((await run(["report", "inspection", "--year", "2025"])).code).toBe(3);
  });
});

describe("the audit trail", () => {
  it("records the import as the official (the token's subject), not a declared actor", async () => {
    await stop(membership!);
    const db = await openMembershipDatabase({ dataDir: path.join(dir, "data", "membership") });
    try {
      const rows = await db.query<{ actor: string; org_path: string; refused: string | null }>(
        "SELECT actor, org_path, after->>'refused' AS refused FROM audit_record WHERE action = 'membership.members.import' ORDER BY id",
      );
      // The refused member import (audited too, #9 finding 1), the two member imports and the history import
      // (#10), each recorded as the official.
      expect(rows.rows.map((r) => r.refused)).toEqual(["true", null, null, null]);
      for (const row of rows.rows) expect(row).toMatchObject({ actor: HANOI_BOARD.id });
    } finally {
      await db.close();
    }
  });
});
