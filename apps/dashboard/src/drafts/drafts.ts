// In-progress form drafts live in sessionStorage (per tab, survives the redirect to the login page and
// back), so an expired or revoked session never costs an official what they typed. Drafts are keyed by
// the official's subject: another official signing in in the same tab does not see them.
const PREFIX = "orgboard.draft.";

export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

export class Drafts {
  constructor(
    private readonly storage: DraftStorage,
    private readonly subject: string,
  ) {}

  private fullKey(key: string): string {
    return `${PREFIX}${this.subject}.${key}`;
  }

  load<T>(key: string): T | undefined {
    const raw = this.storage.getItem(this.fullKey(key));
    if (raw === null) return undefined;
    try {
      return JSON.parse(raw) as T;
    } catch {
      this.storage.removeItem(this.fullKey(key));
      return undefined;
    }
  }

  save(key: string, value: unknown): void {
    try {
      this.storage.setItem(this.fullKey(key), JSON.stringify(value));
    } catch {
      // Storage full or disabled: the form still works, only the safety net is gone.
    }
  }

  clear(key: string): void {
    this.storage.removeItem(this.fullKey(key));
  }

  /** Drop drafts left in this tab by another official (called after sign-in). */
  dropOthers(): void {
    const mine = `${PREFIX}${this.subject}.`;
    const stale: string[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const k = this.storage.key(i);
      if (k?.startsWith(PREFIX) && !k.startsWith(mine)) stale.push(k);
    }
    for (const k of stale) this.storage.removeItem(k);
  }

  /** Keys (without prefix) of this official's saved drafts. */
  keys(): string[] {
    const mine = `${PREFIX}${this.subject}.`;
    const out: string[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const k = this.storage.key(i);
      if (k?.startsWith(mine)) out.push(k.slice(mine.length));
    }
    return out;
  }
}
