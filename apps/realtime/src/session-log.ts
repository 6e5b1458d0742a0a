import type { BroadcastOptions, PrivateSessionId, Room, Session } from "socket.io-adapter";

/**
 * What connection state recovery needs, for any adapter: the sessions of sockets that dropped, and the
 * packets broadcast since, so a socket that comes back within the window gets exactly what it missed.
 * (socket.io's own SessionAwareAdapter does this for the in-memory adapter only; the cluster adapters we
 * can use with PostgreSQL do not, see docs/realtime.md.)
 */
export interface SessionLogOptions {
  maxDisconnectionMs: number;
  /** Oldest packets are dropped past this count (a client that far behind reloads a snapshot). */
  maxPackets?: number;
  /** Last check before a session is restored (e.g. its access token must not have expired). */
  isRestorable?: (session: StoredSession) => boolean;
}

export interface StoredSession {
  sid: string;
  pid: PrivateSessionId;
  rooms: Room[];
  data: unknown;
  disconnectedAt: number;
}

interface StoredPacket {
  seq: number;
  offset: string;
  rooms: Set<Room>;
  except: Set<Room>;
  data: unknown[];
  at: number;
}

export class SessionLog {
  private readonly sessions = new Map<PrivateSessionId, StoredSession>();
  private packets: StoredPacket[] = [];
  private readonly seqByOffset = new Map<string, number>();
  private nextSeq = 0;
  private readonly maxPackets: number;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly opts: SessionLogOptions) {
    this.maxPackets = opts.maxPackets ?? 200_000;
    this.timer = setInterval(() => this.expire(), Math.min(60_000, Math.max(1_000, opts.maxDisconnectionMs / 4)));
    this.timer.unref();
  }

  get packetCount(): number {
    return this.packets.length;
  }
  get sessionCount(): number {
    return this.sessions.size;
  }

  /** Records a broadcast packet whose data already ends with its offset. */
  record(offset: string, data: unknown[], opts: BroadcastOptions): void {
    const seq = this.nextSeq++;
    this.packets.push({ seq, offset, rooms: opts.rooms, except: opts.except ?? new Set(), data, at: Date.now() });
    this.seqByOffset.set(offset, seq);
    if (this.packets.length > this.maxPackets) this.dropOldest(this.packets.length - this.maxPackets);
  }

  persist(session: { sid: string; pid: PrivateSessionId; rooms: Room[]; data: unknown }): void {
    this.sessions.set(session.pid, { ...session, disconnectedAt: Date.now() });
  }

  restore(pid: PrivateSessionId, offset: string): Session | null {
    const session = this.sessions.get(pid);
    if (!session) return null;
    this.sessions.delete(pid); // one use: a second reconnection with the same pid starts afresh
    if (session.disconnectedAt + this.opts.maxDisconnectionMs < Date.now()) return null;
    if (this.opts.isRestorable && !this.opts.isRestorable(session)) return null;
    const seq = this.seqByOffset.get(offset);
    const first = this.packets[0];
    // The client's last offset must still be in the log; otherwise packets between are gone.
    if (seq === undefined || !first || seq < first.seq) return null;
    const missedPackets: unknown[][] = [];
    const rooms = session.rooms;
    for (let i = seq - first.seq + 1; i < this.packets.length; i++) {
      const p = this.packets[i]!;
      const included = p.rooms.size === 0 || rooms.some((r) => p.rooms.has(r));
      const excluded = rooms.some((r) => p.except.has(r));
      if (included && !excluded) missedPackets.push(p.data);
    }
    return { sid: session.sid, pid: session.pid, rooms: session.rooms, data: session.data, missedPackets };
  }

  close(): void {
    clearInterval(this.timer);
    this.sessions.clear();
    this.packets = [];
    this.seqByOffset.clear();
  }

  private expire(): void {
    const threshold = Date.now() - this.opts.maxDisconnectionMs;
    for (const [pid, s] of this.sessions) if (s.disconnectedAt < threshold) this.sessions.delete(pid);
    let n = 0;
    while (n < this.packets.length && this.packets[n]!.at < threshold) n++;
    if (n > 0) this.dropOldest(n);
  }

  private dropOldest(n: number): void {
    for (const p of this.packets.slice(0, n)) this.seqByOffset.delete(p.offset);
    this.packets = this.packets.slice(n);
  }
}

/** Offsets only need to be unique within the log: `<server uid>-<counter>` (base 36 keeps them short). */
export function offsetGenerator(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${(n++).toString(36)}`;
}
