// infra/keycloak's start and stop scripts trust their pid file only while the pid is Keycloak (#9): after a
// reboot or a crash the recorded pid may be any other process. Real processes: a stranger (`sleep`) must be
// neither taken for a running Keycloak nor killed; a process whose command line names Keycloak is.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const dir = resolve(import.meta.dirname, "../../../infra/keycloak");
const started: ChildProcess[] = [];
const caches: string[] = [];

afterEach(() => {
  for (const p of started.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill("SIGKILL");
  for (const c of caches.splice(0)) rmSync(c, { recursive: true, force: true });
});

/** A live process; `argv0` is what its command line starts with (bash's exec -a). */
function startProcess(argv0: string): ChildProcess {
  const p = spawn("bash", ["-c", `exec -a ${argv0} sleep 60`], { stdio: "ignore" });
  started.push(p);
  return p;
}
const alive = (p: ChildProcess) => p.exitCode === null && p.signalCode === null && spawnSync("kill", ["-0", String(p.pid)]).status === 0;

function cacheWithPid(pid: number): { cache: string; pidfile: string } {
  const cache = mkdtempSync(join(tmpdir(), "kc-cache-"));
  caches.push(cache);
  const pidfile = join(cache, "keycloak.pid");
  writeFileSync(pidfile, `${pid}\n`);
  return { cache, pidfile };
}

async function waitForCmdline(p: ChildProcess, text: string) {
  for (let i = 0; i < 100; i++) {
    if (existsSync(`/proc/${p.pid}/cmdline`) && readFileSync(`/proc/${p.pid}/cmdline`, "utf8").includes(text)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`process ${p.pid} never showed ${text}`);
}

const helper = (pidfile: string) => spawnSync("bash", ["-c", `. "${dir}/keycloak-pid.sh"; keycloak_pid "${pidfile}"`], { encoding: "utf8" });

describe("the Keycloak pid file", () => {
  it("is stale when its pid is another process: not running, the file removed", async () => {
    const stranger = startProcess("sleep");
    await waitForCmdline(stranger, "sleep");
    const { pidfile } = cacheWithPid(stranger.pid!);
    const r = helper(pidfile);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`pid ${stranger.pid} is another process now`);
    expect(existsSync(pidfile)).toBe(false);
  });

  it("is trusted while its pid is Keycloak", async () => {
    const kc = startProcess("/opt/keycloak-26.7.3/bin/kc.sh");
    await waitForCmdline(kc, "keycloak");
    const { pidfile } = cacheWithPid(kc.pid!);
    const r = helper(pidfile);
    expect([r.status, r.stdout.trim()]).toEqual([0, String(kc.pid)]);
    expect(existsSync(pidfile)).toBe(true);
  });

  it("is stale when its pid is gone, or not a number", () => {
    const { pidfile } = cacheWithPid(2 ** 22 + 12345);
    expect(helper(pidfile).status).toBe(1);
    expect(existsSync(pidfile)).toBe(false);
    writeFileSync(pidfile, "$(touch /tmp/x)\n");
    expect(helper(pidfile).status).toBe(1);
    expect(existsSync(pidfile)).toBe(false);
  });

  it("stop-keycloak.sh kills no stranger, and stops a Keycloak", async () => {
    const stranger = startProcess("sleep");
    await waitForCmdline(stranger, "sleep");
    const { cache, pidfile } = cacheWithPid(stranger.pid!);
    const stop = () => spawnSync(join(dir, "stop-keycloak.sh"), { env: { ...process.env, KEYCLOAK_CACHE_DIR: cache }, encoding: "utf8" });
    const r = stop();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("No Keycloak running");
    expect(alive(stranger)).toBe(true);
    expect(existsSync(pidfile)).toBe(false);

    const kc = startProcess("keycloak-quarkus-server");
    await waitForCmdline(kc, "quarkus");
    writeFileSync(pidfile, `${kc.pid}\n`);
    const exited = new Promise((r) => kc.once("exit", r));
    // Not spawnSync: this process must stay free to reap its child, or the script would wait on a zombie.
    const out = await new Promise<string>((res, rej) => {
      const p = spawn(join(dir, "stop-keycloak.sh"), { env: { ...process.env, KEYCLOAK_CACHE_DIR: cache } });
      let text = "";
      p.stdout.on("data", (d: Buffer) => (text += d.toString()));
      p.once("error", rej);
      p.once("exit", () => res(text));
    });
    expect(out).toContain("Keycloak stopped");
    await exited;
    expect(existsSync(pidfile)).toBe(false);
  });

  it("run-keycloak.sh refuses a second start while the pid is Keycloak", async () => {
    const kc = startProcess("keycloak-quarkus-server");
    await waitForCmdline(kc, "quarkus");
    const { cache } = cacheWithPid(kc.pid!);
    const r = spawnSync(join(dir, "run-keycloak.sh"), { env: { ...process.env, KEYCLOAK_CACHE_DIR: cache }, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Keycloak already running (pid ${kc.pid})`);
  });
});
