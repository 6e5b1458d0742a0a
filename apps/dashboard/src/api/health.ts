import { readyUrl } from "./client.js";

export type ServiceHealth = "up" | "down" | "unknown";
export type HealthMap = Readonly<Record<string, ServiceHealth>>;

/**
 * Polls each service's /readyz. A service that is down greys out only its own panels; the rest of the
 * dashboard keeps working. A failed call also marks its service down at once (markDown), without
 * waiting for the next poll.
 */
export class HealthMonitor {
  private health: HealthMap;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly services: Readonly<Record<string, string>>,
    private readonly intervalMs = 5000,
    private readonly fetchImpl: typeof fetch = (...a) => fetch(...a),
  ) {
    this.health = Object.fromEntries(Object.keys(services).map((k) => [k, "unknown" as const]));
  }

  readonly getState = (): HealthMap => this.health;
  readonly subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  start(): void {
    void this.pollAll();
    this.timer = setInterval(() => void this.pollAll(), this.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  markDown(service: string): void {
    this.set(service, "down");
  }

  async pollAll(): Promise<void> {
    await Promise.all(Object.keys(this.services).map((s) => this.poll(s)));
  }

  private async poll(service: string): Promise<void> {
    const base = this.services[service];
    if (!base) return;
    try {
      const res = await this.fetchImpl(readyUrl(base), { cache: "no-store", signal: AbortSignal.timeout(3000) });
      this.set(service, res.ok ? "up" : "down");
    } catch {
      this.set(service, "down");
    }
  }

  private set(service: string, h: ServiceHealth): void {
    if (this.health[service] === h) return;
    this.health = { ...this.health, [service]: h };
    for (const l of this.listeners) l();
  }
}
