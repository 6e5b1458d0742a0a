import { Writable } from "node:stream";
import { createLogger } from "../src/index.js";

/** A real pino logger whose lines are kept in memory, so tests can assert what was (not) logged. */
export function memoryLogger(name = "test") {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      cb();
    },
  });
  const logger = createLogger({ name, level: "debug", destination });
  return {
    logger,
    lines,
    text: () => lines.join("\n"),
    entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
