// orgboard: the command line of the membership data layer (seed, import, export, report, migrate).
// Data goes to stdout, progress and errors to stderr. Exit codes: 0 ok, 1 failure, 2 bad input.
import { existsSync } from "node:fs";
import { userInfo } from "node:os";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import {
  buildAnnualReport,
  exportMembers,
  exportOrganizations,
  formatAnnualReport,
  importMembers,
  importOrganizations,
  openMembershipDatabase,
  SEED_SCALES,
  seedDatabase,
  type Database,
  type ImportResult,
  type SeedScale,
} from "@orgboard/membership";
import { MAX_YEAR, MIN_YEAR } from "@orgboard/contract-membership";
import { registerSimulateCommand } from "./simulate/index.js";
import { registerStartCommand } from "./start/index.js";
import { CliInputError, EXIT_BAD_INPUT, EXIT_OK, reportError } from "./errors.js";
import { progressBar } from "./progress.js";

const out = (s: string) => process.stdout.write(s.endsWith("\n") ? s : `${s}\n`);

async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openMembershipDatabase();
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

const integer = (name: string, min: number, max: number) => (value: string) => {
  if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`${name} must be a whole number, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new InvalidArgumentError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
};

const isoDate = (value: string) => {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value) ?? null;
  const iso = m ? `${m[3]}-${m[2]}-${m[1]}` : value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(Date.parse(`${iso}T00:00:00Z`))) {
    throw new InvalidArgumentError(`"${value}" is not a date (dd/mm/yyyy or yyyy-mm-dd)`);
  }
  return iso;
};

function requireFile(file: string): string {
  if (!existsSync(file)) throw new CliInputError("FILE", `no such file: ${file}`);
  return file;
}

function printRejected(result: Extract<ImportResult, { ok: false }>): number {
  const err = process.stderr;
  err.write(`Không nhập được: ${result.rejectedCount} lỗi trong ${result.rows} dòng; chưa nhập dòng nào.\n`);
  err.write(`Import refused: ${result.rejectedCount} problem(s) in ${result.rows} row(s); nothing was imported.\n`);
  err.write("dòng/row\tcột/column\tlý do/reason\n");
  for (const r of result.rejected) err.write(`${r.row}\t${r.column}\t${r.reason}\n`);
  if (result.rejected.length < result.rejectedCount) err.write(`… ${result.rejectedCount - result.rejected.length} more\n`);
  return EXIT_BAD_INPUT;
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command("orgboard")
    .description("orgboard membership data: seed, import, export, reports (DATABASE_URL or the embedded database)")
    .showHelpAfterError()
    .exitOverride();

  program
    .command("migrate")
    .description("apply pending database migrations")
    .action(async () => {
      const db = await openMembershipDatabase({ migrate: false });
      try {
        // @orgboard/db's runner (Prisma's ledger, advisory lock), the same one the service runs on open.
        const { applied, edited } = await db.migrate();
        out(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
        if (edited.length) process.stderr.write(`warning: applied migrations edited since (not re-applied): ${edited.join(", ")}\n`);
      } finally {
        await db.close();
      }
    });

  program
    .command("seed")
    .description("load a deterministic synthetic dataset on the real administrative units")
    .addOption(new Option("--scale <scale>", "demo (3 provinces, ~5,000 members) | province | national (~5.6 million)").choices(SEED_SCALES).default("demo"))
    .option("--seed <n>", "seed of the generator: same seed, same rows", integer("--seed", 0, 2 ** 31 - 1), 1)
    .option("--as-of <date>", "the day the data describes", isoDate)
    .option("--reset", "delete the existing membership data first", false)
    .action(async (opts: { scale: SeedScale; seed: number; asOf?: string; reset: boolean }) => {
      const bar = progressBar("seed");
      try {
        const result = await withDatabase((db) =>
          seedDatabase(db, {
            scale: opts.scale,
            seed: opts.seed,
            asOf: opts.asOf,
            reset: opts.reset,
            onProgress: (p) => bar.update(p.done, p.total, p.phase),
          }),
        );
        bar.stop();
        const rows = Object.entries(result.rows).map(([t, n]) => `  ${t}: ${n.toLocaleString("vi-VN")}`);
        out(`seeded ${result.scale} (seed ${result.seed}, as of ${result.asOf}) in ${(result.milliseconds / 1000).toFixed(1)} s\n${rows.join("\n")}`);
      } catch (e) {
        bar.stop();
        if (e instanceof Error && e.name === "SeedError") throw new CliInputError("seed", `${e.message} (--reset)`);
        throw e;
      }
    });

  program
    .command("import")
    .description("import members or organizations from a CSV or XLSX file (all rows or none)")
    .addArgument(program.createArgument("<kind>", "members | orgs").choices(["members", "orgs"]))
    .argument("<file>", "a .csv or .xlsx file in the template of docs/import-template.md")
    .option("--actor <name>", "who imports (audit record)", `cli:${userInfo().username}`)
    .action(async (kind: "members" | "orgs", file: string, opts: { actor: string }) => {
      requireFile(file);
      const bar = progressBar(`import ${kind}`);
      const result = await withDatabase((db) =>
        kind === "members"
          ? importMembers(db, { path: file }, { actor: opts.actor, onProgress: (p) => bar.update(p.rowsRead, p.rowsRead, p.phase) })
          : importOrganizations(db, { path: file }, { actor: opts.actor }),
      );
      bar.stop();
      if (!result.ok) return setExit(printRejected(result));
      out(`Đã nhập ${result.imported} ${kind === "members" ? "đảng viên" : "tổ chức"} / imported ${result.imported} ${kind === "members" ? "members" : "organizations"} (${result.orgPath}, import ${result.importId})`);
    });

  program
    .command("export")
    .description("export members or organizations of a subtree in the import template")
    .addArgument(program.createArgument("<kind>", "members | orgs").choices(["members", "orgs"]))
    .argument("<file>", "a .csv or .xlsx file to write")
    .option("--org <path>", "organization path of the subtree, e.g. /01/", "/")
    .action(async (kind: "members" | "orgs", file: string, opts: { org: string }) => {
      const bar = progressBar(`export ${kind}`);
      const n = await withDatabase((db) =>
        (kind === "members" ? exportMembers : exportOrganizations)(db, { path: file }, { orgPath: opts.org, onProgress: (r) => bar.update(r, r) }),
      );
      bar.stop();
      out(`exported ${n} ${kind === "members" ? "members" : "organizations"} to ${file}`);
    });

  const report = program.command("report").description("reports");
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

  registerStartCommand(program, setExit);
  registerSimulateCommand(program, setExit);

  return program;
}

export async function main(argv = process.argv): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram((code) => (exitCode = code));
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander already printed its message (and the help) to stderr.
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") return EXIT_OK;
      return EXIT_BAD_INPUT;
    }
    return reportError(err);
  }
}

