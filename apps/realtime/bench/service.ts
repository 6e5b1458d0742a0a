// The event-producing service of the benchmark, in its own process: the probe service (server-kit +
// @orgboard/events over PostgreSQL when BENCH_SERVICE_DATABASE_URL is set, else an in-memory PGlite),
// named "conference" so events look like the real ones.
import { startProbeService } from "../test/support/probe-service.js";

const svc = await startProbeService({
  name: "conference",
  port: Number(process.env.PORT),
  ...(process.env.BENCH_SERVICE_DATABASE_URL ? { databaseUrl: process.env.BENCH_SERVICE_DATABASE_URL } : {}),
  issuer: process.env.OIDC_ISSUER!,
  jwksUrl: process.env.OIDC_JWKS_URL!,
});
process.send?.({ ready: svc.url });
process.on("SIGTERM", () => {
  void svc.stop().then(() => process.exit(0));
});
