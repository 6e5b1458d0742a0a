// Keycloak's brute-force detection (its DefaultBruteForceProtector, strategy "multiple"), for the built-in
// provider's client authentication (per client id) and the VNeID simulator's login (per client address).
// Hand-written: no library implements Keycloak's rule, and the realm file's settings must mean here what
// they mean in Keycloak (docs/security.md, "Limits").

/** The realm file's settings (Keycloak's names and units). */
export interface BruteForceSettings {
  /** `bruteForceProtected` */
  enabled: boolean;
  /** `permanentLockout`: Keycloak disables the user; here it is taken as the longest temporary lockout. */
  permanentLockout: boolean;
  /** `failureFactor`: failures per step of the lockout. */
  failureFactor: number;
  /** `waitIncrementSeconds`: lockout added at every `failureFactor` failures. */
  waitIncrementSeconds: number;
  /** `quickLoginCheckMilliSeconds`: a failure this soon after the previous one is "quick"… */
  quickLoginCheckMilliSeconds: number;
  /** `minimumQuickLoginWaitSeconds`: …and locks for at least this long. */
  minimumQuickLoginWaitSeconds: number;
  /** `maxFailureWaitSeconds`: the longest lockout. */
  maxFailureWaitSeconds: number;
  /** `maxDeltaTimeSeconds`: failures are forgotten after this long without one. */
  maxDeltaTimeSeconds: number;
}

/** Keycloak's defaults (used for a setting the realm file leaves out). */
export const KEYCLOAK_BRUTE_FORCE_DEFAULTS: BruteForceSettings = {
  enabled: false,
  permanentLockout: false,
  failureFactor: 30,
  waitIncrementSeconds: 60,
  quickLoginCheckMilliSeconds: 1000,
  minimumQuickLoginWaitSeconds: 60,
  maxFailureWaitSeconds: 900,
  maxDeltaTimeSeconds: 43_200,
};

interface Failures {
  count: number;
  lastFailureMs: number;
  notBeforeMs: number;
}

/** Most keys remembered; the least recently failed are forgotten first (memory stays bounded under a flood of made-up keys). */
const MAX_KEYS = 10_000;

export class BruteForceDetector {
  private readonly failures = new Map<string, Failures>();

  constructor(
    readonly settings: BruteForceSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until `key` may try again; 0 when it is not locked out. */
  lockedForSeconds(key: string): number {
    if (!this.settings.enabled) return 0;
    const f = this.failures.get(key);
    if (!f) return 0;
    const left = f.notBeforeMs - this.now();
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  /**
   * A failed attempt by `key` (not made while locked out: those are refused unchecked and do not count,
   * as in Keycloak).
   */
  failure(key: string): void {
    if (!this.settings.enabled) return;
    const s = this.settings;
    const now = this.now();
    const f = this.failures.get(key) ?? { count: 0, lastFailureMs: 0, notBeforeMs: 0 };
    const delta = f.lastFailureMs > 0 ? now - f.lastFailureMs : 0;
    if (delta > s.maxDeltaTimeSeconds * 1000) f.count = 0;
    f.count += 1;
    let wait = s.waitIncrementSeconds * Math.floor(f.count / s.failureFactor);
    if (wait === 0 && f.lastFailureMs > 0 && delta < s.quickLoginCheckMilliSeconds) wait = s.minimumQuickLoginWaitSeconds;
    if (s.permanentLockout && f.count >= s.failureFactor) wait = s.maxFailureWaitSeconds;
    f.lastFailureMs = now;
    if (wait > 0) f.notBeforeMs = now + Math.min(s.maxFailureWaitSeconds, wait) * 1000;
    // Re-inserted last: the map's order is the order of the last failures.
    this.failures.delete(key);
    this.failures.set(key, f);
    if (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value!);
  }

  /** A successful attempt: its failures are forgotten (Keycloak's successful login). */
  success(key: string): void {
    this.failures.delete(key);
  }
}
