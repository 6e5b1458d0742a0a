import type pg from "pg";
import {
  Adapter,
  ClusterAdapterWithHeartbeat,
  MessageType,
  type BroadcastOptions,
  type ClusterAdapterOptions,
  type ClusterMessage,
  type ClusterResponse,
  type Offset,
  type PrivateSessionId,
  type Room,
  type ServerId,
  type Session,
} from "socket.io-adapter";
import { createTableOnce, SerialClient } from "./pg-util.js";
import { offsetGenerator, SessionLog, type SessionLogOptions } from "./session-log.js";

// socket.io hands adapters its Namespace; typing it here would drag socket.io's internals in.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Nsp = any;
interface Packet {
  type: number;
  id?: number;
  data: unknown[];
}

/** Only event packets without an ack and not volatile can be replayed (socket.io's own rule). */
function isReplayable(packet: Packet, opts: BroadcastOptions): boolean {
  return packet.type === 2 && packet.id === undefined && opts.flags?.volatile === undefined;
}

/**
 * The embedded default: socket.io's in-memory adapter plus our SessionLog, which is socket.io's
 * SessionAwareAdapter with two additions: a session whose token has expired is not restored, and the
 * packet log is capped.
 */
export function memoryAdapter(log: SessionLogOptions): new (nsp: Nsp) => Adapter {
  // socket.io instantiates the adapter with `new`.
  return class extends MemoryRecoveryAdapter {
    constructor(nsp: Nsp) {
      super(nsp, new SessionLog(log));
    }
  };
}

class MemoryRecoveryAdapter extends Adapter {
  private readonly nextOffset = offsetGenerator(Date.now().toString(36));
  constructor(
    nsp: Nsp,
    readonly log: SessionLog,
  ) {
    super(nsp);
  }
  override broadcast(packet: Packet, opts: BroadcastOptions): void {
    if (isReplayable(packet, opts)) {
      const offset = this.nextOffset();
      packet.data.push(offset); // the client reads its last offset from the end of each event's data
      this.log.record(offset, packet.data, opts);
    }
    super.broadcast(packet, opts);
  }
  override persistSession(session: { sid: string; pid: PrivateSessionId; rooms: Room[]; data: unknown }): void {
    this.log.persist(session);
  }
  override restoreSession(pid: PrivateSessionId, offset: string): Promise<Session> {
    return Promise.resolve(this.log.restore(pid, offset) as Session);
  }
  override close(): void {
    this.log.close();
  }
}

export interface PgBusOptions {
  /** LISTEN/NOTIFY channel shared by every gateway instance. */
  channel?: string;
  /** Table for payloads over NOTIFY's 8000-byte limit. */
  attachmentsTable?: string;
  payloadThreshold?: number;
  attachmentTtlMs?: number;
  onError?: (err: unknown) => void;
  /** The listener lost its connection: notifications sent meanwhile are lost (tell local sockets). */
  onGap?: () => void;
  reconnectDelayMs?: number;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * The cross-instance bus behind the PostgreSQL adapter: one connection LISTENs, one connection sends.
 * Why not @socket.io/postgres-adapter (see docs/realtime.md): it has no connection state recovery, and it
 * sends through a pool and fetches large payloads asynchronously, so two events can overtake each
 * other, while dashboards fold each service's events by increasing id. Here both directions are FIFO.
 */
export class PgBus {
  private readonly channel: string;
  private readonly table: string;
  private readonly threshold: number;
  private listener: pg.PoolClient | null = null;
  private publisher: SerialClient | null = null;
  private publisherConnecting: Promise<SerialClient> | null = null;
  private inbound: Promise<void> = Promise.resolve();
  private readonly adapters = new Map<string, PgClusterAdapter>();
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly cleanupTimer: NodeJS.Timeout;
  private closed = false;
  private everConnected = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly opts: PgBusOptions = {},
  ) {
    this.channel = opts.channel ?? "orgboard_realtime";
    this.table = opts.attachmentsTable ?? "realtime_adapter_attachments";
    if (!IDENT.test(this.channel) || !IDENT.test(this.table)) throw new Error("PgBus: channel and table must be plain identifiers");
    this.threshold = opts.payloadThreshold ?? 7900;
    const ttl = opts.attachmentTtlMs ?? 60_000;
    this.cleanupTimer = setInterval(() => {
      this.pool.query(`DELETE FROM ${this.table} WHERE created_at < now() - make_interval(secs => $1)`, [ttl / 1000]).catch((e) => this.error(e));
    }, ttl);
    this.cleanupTimer.unref();
  }

  get connected(): boolean {
    return this.listener !== null;
  }

  async start(): Promise<void> {
    await createTableOnce(
      this.pool,
      this.table,
      `CREATE TABLE IF NOT EXISTS ${this.table} (id bigserial PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(), payload text NOT NULL)`,
    );
    await this.listen();
  }

  register(adapter: PgClusterAdapter): void {
    this.adapters.set(adapter.namespace, adapter);
  }
  unregister(adapter: PgClusterAdapter): void {
    if (this.adapters.get(adapter.namespace) === adapter) this.adapters.delete(adapter.namespace);
  }

  /** Sends in call order on one connection, so every listener sees the same order. */
  async publish(message: ClusterMessage | ClusterResponse): Promise<void> {
    const client = await this.getPublisher();
    const payload = JSON.stringify(message);
    if (Buffer.byteLength(payload) <= this.threshold) {
      await client.query("SELECT pg_notify($1, $2)", [this.channel, payload]);
      return;
    }
    // One statement, so it keeps its place in the connection's FIFO.
    await client.query(
      `WITH a AS (INSERT INTO ${this.table} (payload) VALUES ($1) RETURNING id)
       SELECT pg_notify($2, json_build_object('uid', $3::text, 'nsp', $4::text, 'type', $5::int, 'attachmentId', a.id)::text) FROM a`,
      [payload, this.channel, message.uid, message.nsp, message.type],
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.cleanupTimer);
    await this.inbound.catch(() => undefined);
    const l = this.listener;
    this.listener = null;
    if (l) {
      l.removeAllListeners("notification");
      l.removeAllListeners("end");
      l.removeAllListeners("error");
      await l.query(`UNLISTEN ${this.channel}`).catch(() => undefined);
      l.release();
    }
    const p = this.publisher;
    this.publisher = null;
    p?.connection.release();
  }

  private error(err: unknown): void {
    this.opts.onError?.(err);
  }

  private getPublisher(): Promise<SerialClient> {
    if (this.publisher) return Promise.resolve(this.publisher);
    this.publisherConnecting ??= this.pool
      .connect()
      .then((connection) => {
        const client = new SerialClient(connection);
        const drop = (err?: unknown) => {
          if (err) this.error(err);
          if (this.publisher === client) {
            this.publisher = null;
            connection.release(true);
          }
        };
        connection.on("error", drop);
        connection.on("end", () => drop());
        this.publisher = client;
        return client;
      })
      .finally(() => {
        this.publisherConnecting = null;
      });
    return this.publisherConnecting;
  }

  private async listen(): Promise<void> {
    const client = await this.pool.connect();
    const lost = (err?: unknown) => {
      if (err) this.error(err);
      if (this.listener !== client) return;
      this.listener = null;
      client.release(true);
      this.scheduleReconnect();
    };
    client.on("error", lost);
    client.on("end", () => lost());
    client.on("notification", (msg) => {
      if (msg.channel !== this.channel || msg.payload === undefined) return;
      const raw = msg.payload;
      // Serialized: a large payload fetched from the table must not be overtaken by the next small one.
      this.inbound = this.inbound.then(() => this.deliver(raw)).catch((e) => this.error(e));
    });
    await client.query(`LISTEN ${this.channel}`);
    this.listener = client;
    if (this.everConnected) this.opts.onGap?.();
    this.everConnected = true;
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    this.reconnectTimer = setTimeout(() => {
      this.listen().catch((e) => {
        this.error(e);
        this.scheduleReconnect();
      });
    }, this.opts.reconnectDelayMs ?? 1000);
  }

  private async deliver(raw: string): Promise<void> {
    let message = JSON.parse(raw) as (ClusterMessage | ClusterResponse) & { attachmentId?: string | number };
    if (message.attachmentId !== undefined) {
      const r = await this.pool.query<{ payload: string }>(`SELECT payload FROM ${this.table} WHERE id = $1`, [message.attachmentId]);
      const row = r.rows[0];
      if (!row) throw new Error(`realtime bus: attachment ${message.attachmentId} is gone`);
      message = JSON.parse(row.payload) as ClusterMessage;
    }
    this.adapters.get(message.nsp)?.onMessage(message as ClusterMessage);
  }
}

export interface PgAdapterOptions extends ClusterAdapterOptions {
  /** Connection state recovery settings; null when recovery is off. */
  recovery: SessionLogOptions | null;
}

/** A socket.io cluster adapter over PgBus, with connection state recovery (per instance, sticky sessions). */
export function pgAdapter(bus: PgBus, opts: PgAdapterOptions): new (nsp: Nsp) => PgClusterAdapter {
  return class extends PgClusterAdapter {
    constructor(nsp: Nsp) {
      super(nsp, bus, opts);
    }
  };
}

export class PgClusterAdapter extends ClusterAdapterWithHeartbeat {
  readonly log: SessionLog | null;
  readonly namespace: string;
  private readonly nextOffset: () => string;
  private readonly offsets = new WeakMap<object, string>();

  constructor(
    nsp: Nsp,
    private readonly bus: PgBus,
    opts: PgAdapterOptions,
  ) {
    super(nsp, opts);
    this.namespace = (nsp as { name: string }).name;
    this.log = opts.recovery ? new SessionLog(opts.recovery) : null;
    this.nextOffset = offsetGenerator(this.uid);
    bus.register(this);
  }

  protected override async doPublish(message: ClusterMessage): Promise<Offset> {
    let offset = "";
    if (message.type === MessageType.BROADCAST && message.data.requestId === undefined) {
      offset = this.nextOffset();
      (message.data as { offset?: string }).offset = offset;
      this.offsets.set(message.data.packet as object, offset);
    }
    await this.bus.publish(message);
    return offset;
  }

  protected override doPublishResponse(_requesterUid: ServerId, response: ClusterResponse): Promise<void> {
    return this.bus.publish(response);
  }

  override async broadcast(packet: Packet, opts: BroadcastOptions): Promise<void> {
    await super.broadcast(packet, opts);
    const offset = this.offsets.get(packet);
    // super.broadcast appended the offset to packet.data when recovery is on and the packet replayable.
    if (offset && this.log && isReplayable(packet, opts) && packet.data[packet.data.length - 1] === offset) {
      this.log.record(offset, packet.data, opts);
    }
  }

  override onMessage(message: ClusterMessage, offset?: string): void {
    if (message.type !== MessageType.BROADCAST || message.data.requestId !== undefined || message.uid === this.uid) {
      super.onMessage(message, offset);
      return;
    }
    const own = (message.data as { offset?: string }).offset;
    super.onMessage(message, own ?? offset);
    const packet = message.data.packet as Packet;
    const o = message.data.opts;
    const opts: BroadcastOptions = { rooms: new Set(o.rooms), except: new Set(o.except), flags: o.flags };
    if (own && this.log && isReplayable(packet, opts) && packet.data[packet.data.length - 1] === own) {
      this.log.record(own, packet.data, opts);
    }
  }

  override persistSession(session: { sid: string; pid: PrivateSessionId; rooms: Room[]; data: unknown }): void {
    this.log?.persist(session);
  }

  override restoreSession(pid: PrivateSessionId, offset: string): Promise<Session> {
    return Promise.resolve((this.log?.restore(pid, offset) ?? null) as Session);
  }

  override close(): void {
    super.close();
    this.log?.close();
    this.bus.unregister(this);
  }
}
