// orgboard-contract-gate [check] [--base <git ref>] [--root <dir>] [service…]
// orgboard-contract-gate record [--root <dir>] [service…]
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { checkPackage, discoverContractPackages, recordPackage, type ContractPackage } from "./gate.js";

const USAGE = `usage: orgboard-contract-gate [check] [--base <git ref>] [--root <dir>] [service…]
       orgboard-contract-gate record [--root <dir>] [service…]

check   compares every packages/contract-* package's contract with its recorded snapshots (exit 1 on failure)
record  writes snapshots/<version>.json for contracts whose version is not recorded yet (never overwrites)
--base  a git ref (e.g. origin/main): recorded snapshots must be unchanged since it; default: since first committed
--root  the repository root (default: the current directory)`;

const SYMBOL = { ok: "✓", fail: "✗", skip: "–", note: "!" } as const;

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { base: { type: "string" }, root: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [first, ...rest] = positionals;
  const command = first === "record" || first === "check" ? first : "check";
  const names = first === "record" || first === "check" ? rest : positionals;
  const root = resolve(values.root ?? process.cwd());
  const all = discoverContractPackages(root);
  const wanted = (p: ContractPackage) => names.length === 0 || names.some((n) => p.name === n || p.rel.endsWith(`contract-${n}`) || p.rel.endsWith(n));
  const packages = all.filter(wanted);
  if (names.length > 0 && packages.length === 0) {
    console.error(`no contract package matches ${names.join(", ")} under ${root}/packages`);
    return 1;
  }
  if (packages.length === 0) {
    console.log(`contracts: không có gói packages/contract-* nào / no packages/contract-* package under ${root}: nothing to check`);
    return 0;
  }

  if (command === "record") {
    let failed = 0;
    for (const pkg of packages) {
      const r = await recordPackage(pkg);
      if (!r.ok) failed++;
      (r.ok ? console.log : console.error)(`${r.ok ? SYMBOL.ok : SYMBOL.fail} ${r.text}`);
    }
    return failed > 0 ? 1 : 0;
  }

  let failed = 0;
  for (const pkg of packages) {
    const report = await checkPackage(root, pkg, { base: values.base });
    if (report.failed) failed++;
    const title = report.service ? `${report.service} ${report.version}` : pkg.name;
    console.log(`\n${title} (${pkg.rel})`);
    for (const l of report.lines) console.log(`  ${SYMBOL[l.level]} ${l.text}`);
    console.log(`  → ${report.failed ? "FAILED" : "ok"}`);
  }
  const passed = packages.length - failed;
  console.log(`\ncontracts: ${passed} đạt / passed, ${failed} lỗi / failed`);
  return failed > 0 ? 1 : 0;
}
