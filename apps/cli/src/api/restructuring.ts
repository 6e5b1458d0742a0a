// `orgboard restructure plan load|preview|run|resume|rollback|verify`: the restructuring service's API
// (@orgboard/contract-restructuring) as the official (`orgboard login`, or ORGBOARD_TOKEN): load the
// official 2025 plan, preview it, run it (provinces side by side as the service allows) with a line (and a bar on a terminal) per
// province, resume it after a failure or a crash, roll it back before its date, verify conservation.
// Reports on stdout, progress on stderr (docs/restructuring.md).
import { type Command } from "commander";
import { createTRPCClient } from "@trpc/client";
import { createServiceLinks, type TokenGetter } from "@orgboard/contracts";
import type { RestructuringContractRouter, RunProvinceView, RunView, VerifyRunOutput } from "@orgboard/contract-restructuring";
import { officialToken } from "../auth/session.js";
import { EXIT_FAILURE } from "../errors.js";
import { progressBar } from "../progress.js";
import { transferFetch } from "./transfer.js";

const out = (s: string) => process.stdout.write(s.endsWith("\n") ? s : `${s}\n`);
const err = (s: string) => process.stderr.write(s.endsWith("\n") ? s : `${s}\n`);
const integer = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });
const seconds = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** --api, else RESTRUCTURING_URL, else the local restructuring (ORGBOARD_RESTRUCTURING_PORT, default 3005). */
export function restructuringUrl(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const raw = given ?? env.RESTRUCTURING_URL ?? `http://127.0.0.1:${env.ORGBOARD_RESTRUCTURING_PORT || 3005}`;
  return raw.replace(/\/+$/, "").replace(/\/trpc$/, "");
}

export function restructuringClient(baseUrl: string, getToken: TokenGetter) {
  const fetchImpl = transferFetch(baseUrl, undefined, { service: "restructuring", variable: "RESTRUCTURING_URL" });
  return createTRPCClient<RestructuringContractRouter>({ links: [createServiceLinks<RestructuringContractRouter>({ restructuring: `${baseUrl}/trpc` }, getToken, { fetch: fetchImpl })] }).restructuring;
}

const STATUS: Record<RunProvinceView["status"], string> = {
  pending: "chờ / pending",
  running: "đang sắp xếp / running",
  done: "xong / done",
  failed: "lỗi / failed",
  rolled_back: "đã hoàn tác / rolled back",
};

/**
 * Why a board below its province committee (a district's, a commune's) reads "—" for the members (contract-
 * restructuring 1.10, `RunView.subtree`): the service withholds the province-wide figures from it (membersBefore
 * 0, membersAfter null), which printed as such would read as a province emptied by the run.
 */
export const WITHHELD_NOTE =
  "— : số liệu toàn tỉnh do ban tổ chức cấp tỉnh theo dõi; đồng chí chỉ xem phần thuộc đơn vị mình / province-wide figures are withheld, for the provincial board; you see your own units' part";

/**
 * One province's line: status, steps, organizations created / closed / moved, members before → after ("—" when
 * `withheld`: the view is restricted to the caller's subtree).
 */
export function provinceLine(p: RunProvinceView, ms?: number, withheld = false): string {
  const members = withheld ? "—" : `${integer.format(p.membersBefore)} → ${p.membersAfter === null ? "?" : integer.format(p.membersAfter)}`;
  const time = ms === undefined ? "" : ` (${seconds.format(ms / 1000)} s)`;
  const error = p.error ? `\n    ${p.error}` : "";
  return (
    `Tỉnh ${p.provinceCode} ${p.name}: ${STATUS[p.status]} — ${p.stepsDone}/${p.stepsTotal} bước / steps; ` +
    `tạo / created ${integer.format(p.changes.create)}, giải thể / closed ${integer.format(p.changes.close)}, chuyển / moved ${integer.format(p.changes.reparent)}; ` +
    `đảng viên / members ${members}${time}${error}`
  );
}

export function formatRun(v: RunView): string {
  const done = v.provinces.filter((p) => p.status === "done").length;
  const withheld = v.subtree !== null;
  return [
    `Đề án / plan ${v.planId} — ${v.status}, hiệu lực / effective ${v.effectiveOn.split("-").reverse().join("/")}; ${done}/${v.provinces.length} tỉnh xong / provinces done`,
    ...v.provinces.map((p) => `  ${provinceLine(p, undefined, withheld)}`),
    // Said once, after the lines it explains.
    ...(withheld && v.provinces.length > 0 ? [WITHHELD_NOTE] : []),
  ].join("\n");
}

const SERVICE_VI = { inspection: "kiểm tra", personnel: "cán bộ", conference: "hội nghị" } as const;

export function formatVerify(v: VerifyRunOutput): string {
  const lines = [
    `KIỂM TRA BẢO TOÀN / CONSERVATION CHECK — ${v.ok ? "ĐẠT / OK" : "KHÔNG ĐẠT / FAILED"}`,
    `Tỉnh / provinces: ${v.provinces.before} → ${v.provinces.after}; xã / communes: ${integer.format(v.communes.before)} → ${integer.format(v.communes.after)}`,
    `Đảng viên / members: ${integer.format(v.members)}; ở tổ chức đã giải thể / on closed organizations: ${v.membersOnClosed}; không ở chi bộ / not in a cell: ${v.membersOnNonCell}`,
    `Đảng bộ cấp huyện còn lại / district committees left: ${v.districtCommittees}`,
    ...v.perProvince.map((p) => `  Tỉnh ${p.provinceCode} (${p.orgCode}): ${integer.format(p.before)} → ${integer.format(p.after)} ${p.ok ? "✓" : "✗"}`),
    // The other services' records (contract 1.4): cases, cadres and posts, sites; those not wired named.
    ...v.services.map(
      (s) =>
        `Hồ sơ ${SERVICE_VI[s.service]} / ${s.service} records: ${s.before === null ? "?" : integer.format(s.before)} → ${integer.format(s.after)}; ở tổ chức đã giải thể / under closed organizations: ${s.left}` +
        `${s.unaccounted === null ? "" : `; cán bộ chưa rõ chức vụ hay dôi dư / cadres unaccounted: ${s.unaccounted}`} ${s.ok ? "✓" : "✗"}`,
    ),
    // Officials (contract 1.11): counts only; null is "identity not wired" (absent: a service before 1.11, said nothing).
    ...(v.identity
      ? [`Cán bộ (tài khoản đăng nhập) / officials (sign-in accounts): ở tổ chức đã giải thể / under closed organizations: ${v.identity.onClosed}; chờ phân công lại / awaiting reassignment: ${v.identity.awaitingReassignment} ${v.identity.ok ? "✓" : "✗"}`]
      : []),
    ...(v.notChecked.length > 0 || v.identity === null ? [`Chưa kiểm tra (chưa nối) / not checked (not wired): ${[...v.notChecked, ...(v.identity === null ? ["identity"] : [])].join(", ")}`] : []),
    ...v.problems.map((p) => `  ! ${p}`),
  ];
  return lines.join("\n");
}

interface Opts {
  api?: string;
  issuer?: string;
  json?: boolean;
}

const common = (c: Command) =>
  c
    .option("--api <url>", "dịch vụ restructuring / the restructuring service (RESTRUCTURING_URL; default http://127.0.0.1:3005)")
    .option("--issuer <url>", "realm của phiên đăng nhập / the realm of the login to use (ORGBOARD_ISSUER; default the last login)")
    .option("--json", "in JSON / print JSON", false);

const clientFor = (opts: Opts) => restructuringClient(restructuringUrl(opts.api), officialToken({ issuer: opts.issuer }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A transport failure (the connection dropped or timed out), not an answer of the service. */
function isTransportError(e: unknown): boolean {
  const data = (e as { data?: { code?: unknown } } | null)?.data;
  return !(data && typeof data.code === "string");
}

/** `--concurrency <n>`: provinces at once for this call (runs.resume's `concurrency`; the service checks 1–16). */
const CONCURRENCY = ["--concurrency <n>", "số tỉnh chạy cùng lúc: 1 trong giờ hành chính để nhường máy cho việc tra cứu / provinces at once: 1 in office hours leaves the machine to reads", (v: string) => Number(v)] as const;

/**
 * Runs the provinces not done. One province named: one call. Otherwise one `runs.resume` for the whole plan,
 * so the service runs provinces side by side (RESTRUCTURING_PROVINCE_CONCURRENCY, or `--concurrency`), followed through
 * `runs.get` every 2 s: a line per province as it finishes (its time counted from when it was first seen
 * running). A national run outlasts an HTTP answer's wait (Node's fetch gives up after 5 minutes) while the
 * service goes on: a dropped call is followed until no province is running.
 */
async function runProvinces(api: ReturnType<typeof restructuringClient>, view: RunView, only: string | undefined, setExit: (code: number) => void, concurrency?: number, pollMs = 2_000): Promise<RunView> {
  const todo = view.provinces.filter((p) => p.status !== "done" && (only === undefined || p.provinceCode === only));
  const bar = progressBar("Sắp xếp / restructuring");
  const reported = new Set(view.provinces.filter((p) => p.status === "done").map((p) => p.provinceCode));
  const seenRunning = new Map<string, number>();
  const started = Date.now();
  let n = 0;
  bar.update(0, todo.length);
  // A done province is reported once; a failed one once per error (a later resume may fail it differently).
  const report = (v: RunView) => {
    for (const p of v.provinces) {
      if (p.status === "running" && !seenRunning.has(p.provinceCode)) seenRunning.set(p.provinceCode, Date.now());
      if (p.status !== "done" && p.status !== "failed") continue;
      const key = p.status === "done" ? p.provinceCode : `${p.provinceCode}:failed:${p.error ?? ""}`;
      if (reported.has(key) || !todo.some((t) => t.provinceCode === p.provinceCode)) continue;
      reported.add(key);
      bar.stop();
      err(provinceLine(p, Date.now() - (seenRunning.get(p.provinceCode) ?? started), v.subtree !== null));
      if (p.status === "done") n += 1;
      bar.update(n, todo.length, `Tỉnh / province ${p.provinceCode}`);
    }
  };
  let last = view;
  let settled = false;
  let failure: unknown = null;
  let unanswered = 0;
  void api.runs.resume
    .mutate({ planId: view.planId, ...(only ? { provinceCode: only } : {}), ...(concurrency !== undefined ? { concurrency } : {}) })
    .then(
      (v) => {
        last = v;
      },
      (e: unknown) => {
        failure = e;
      },
    )
    .finally(() => {
      settled = true;
    });
  for (;;) {
    for (let waited = 0; waited < pollMs && !settled; waited += 100) await sleep(100);
    if (settled && failure === null) break;
    if (settled && !isTransportError(failure)) {
      bar.stop();
      throw failure;
    }
    const now = await api.runs.get.query({ planId: view.planId }).catch(() => null);
    if (now) {
      unanswered = 0;
      last = now;
      report(now);
      // The call dropped (settled with a transport error): followed until nothing runs.
      if (settled && !now.provinces.some((p) => p.status === "running")) break;
    } else if (settled && ++unanswered >= 30) {
      // The call dropped and the service does not answer either (a minute): the call's own error is the report.
      bar.stop();
      throw failure;
    }
  }
  report(last);
  bar.stop();
  if (todo.some((t) => last.provinces.find((p) => p.provinceCode === t.provinceCode)?.status !== "done")) setExit(EXIT_FAILURE);
  return last;
}

export function registerRestructureCommands(program: Command, setExit: (code: number) => void): void {
  const plan = program
    .command("restructure")
    .description("sắp xếp đơn vị hành chính (đề án 2025) qua API / administrative-unit restructuring (the 2025 plan) through the API")
    .command("plan")
    .description("nạp, xem trước, chạy, chạy tiếp, hoàn tác, kiểm tra một đề án / load, preview, run, resume, roll back, verify a plan");

  common(plan.command("load").description("nạp đề án chính thức 2025 (63 → 34 tỉnh) / load the official 2025 plan (63 → 34 provinces)")).action(async (opts: Opts) => {
    const v = await clientFor(opts).plans.loadOfficial.mutate({});
    out(opts.json ? JSON.stringify(v, null, 2) : `Đã nạp đề án / plan loaded: ${v.id}\n${v.title}\nTỉnh / provinces ${v.provinces.before} → ${v.provinces.after}; xã / communes ${integer.format(v.communes.before)} → ${integer.format(v.communes.after)}`);
  });

  common(plan.command("preview <planId>").description("xem trước (không ghi gì) / dry run (writes nothing)").option("--province <code>", "chỉ một tỉnh mới / one new province only")).action(
    async (planId: string, opts: Opts & { province?: string }) => {
      const p = await clientFor(opts).plans.preview.query({ planId, ...(opts.province ? { provinceCode: opts.province } : {}) });
      if (opts.json) {
        out(JSON.stringify(p, null, 2));
        return;
      }
      out(
        [
          `Thay đổi / changes: tạo / create ${p.changes.create}, đổi tên / update ${p.changes.update}, chuyển / reparent ${p.changes.reparent}, giải thể / close ${p.changes.close}`,
          `Vướng mắc / conflicts: trùng tên / duplicate names ${p.conflicts.duplicate_name}, chi bộ trống / empty cells ${p.conflicts.empty_cell}, không nơi sinh hoạt / no successor ${p.conflicts.no_successor}, mã lạ / unknown units ${p.conflicts.unknown_unit}`,
          `Bảo toàn / conservation: ${p.conservation.ok ? "đạt / ok" : "không đạt / failed"} (${integer.format(p.conservation.membersBefore)} đảng viên / members)`,
          ...p.units.filter((u) => u.level === "province").map((u) => `  ${u.unitCode} ${u.name}: ${integer.format(u.membersBefore)} → ${integer.format(u.members)} đảng viên / members, ${integer.format(u.organizations)} tổ chức / organizations`),
        ].join("\n"),
      );
    },
  );

  common(plan.command("run <planId>").description("chạy đề án, các tỉnh song song theo cấu hình của dịch vụ / run the plan, provinces side by side as the service is configured").option("--province <code...>", "chỉ các tỉnh mới này / only these new provinces").option(...CONCURRENCY)).action(
    async (planId: string, opts: Opts & { province?: string[]; concurrency?: number }) => {
      const api = clientFor(opts);
      const started = await api.runs.start.mutate({ planId, ...(opts.province ? { provinceCodes: opts.province } : {}) });
      err(`Bắt đầu / started: ${started.provinces.length} tỉnh / provinces`);
      const v = await runProvinces(api, started, undefined, setExit, opts.concurrency);
      out(opts.json ? JSON.stringify(v, null, 2) : formatRun(v));
    },
  );

  common(plan.command("resume <planId>").description("chạy tiếp mọi bước chưa xong / run every step not done").option("--province <code>", "chỉ một tỉnh / one province only").option(...CONCURRENCY)).action(
    async (planId: string, opts: Opts & { province?: string; concurrency?: number }) => {
      const api = clientFor(opts);
      const v = await runProvinces(api, await api.runs.get.query({ planId }), opts.province, setExit, opts.concurrency);
      out(opts.json ? JSON.stringify(v, null, 2) : formatRun(v));
    },
  );

  common(plan.command("status <planId>").description("tiến độ theo tỉnh / progress per province")).action(async (planId: string, opts: Opts) => {
    const v = await clientFor(opts).runs.get.query({ planId });
    out(opts.json ? JSON.stringify(v, null, 2) : formatRun(v));
  });

  common(plan.command("rollback <planId>").description("hoàn tác trước ngày hiệu lực / roll back before the effective date")).action(async (planId: string, opts: Opts) => {
    const v = await clientFor(opts).runs.rollback.mutate({ planId });
    out(opts.json ? JSON.stringify(v, null, 2) : formatRun(v));
  });

  common(plan.command("verify <planId>").description("kiểm tra bảo toàn với số liệu thật của dịch vụ đảng viên / conservation against membership's real counts")).action(async (planId: string, opts: Opts) => {
    const v = await clientFor(opts).runs.verify.query({ planId });
    out(opts.json ? JSON.stringify(v, null, 2) : formatVerify(v));
    if (!v.ok) setExit(EXIT_FAILURE);
  });
}
