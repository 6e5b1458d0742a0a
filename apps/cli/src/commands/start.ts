// `orgboard start`: slot for the whole-system start (services, realtime, dashboard), wired by the lead.
// Until then it says so and exits 1.
export interface StartOptions {
  [key: string]: unknown;
}

export function start(_options: StartOptions): Promise<number> {
  process.stderr.write("orgboard start: not wired yet; use `pnpm start` at the repository root\n");
  return Promise.resolve(1);
}
