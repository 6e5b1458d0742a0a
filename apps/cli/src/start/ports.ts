// Before starting anything: every port must be free, or we say which one is taken (and by what, when the
// port answers HTTP), instead of letting a child fail with EADDRINUSE halfway through the start.
import { createServer } from "node:net";
import { type Part, portEnv } from "./config.js";

export function portFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once("error", () => resolve(false));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

async function whoAnswers(port: number, host: string): Promise<string> {
  try {
    const res = await fetch(`http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
    const body = (await res.text()).slice(0, 120);
    const service = /"service"\s*:\s*"([^"]+)"/.exec(body)?.[1];
    return service ? ` (an orgboard ${service} answers there: is orgboard already running?)` : "";
  } catch {
    return "";
  }
}

/** The parts whose port is taken, each with a line saying so. */
export async function takenPorts(ports: Record<Part, number>, host: string): Promise<string[]> {
  const lines: string[] = [];
  for (const [part, port] of Object.entries(ports) as [Part, number][]) {
    if (await portFree(port, host)) continue;
    lines.push(`port ${port} (${part}) is already in use${await whoAnswers(port, host)}; stop what uses it or set ${portEnv(part)}`);
  }
  return lines;
}
