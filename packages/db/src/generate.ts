import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

import { DbError } from "./errors.js";

/** Environment for the Prisma CLI on a machine that cannot download engines. */
export function offlinePrismaEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    // A schema engine that exits at once: `generate` never needs it, and any command that would try to
    // download the native engine fails fast instead of hanging on the network.
    PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    PRISMA_DISABLE_WARNINGS: base.PRISMA_DISABLE_WARNINGS ?? "",
  };
}

export function prismaCliPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("prisma/package.json")), "build", "index.js");
}

export interface GenerateOptions {
  /** The service folder (where prisma/ lives). */
  cwd: string;
  schemaPath: string;
  /** Where Prisma's output goes; default: inherit. */
  stdio?: "inherit" | "pipe";
}

/** `prisma generate` offline. Resolves with Prisma's output when piped. */
export function generateClient(options: GenerateOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCliPath(), "generate", "--schema", options.schemaPath], {
      cwd: options.cwd,
      env: offlinePrismaEnv(),
      stdio: options.stdio === "pipe" ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", (error) => reject(new DbError("ORG_DB_GENERATE", `cannot run prisma: ${error.message}`)));
    child.on("close", (code) => {
      if (code === 0) resolve(output);
      else {
        const last = output.trim().split("\n").filter(Boolean).slice(-3).join(" ");
        reject(new DbError("ORG_DB_GENERATE", `prisma generate failed (exit ${code})${last ? `: ${last}` : ""}`));
      }
    });
  });
}
