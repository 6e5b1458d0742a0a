// `orgboard operator …`: the direct-database mode, for operators with access to the database (the
// embedded PGlite under .data/membership, or DATABASE_URL). It BYPASSES the API's authorization: no
// token, no role, no scope. What the audit trail records is what the operator declares (--actor) with
// the OS user that ran it, named as operator-declared. The embedded database is single-process: while a
// running system holds it, these commands refuse and point to the API commands (src/api/commands.ts).
import { existsSync } from "node:fs";
import { userInfo } from "node:os";
import { type Command, InvalidArgumentError, Option } from "commander";
import { stopOnSignals } from "@orgboard/db";
import { InspectionSeedError, openDatabase as openInspectionDatabase, seedInspection } from "@orgboard/inspection";
import {
  buildAnnualReport,
  DatabaseBusyError,
  DEFAULT_READ_LIMITS,
  exportMembers,
  exportOrganizations,
  formatAnnualReport,
  importMembers,
  importOrganizations,
  membershipDataDir,
  OperationInterruptedError,
  openMembershipDatabase,
  SEED_SCALES,
  SEED_UNITS,
  seedDatabase,
  seedSubjects,
  type MembershipDatabase,
  type FileSource,
  type ReadLimits,
  type SeedScale,
  type SeedUnits,
} from "@orgboard/membership";
import { MAX_YEAR, MIN_YEAR } from "@orgboard/contract-membership";
import { openDatabase as openConferenceDatabase } from "@orgboard/conference";
import { AUDITED_SERVICES, defaultAnchorDirFor, formatAuditReport, verifyServiceAudit, type AuditedService } from "./audit.js";
import { CliInputError, EXIT_INTERRUPTED, printRejected } from "./errors.js";
import { progressBar } from "./progress.js";

const out = (s: string) => process.stdout.write(s.endsWith("\n") ? s : `${s}\n`);

/** The audit trail's actor for an operator's write: declared, with the OS user, and said to be declared. */
export function operatorActor(declared: string, osUser = userInfo().username): string {
  const name = declared.trim();
  if (!name) throw new CliInputError("--actor", "cần tên người thực hiện / name who does this");
  return `operator-declared:${name} (os-user:${osUser})`;
}

/**
 * Opens the membership database for `work` and stops cleanly on SIGINT/SIGTERM (@orgboard/db's
 * `stopOnSignals`): the first signal aborts `work`'s AbortSignal (an import or a seed rolls back, nothing of it
 * is written) and the database is closed properly before the process exits (130); a second signal exits at
 * once, which the embedded database survives as it survives a kill (docs/runbooks/embedded-durability.md).
 * Once the work is done and the database closed, a first signal changes nothing: without that, a SIGINT in
 * that window killed the process by the signal although its seed or import had been committed (the kill
 * suite caught it, #11): a caller reading "killed by SIGINT" as "nothing written" was wrong.
 */
async function withDatabase<T>(work: (db: MembershipDatabase, signal: AbortSignal) => Promise<T>, options: { backup?: boolean } = {}): Promise<T> {
  // Before the database opens: a signal while it opens still closes it properly.
  const stop = stopOnSignals({
    stopping: (signal) => `Đang dừng (${signal}): hủy phần đang làm dở, không ghi gì thêm; nhấn lần nữa để thoát ngay / stopping (${signal}): rolling back what is in progress; press again to quit at once`,
    finished: doneExiting,
    reason: (signal) => new OperationInterruptedError(signal),
  });
  try {
    const db = await openMembershipDatabase();
    try {
      if (options.backup) await backupBeforeBulkWork(db);
      stop.signal.throwIfAborted();
      return await work(db, stop.signal);
    } finally {
      await db.close();
    }
  } finally {
    stop.finish();
  }
}

const doneExiting = (signal: NodeJS.Signals) => `Đã xong, đang thoát (${signal}); nhấn lần nữa để thoát ngay / done, exiting (${signal}); press again to quit at once`;

/**
 * Embedded database, before an import or a seed: a checkpoint and a verified copy of the data directory
 * (<dir>.backup), the way back should the machine fail during the bulk work (PGlite does not flush to
 * disk). ORGBOARD_EMBEDDED_BACKUP=off skips it (a test machine, or a directory too large to copy).
 */
async function backupBeforeBulkWork(db: MembershipDatabase): Promise<void> {
  if (process.env.ORGBOARD_EMBEDDED_BACKUP === "off") return;
  const backup = await db.shared.backup();
  if (backup) process.stdout.write(`bản sao dự phòng / backup: ${backup.dir} (${(backup.bytes / 2 ** 20).toFixed(0)} MiB, ${(backup.milliseconds / 1000).toFixed(1)} s)\n`);
}

const integer = (name: string, min: number, max: number) => (value: string) => {
  if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`${name} phải là số nguyên / must be a whole number, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new InvalidArgumentError(`${name} phải trong khoảng ${min} đến ${max} / must be between ${min} and ${max}, got ${n}`);
  return n;
};

const isoDate = (value: string) => {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value) ?? null;
  const iso = m ? `${m[3]}-${m[2]}-${m[1]}` : value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(Date.parse(`${iso}T00:00:00Z`))) {
    throw new InvalidArgumentError(`"${value}" không phải ngày (dd/mm/yyyy hoặc yyyy-mm-dd) / is not a date (dd/mm/yyyy or yyyy-mm-dd)`);
  }
  return iso;
};

/** `--limit maxRows=5000000`: one of the reader's limits, a positive whole number. */
function collectLimit(value: string, previous: Partial<ReadLimits>): Partial<ReadLimits> {
  const [name, raw] = value.split("=", 2);
  if (!name || !(name in DEFAULT_READ_LIMITS)) {
    throw new InvalidArgumentError(`"${name}" không phải giới hạn đọc tệp / is not a read limit: ${Object.keys(DEFAULT_READ_LIMITS).join(", ")}`);
  }
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError(`${name}: phải là số nguyên dương / must be a positive whole number, got "${raw ?? ""}"`);
  return { ...previous, [name]: n };
}

function requireFile(file: string): string {
  if (!existsSync(file)) throw new CliInputError("FILE", `không có tệp / no such file: ${file}`);
  return file;
}


export function registerOperatorCommands(program: Command, setExit: (code: number) => void): void {
  const operator = program
    .command("operator")
    .description("chế độ vận hành: đọc/ghi thẳng cơ sở dữ liệu, BỎ QUA phân quyền của API / direct-database mode for operators: bypasses the API's authorization (DATABASE_URL or the embedded database, which must not be in use)");

  operator
    .command("migrate")
    .description("áp dụng các migration còn chờ; Ctrl-C dừng giữa hai migration / apply pending database migrations; Ctrl-C stops between two")
    .action(async () => {
      // A signal stops before the next migration, never inside one: a migration cut short leaves a started
      // row in the ledger, and every later open refuses the database until `migrate resolve`.
      const stop = stopOnSignals({
        stopping: (signal) => `Đang dừng (${signal}): migration đang chạy sẽ hoàn tất, không bắt đầu migration tiếp theo; nhấn lần nữa để thoát ngay / stopping (${signal}): the migration running finishes, no further one starts; press again to quit at once`,
        finished: doneExiting,
      });
      try {
        const db = await openMembershipDatabase({ migrate: false });
        try {
          // @orgboard/db's runner (Prisma's ledger, advisory lock), the same one the service runs on open.
          const { applied, edited, notApplied } = await db.migrate({ signal: stop.signal });
          out(applied.length ? `đã áp dụng / applied: ${applied.join(", ")}` : notApplied.length ? "chưa áp dụng migration nào / no migration applied" : "cơ sở dữ liệu đã cập nhật / database is up to date");
          if (edited.length) process.stderr.write(`cảnh báo / warning: migration đã áp dụng bị sửa sau đó (không áp dụng lại) / applied migrations edited since (not re-applied): ${edited.join(", ")}\n`);
          if (notApplied.length) {
            process.stderr.write(`đã dừng, còn ${notApplied.length} migration chưa áp dụng; chạy lại lệnh để tiếp tục / stopped, ${notApplied.length} migration(s) not applied; run the command again to go on: ${notApplied.join(", ")}\n`);
            setExit(EXIT_INTERRUPTED);
          }
        } finally {
          await db.close();
        }
      } finally {
        stop.finish();
      }
    });

  operator
    .command("seed")
    .description("load a deterministic synthetic dataset on the real administrative units")
    .addOption(new Option("--scale <scale>", "demo (3 provinces, ~5,000 members) | province | national (~5.6 million) | skeleton (every province and commune, few members)").choices(SEED_SCALES).default("demo"))
    .addOption(
      new Option("--units <edition>", "đơn vị hành chính: 2025 (34 tỉnh, không cấp huyện) | 2024 (63 tỉnh, có đảng bộ cấp huyện; dữ liệu đến 30/06/2025, để chạy lại sắp xếp 2025) / administrative units: 2025 | 2024 (63 provinces with district committees, as of 30/06/2025: the data the 2025 restructuring replays on)")
        .choices(SEED_UNITS)
        .default("2025"),
    )
    .option("--seed <n>", "seed of the generator: same seed, same rows", integer("--seed", 0, 2 ** 31 - 1), 1)
    .option("--as-of <date>", "the day the data describes", isoDate)
    .option("--reset", "delete the existing membership data first", false)
    .action(async (opts: { scale: SeedScale; units: SeedUnits; seed: number; asOf?: string; reset: boolean }) => {
      const bar = progressBar("seed");
      try {
        const result = await withDatabase(
          (db, signal) =>
            seedDatabase(db, {
              scale: opts.scale,
              units: opts.units,
              seed: opts.seed,
              asOf: opts.asOf,
              reset: opts.reset,
              signal,
              onProgress: (p) => bar.update(p.done, p.total, p.phase),
            }),
          { backup: true },
        );
        bar.stop();
        const rows = Object.entries(result.rows).map(([t, n]) => `  ${t}: ${n.toLocaleString("vi-VN")}`);
        out(`seeded ${result.scale} (seed ${result.seed}, ${opts.units} units, as of ${result.asOf}) in ${(result.milliseconds / 1000).toFixed(1)} s\n${rows.join("\n")}`);
      } catch (e) {
        bar.stop();
        if (e instanceof Error && e.name === "SeedError") throw new CliInputError("seed", `${e.message} (--reset)`);
        throw e;
      }
    });

  operator
    .command("seed-inspection")
    .description(
      "inspection's synthetic dataset about the people and organizations of membership's seed of the same scale and seed (docs/inspection.md, Seed); its embedded database under .data/inspection, or --database-url",
    )
    .addOption(new Option("--scale <scale>", "the scale membership was seeded with: demo | province | national").choices(SEED_SCALES).default("demo"))
    .option("--seed <n>", "the seed membership was seeded with", integer("--seed", 0, 2 ** 31 - 1), 1)
    .option("--as-of <date>", "the day the data describes (as membership's seed)", isoDate)
    .option("--reset", "delete the existing inspection data first", false)
    // Not DATABASE_URL: in operator mode that names membership's database, and inspection's tables must never go there.
    .option("--database-url <url>", "inspection's PostgreSQL database (default: the embedded one)")
    .action(async (opts: { scale: SeedScale; seed: number; asOf?: string; reset: boolean; databaseUrl?: string }) => {
      let db: Awaited<ReturnType<typeof openInspectionDatabase>>;
      try {
        db = await openInspectionDatabase(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {});
      } catch (e) {
        if ((e as { code?: string }).code === "ORG_DB_PGLITE_BUSY") throw new DatabaseBusyError((e as Error).message, { cause: e });
        throw e;
      }
      const bar = progressBar("seed inspection");
      try {
        const result = await seedInspection(db.shared, seedSubjects(opts.scale, opts.seed, opts.asOf), {
          reset: opts.reset,
          onProgress: (p) => bar.update(p.done, p.total, p.phase),
        });
        bar.stop();
        const rows = Object.entries(result.rows).map(([t, n]) => `  ${t}: ${n.toLocaleString("vi-VN")}`);
        out(`seeded inspection ${opts.scale} (seed ${opts.seed}, ${result.fromYear} to ${result.asOf}) in ${(result.milliseconds / 1000).toFixed(1)} s\n${rows.join("\n")}`);
      } catch (e) {
        if (e instanceof InspectionSeedError) throw new CliInputError("seed", `${e.message} (--reset)`);
        throw e;
      } finally {
        bar.stop();
        await db.close();
      }
    });

  operator
    .command("import")
    .description("import members or organizations from a CSV or XLSX file (all rows or none)")
    .addArgument(operator.createArgument("<kind>", "members | orgs").choices(["members", "orgs"]))
    .argument("<file>", "a .csv or .xlsx file in the template of docs/import-template.md")
    .requiredOption("--actor <name>", "who you are (operator-declared: recorded in the audit trail with your OS user, not checked)")
    .option("--sheet <name>", "XLSX: the sheet to read (default: the first visible sheet)")
    .option("--limit <name=value>", `a read limit over its default, repeatable (${Object.keys(DEFAULT_READ_LIMITS).join(", ")})`, collectLimit, {})
    .action(async (kind: "members" | "orgs", file: string, opts: { actor: string; sheet?: string; limit: Partial<ReadLimits> }) => {
      requireFile(file);
      const actor = operatorActor(opts.actor);
      const bar = progressBar(`import ${kind}`);
      // What was read (sheet, encoding, separator) goes to stderr, beside the progress bar.
      const source: FileSource = { path: file, sheet: opts.sheet, limits: opts.limit, onNotice: (m) => process.stderr.write(`${m.vi} / ${m.en}\n`) };
      const result = await withDatabase(
        (db, signal) =>
          kind === "members"
            ? importMembers(db, source, { actor, signal, onProgress: (p) => bar.update(p.rowsRead, p.rowsRead, p.phase) })
            : importOrganizations(db, source, { actor, signal }),
        { backup: true },
      ).finally(() => bar.stop());
      bar.stop();
      if (!result.ok) return setExit(printRejected(result));
      out(`Đã nhập ${result.imported} ${kind === "members" ? "đảng viên" : "tổ chức"} / imported ${result.imported} ${kind === "members" ? "members" : "organizations"} (${result.orgPath}, import ${result.importId})`);
    });

  operator
    .command("export")
    .description("export members or organizations of a subtree in the import template")
    .addArgument(operator.createArgument("<kind>", "members | orgs").choices(["members", "orgs"]))
    .argument("<file>", "a .csv or .xlsx file to write")
    .option("--org <path>", "organization path of the subtree, e.g. /01/", "/")
    .action(async (kind: "members" | "orgs", file: string, opts: { org: string }) => {
      const bar = progressBar(`export ${kind}`);
      const n = await withDatabase((db, signal) =>
        (kind === "members" ? exportMembers : exportOrganizations)(db, { path: file }, { orgPath: opts.org, signal, onProgress: (r) => bar.update(r, r) }),
      ).finally(() => bar.stop());
      bar.stop();
      out(`exported ${n} ${kind === "members" ? "members" : "organizations"} to ${file}`);
    });

  const audit = operator.command("audit").description("nhật ký kiểm toán / the audit trail");
  audit
    .command("verify")
    .description("kiểm tra chuỗi băm của nhật ký kiểm toán so với mốc neo đã ký mới nhất / check a service's audit hash chain against its latest signed anchor (exit 1 on tampering)")
    .addOption(new Option("--service <service>", "the service whose database to check").choices(AUDITED_SERVICES).makeOptionMandatory())
    .option("--anchors <dir>", "the service's AUDIT_ANCHOR_DIR (default: $AUDIT_ANCHOR_DIR, else <data root>/audit-anchors)")
    .option("--public-key <file>", "the anchors' Ed25519 public key, obtained separately (default: <anchors>/<service>.pub.pem)")
    .option("--database-url <url>", "PostgreSQL URL of that service (default: $DATABASE_URL; unset: its embedded database)")
    .option("--allow-unanchored", "check the chain alone when there is no anchor file", false)
    .option("--json", "print JSON", false)
    .action(async (opts: { service: AuditedService; anchors?: string; publicKey?: string; databaseUrl?: string; allowUnanchored: boolean; json: boolean }) => {
      const verifyOpts = { service: opts.service, anchorDir: opts.anchors ?? defaultAnchorDirFor(membershipDataDir()), publicKeyFile: opts.publicKey, allowUnanchored: opts.allowUnanchored };
      const databaseUrl = opts.databaseUrl ?? process.env.DATABASE_URL ?? "";
      let report;
      if (opts.service === "membership") {
        const db = await openMembershipDatabase({ databaseUrl, migrate: false });
        try {
          report = await verifyServiceAudit(db, verifyOpts);
        } finally {
          await db.close();
        }
      } else {
        const db = await (opts.service === "conference" ? openConferenceDatabase : openInspectionDatabase)({ databaseUrl });
        try {
          report = await verifyServiceAudit(db.prisma, verifyOpts);
        } finally {
          await db.close();
        }
      }
      out(opts.json ? JSON.stringify(report, null, 2) : formatAuditReport(report));
      if (!report.result.ok) setExit(1);
    });

  const report = operator.command("report").description("reports, read from the database")
  report
    .command("annual")
    .description("the annual report of a subtree")
    .requiredOption("--org <path>", "organization path, e.g. / (whole country) or /01/")
    .requiredOption("--year <year>", "report year", integer("--year", MIN_YEAR, MAX_YEAR))
    .option("--json", "print JSON instead of the table", false)
    .action(async (opts: { org: string; year: number; json: boolean }) => {
      const r = await withDatabase((db) => buildAnnualReport(db, { orgPath: opts.org, year: opts.year }));
      out(opts.json ? JSON.stringify(r, null, 2) : formatAnnualReport(r));
    });

}
