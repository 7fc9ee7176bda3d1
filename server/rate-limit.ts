/**
 * Per-token token buckets, in this process's memory. Behind a load balancer each process keeps
 * its own buckets, so the effective limit is the configured one times the number of processes;
 * the limit exists to stop a runaway client, not to meter, so that is good enough and stateless.
 */
export interface RateLimitOptions {
  /** Sustained requests per minute per token. */
  perMinute: number;
  /** Requests a token may make at once after being idle. */
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perMinute: 600, burst: 120 };

/**
 * Failed authentications per client address: a burst for a mistyped token or a restart of many
 * browsers behind one address, then a slow trickle, so forged tokens cannot be tried by the
 * thousand (each would cost a database look-up).
 */
export const DEFAULT_AUTH_FAILURE_LIMIT: RateLimitOptions = { perMinute: 10, burst: 30 };

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept before idle (full) ones are swept, bounding memory under many tokens. */
const SWEEP_AT = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(private readonly options: RateLimitOptions) {
    this.perMs = options.perMinute / 60_000;
  }

  /** Takes one request from the key's bucket: 0 when allowed, else the seconds to wait. */
  take(key: string, now: number): number {
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }

  /** The seconds the key must wait before its next request, without taking one (0: it may go). */
  waitFor(key: string, now: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const tokens = Math.min(this.options.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000));
  }

  private refilled(key: string, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= SWEEP_AT) this.sweep(now);
      bucket = { tokens: this.options.burst, at: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    return bucket;
  }

  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.options.burst) this.buckets.delete(key);
    }
  }
}
