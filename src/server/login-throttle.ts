/**
 * Slows down password guessing. A {@link LoginThrottle} counts failed sign-ins per key:
 * after `freeFailures` failures each further attempt must wait a growing delay after
 * the last failure (`baseDelayMs`, doubled with every failure, at most `maxDelayMs`);
 * after `maxFailures` failures attempts are refused until `windowMs` has passed since
 * the last failure. A quiet `windowMs` forgets the key.
 *
 * {@link SignInThrottle} combines three of them, so that neither one address trying
 * many names nor many addresses trying one name get far:
 * - per user name and address: 3 free failures, delays from 1 s, locked after 10;
 * - per address (any name): 20 free failures, delays up to 5 minutes, locked after 100;
 * - per user name (any address): 10 free failures, delays up to 1 minute, never locked,
 *   so that strangers cannot lock a colleague out for long.
 * Refused attempts are not counted. In memory; a restart forgets it, which is
 * acceptable for a single-process server.
 */
export interface LoginThrottleOptions {
  /** Failures after which attempts are refused until the window has passed. Default 10. */
  maxFailures?: number;
  /** How long a key is remembered after its last failure (and the lock lasts). Default 15 min. */
  windowMs?: number;
  /** Failures that cost nothing; from then on the growing delay applies. Default 3. */
  freeFailures?: number;
  /** The first delay; it doubles with every further failure. Default 1 s. */
  baseDelayMs?: number;
  /** The longest delay. Default 60 s. */
  maxDelayMs?: number;
  now?: () => Date;
}

interface Entry {
  failures: number;
  last: number;
}

const MAX_KEYS = 10_000;

export class LoginThrottle {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly freeFailures: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly #now: () => Date;
  readonly #entries = new Map<string, Entry>();

  constructor(options: LoginThrottleOptions = {}) {
    this.maxFailures = options.maxFailures ?? 10;
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.freeFailures = options.freeFailures ?? 3;
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
    this.#now = options.now ?? (() => new Date());
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry && this.#now().getTime() - entry.last >= this.windowMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** The wait after the last failure that `failures` failures have earned (ms). */
  delayAfter(failures: number): number {
    if (failures >= this.maxFailures) return this.windowMs;
    if (failures < this.freeFailures) return 0;
    return Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(30, failures - this.freeFailures));
  }

  /** Seconds until the next attempt is allowed, or 0 when it is allowed now. */
  retryAfterSeconds(key: string): number {
    const entry = this.#live(key);
    if (!entry) return 0;
    const wait = entry.last + this.delayAfter(entry.failures) - this.#now().getTime();
    return wait > 0 ? Math.max(1, Math.ceil(wait / 1000)) : 0;
  }

  fail(key: string): void {
    const entry = this.#live(key);
    const at = this.#now().getTime();
    if (entry) {
      entry.failures += 1;
      entry.last = at;
      // Keep the Map ordered by last failure, so pruning drops the stalest keys.
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    } else {
      if (this.#entries.size >= MAX_KEYS) this.#prune();
      this.#entries.set(key, { failures: 1, last: at });
    }
  }

  succeed(key: string): void {
    this.#entries.delete(key);
  }

  /** Keys currently remembered (for tests and monitoring). */
  get size(): number {
    return this.#entries.size;
  }

  #prune(): void {
    for (const key of [...this.#entries.keys()]) this.#live(key);
    // Still full: drop the entries with the oldest last failure (Map keeps insertion order).
    for (const key of this.#entries.keys()) {
      if (this.#entries.size < MAX_KEYS / 2) break;
      this.#entries.delete(key);
    }
  }
}

export interface SignInThrottleOptions extends LoginThrottleOptions {
  /** Limits for one address whatever the name (defaults: 20 free, up to 5 min, locked after 100). */
  perAddress?: Omit<LoginThrottleOptions, 'now'>;
  /** Limits for one name whatever the address (defaults: 10 free, up to 1 min, never locked). */
  perUser?: Omit<LoginThrottleOptions, 'now'>;
}

/** The three throttles of the sign-in (the top-level options configure the name-and-address one). */
export class SignInThrottle {
  readonly pair: LoginThrottle;
  readonly address: LoginThrottle;
  readonly user: LoginThrottle;

  constructor(options: SignInThrottleOptions = {}) {
    const { perAddress, perUser, ...pair } = options;
    const now = options.now ? { now: options.now } : {};
    this.pair = new LoginThrottle(pair);
    this.address = new LoginThrottle({ freeFailures: 20, maxDelayMs: 5 * 60_000, maxFailures: 100, ...perAddress, ...now });
    this.user = new LoginThrottle({ freeFailures: 10, maxDelayMs: 60_000, maxFailures: Number.POSITIVE_INFINITY, ...perUser, ...now });
  }

  static #keys(ip: string, username: string): [string, string, string] {
    const name = username.trim().toLowerCase();
    return [`${ip}|${name}`, ip, name];
  }

  /** Seconds until this address may try this name again (0: now). */
  retryAfterSeconds(ip: string, username: string): number {
    const [pair, address, user] = SignInThrottle.#keys(ip, username);
    return Math.max(this.pair.retryAfterSeconds(pair), this.address.retryAfterSeconds(address), this.user.retryAfterSeconds(user));
  }

  fail(ip: string, username: string): void {
    const [pair, address, user] = SignInThrottle.#keys(ip, username);
    this.pair.fail(pair);
    this.address.fail(address);
    this.user.fail(user);
  }

  /**
   * A successful sign-in clears the name's counters; the address keeps its count (it
   * decays with the window), so a valid account cannot be used to reset it between guesses.
   */
  succeed(ip: string, username: string): void {
    const [pair, , user] = SignInThrottle.#keys(ip, username);
    this.pair.succeed(pair);
    this.user.succeed(user);
  }
}
