import { clientCredentials, createTokenVerifier, type TokenSource } from "@orgboard/auth";
import { consumeEventStream } from "@orgboard/events";
import { createLogger, type Logger } from "@orgboard/server-kit";
import pg from "pg";
import { PgBus } from "./adapters.js";
import { FileCheckpointStore, PgCheckpointStore, type CheckpointStore } from "./checkpoint.js";
import { checkpointFile, socketLimitsFromConfig, type RealtimeConfig } from "./config.js";
import { ServiceConsumer, type StreamSource } from "./consumer.js";
import { createGateway, type Gateway } from "./gateway.js";
import { LocalLeases, PgAdvisoryLeases, type LeaseManager } from "./lease.js";

export interface RealtimeServer {
  gateway: Gateway;
  consumers: ServiceConsumer[];
  logger: Logger;
  /** Listens, then (unless `consume: false`) starts consuming the service streams. */
  start(opts?: { handleSignals?: boolean; consume?: boolean }): Promise<{ url: string; port: number }>;
  /** Starts consuming (when start() was told not to). */
  startConsumers(): void;
  /** Graceful: stop consuming (checkpoints flushed), close sockets, release leases, close the database. */
  stop(): Promise<void>;
}

/** The tRPC stream of one service, through @orgboard/events' consumer (reconnects, resumes, dedupes). */
export function trpcStreamSource(opts: { name: string; url: string; getToken: TokenSource; logger?: Logger }): StreamSource {
  return ({ fromId, signal, onEvent }) =>
    consumeEventStream({
      url: opts.url,
      path: `${opts.name}.events.stream`,
      getToken: opts.getToken,
      fromId,
      signal,
      onEvent,
      onError: (err) => opts.logger?.warn({ service: opts.name, err: err instanceof Error ? err.message : String(err) }, "event stream error"),
    }).done;
}

export interface CreateRealtimeServerOptions {
  /** Overrides the client-credentials token source (tests). */
  getServiceToken?: TokenSource;
  logger?: Logger;
}

export function createRealtimeServer(config: RealtimeConfig, opts: CreateRealtimeServerOptions = {}): RealtimeServer {
  const logger = opts.logger ?? createLogger({ name: "realtime", level: config.LOG_LEVEL });
  const verifier = createTokenVerifier({
    issuer: config.OIDC_ISSUER,
    audience: config.OIDC_AUDIENCE,
    ...(config.OIDC_JWKS_URL ? { jwksUrl: config.OIDC_JWKS_URL } : {}),
  });

  let gatewayRef: Gateway | null = null;
  let pool: pg.Pool | null = null;
  let bus: PgBus | null = null;
  let checkpoints: CheckpointStore;
  let leases: LeaseManager;
  if (config.DATABASE_URL) {
    pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE });
    pool.on("error", (err) => logger.warn({ err: err.message }, "idle PostgreSQL connection error"));
    bus = new PgBus(pool, {
      channel: config.REALTIME_BUS_CHANNEL,
      onError: (err) => logger.warn({ err: err instanceof Error ? err.message : String(err) }, "realtime bus error"),
      // Broadcasts from the other instances may have been lost while we were cut off.
      onGap: () => {
        logger.warn("realtime bus reconnected: asking local sockets to reload a snapshot");
        gatewayRef?.requireSnapshotLocally("gap");
      },
    });
    checkpoints = new PgCheckpointStore(pool);
    leases = new PgAdvisoryLeases(pool, {
      namespace: config.REALTIME_LEASE_NAMESPACE,
      retryMs: config.REALTIME_LEASE_RETRY_MS,
      onError: (err) => logger.warn({ err: err instanceof Error ? err.message : String(err) }, "stream lease error"),
    });
  } else {
    checkpoints = new FileCheckpointStore(checkpointFile(config));
    leases = new LocalLeases();
  }

  const gateway = createGateway({
    verifier,
    adapter: bus ? { kind: "postgres", bus } : { kind: "memory" },
    maxDisconnectionMs: config.REALTIME_MAX_DISCONNECTION_MS,
    maxReplayPackets: config.REALTIME_MAX_REPLAY_PACKETS,
    corsOrigins: config.CORS_ORIGINS,
    logger,
    limits: socketLimitsFromConfig(config),
    health: async () => {
      const details: Record<string, unknown> = {
        mode: bus ? "postgres" : "embedded",
        services: Object.fromEntries(
          consumers.map((c) => [
            c.service,
            { state: c.state, lastEventId: c.lastEventId, pushed: c.pushed, lastError: c.lastError, lagMs: c.lagMs() },
          ]),
        ),
      };
      if (!pool || !bus) return { ready: true, details };
      await pool.query("SELECT 1");
      return { ready: bus.connected, details };
    },
  });
  gatewayRef = gateway;

  const getToken: TokenSource =
    opts.getServiceToken ??
    clientCredentials({
      tokenUrl: config.OIDC_TOKEN_URL ?? `${config.OIDC_ISSUER.replace(/\/+$/, "")}/protocol/openid-connect/token`,
      clientId: config.OIDC_CLIENT_ID,
      clientSecret: config.OIDC_CLIENT_SECRET ?? "",
    });

  const consumers = config.REALTIME_SERVICES.map(
    (s) =>
      new ServiceConsumer({
        service: s.name,
        source: trpcStreamSource({ name: s.name, url: s.url, getToken, logger }),
        checkpoints,
        leases,
        publish: (service, event) => gateway.publish(service, event),
        logger,
      }),
  );

  let stopping: Promise<void> | null = null;
  const signalHandlers: [NodeJS.Signals, () => void][] = [];

  async function doStop(): Promise<void> {
    for (const [sig, fn] of signalHandlers) process.off(sig, fn);
    // Consumers first: what was pushed is checkpointed before the sockets go.
    await Promise.all(consumers.map((c) => c.stop()));
    await leases.close();
    await gateway.close();
    await bus?.close();
    await pool?.end();
    logger.info("stopped");
  }

  return {
    gateway,
    consumers,
    logger,
    startConsumers() {
      for (const c of consumers) c.start();
    },
    async start({ handleSignals = true, consume = true } = {}) {
      if (checkpoints instanceof PgCheckpointStore) await checkpoints.init();
      await bus?.start();
      const address = await gateway.listen(config.PORT, config.HOST);
      logger.info({ url: address.url, mode: bus ? "postgres" : "embedded", services: config.REALTIME_SERVICES.map((s) => s.name) }, "listening");
      if (consume) for (const c of consumers) c.start();
      if (handleSignals) {
        for (const sig of ["SIGTERM", "SIGINT"] as const) {
          const fn = () => {
            logger.info({ signal: sig }, "shutting down");
            this.stop().then(
              () => process.exit(0),
              (err: unknown) => {
                logger.error({ err }, "shutdown failed");
                process.exit(1);
              },
            );
          };
          process.once(sig, fn);
          signalHandlers.push([sig, fn]);
        }
      }
      return address;
    },
    stop() {
      stopping ??= doStop();
      return stopping;
    },
  };
}
