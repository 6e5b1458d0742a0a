// What `orgboard start` runs, where: embedded defaults, each overridable by an environment variable.
import { isAbsolute, resolve } from "node:path";
import { repoRoot } from "./paths.js";

// Start order within the list is not implied: start/index.ts waits for each part's dependencies.
export const PARTS = ["identity", "membership", "conference", "inspection", "personnel", "restructuring", "realtime", "dashboard"] as const;
export type Part = (typeof PARTS)[number];

export const DEFAULT_PORTS: Record<Part, number> = { identity: 8190, membership: 3001, conference: 3002, inspection: 3003, personnel: 3004, restructuring: 3005, realtime: 3010, dashboard: 5173 };
export const portEnv = (part: Part) => `ORGBOARD_${part.toUpperCase()}_PORT`;

export interface StartConfig {
  host: string;
  ports: Record<Part, number>;
  /** Embedded data: <dataDir>/<service>/ (default .data/ at the repository root). */
  dataDir: string;
  urls: Record<Part, string>;
  /** `<identity>/realms/orgboard`: the issuer every service verifies. */
  issuer: string;
  /** Load demo data into empty databases (membership, inspection and personnel seeds, a scheduled conference). */
  demo: boolean;
  /**
   * The administrative units the demo data stands on: "2025" (default), or "2024" (63 provinces with district
   * committees, as of 30/06/2025) to replay the 2025 restructuring (`orgboard restructure plan …`).
   */
  demoUnits: "2024" | "2025";
}

export class StartConfigError extends Error {
  override name = "StartConfigError";
}

export function startConfig(env: Record<string, string | undefined> = process.env, opts: { demo?: boolean; units?: "2024" | "2025" } = {}): StartConfig {
  const host = env.ORGBOARD_HOST || "127.0.0.1";
  const problems: string[] = [];
  const ports = {} as Record<Part, number>;
  for (const part of PARTS) {
    const raw = env[portEnv(part)];
    const n = raw === undefined || raw === "" ? DEFAULT_PORTS[part] : Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 65535) problems.push(`${portEnv(part)}: phải là số cổng (1-65535) / must be a port number (1-65535), got "${raw}"`);
    ports[part] = n;
  }
  const seen = new Map<number, Part>();
  for (const part of PARTS) {
    const other = seen.get(ports[part]);
    if (other) problems.push(`${portEnv(part)}: trùng cổng ${ports[part]} với ${portEnv(other)} / ${portEnv(part)} and ${portEnv(other)} are both ${ports[part]}`);
    seen.set(ports[part], part);
  }
  const units = opts.units ?? (env.ORGBOARD_DEMO_UNITS || "2025");
  if (units !== "2024" && units !== "2025") problems.push(`ORGBOARD_DEMO_UNITS: phải là 2024 hoặc 2025 / must be 2024 or 2025, got "${units}"`);
  if (problems.length) throw new StartConfigError(problems.join("\n"));
  const dataDir = env.ORGBOARD_DATA_DIR ? (isAbsolute(env.ORGBOARD_DATA_DIR) ? env.ORGBOARD_DATA_DIR : resolve(env.ORGBOARD_DATA_DIR)) : resolve(repoRoot(), ".data");
  // Browsers and services reach everything on this machine; 0.0.0.0 is a bind address, not a URL host.
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  const urls = Object.fromEntries(PARTS.map((p) => [p, `http://${urlHost}:${ports[p]}`])) as Record<Part, string>;
  return {
    host,
    ports,
    dataDir,
    urls,
    issuer: `${urls.identity}/realms/orgboard`,
    demo: opts.demo ?? env.ORGBOARD_DEMO !== "0",
    demoUnits: units as "2024" | "2025",
  };
}
