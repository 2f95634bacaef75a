/**
 * Slows down password guessing: after `maxFailures` failed sign-ins for the same user
 * name from the same address within `windowMs`, further attempts are refused until
 * the window has passed. In memory; a restart forgets it, which is acceptable for a
 * single-process server.
 */
export interface LoginThrottleOptions {
  maxFailures?: number;
  windowMs?: number;
  now?: () => Date;
}

interface Entry {
  failures: number;
  since: number;
}

export class LoginThrottle {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly #now: () => Date;
  readonly #entries = new Map<string, Entry>();

  constructor(options: LoginThrottleOptions = {}) {
    this.maxFailures = options.maxFailures ?? 10;
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.#now = options.now ?? (() => new Date());
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry && this.#now().getTime() - entry.since >= this.windowMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Seconds until the next attempt is allowed, or 0 when it is allowed now. */
  retryAfterSeconds(key: string): number {
    const entry = this.#live(key);
    if (!entry || entry.failures < this.maxFailures) return 0;
    return Math.max(1, Math.ceil((entry.since + this.windowMs - this.#now().getTime()) / 1000));
  }

  fail(key: string): void {
    const entry = this.#live(key);
    if (entry) entry.failures += 1;
    else {
      if (this.#entries.size >= 10_000) this.#prune();
      this.#entries.set(key, { failures: 1, since: this.#now().getTime() });
    }
  }

  succeed(key: string): void {
    this.#entries.delete(key);
  }

  #prune(): void {
    for (const key of [...this.#entries.keys()]) this.#live(key);
    // Still full: drop the oldest entries (Map keeps insertion order).
    for (const key of this.#entries.keys()) {
      if (this.#entries.size < 5_000) break;
      this.#entries.delete(key);
    }
  }
}
