/**
 * Token buckets on the injected clock, as API Gateway throttles: a bucket holds up to `burst`
 * tokens, refills at `rate` tokens a second, and each request takes one. A bucket is identified
 * by its scope and its limits, so changing a limit starts a full bucket of the new size.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 */
import type { Clock } from "../../../core/clock.js";

export interface Limit {
  /** Tokens added per second. */
  rate: number;
  /** The bucket's size; 0 refuses every request. */
  burst: number;
}

export interface BucketRequest {
  scope: string;
  limit: Limit;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly clock: Clock) {}

  /**
   * Takes one token from every bucket named, or none when any of them is empty (a request
   * refused at one level does not use up another level's capacity).
   */
  takeAll(requests: BucketRequest[]): boolean {
    const now = this.clock.now();
    const buckets = requests.map((r) => this.refill(`${r.scope}|${r.limit.rate}|${r.limit.burst}`, r.limit, now));
    if (buckets.some((b) => b.tokens < 1)) return false;
    for (const b of buckets) b.tokens -= 1;
    return true;
  }

  clear(): void {
    this.buckets.clear();
  }

  private refill(id: string, limit: Limit, now: number): Bucket {
    let b = this.buckets.get(id);
    if (!b) {
      b = { tokens: limit.burst, at: now };
      this.buckets.set(id, b);
    }
    b.tokens = Math.min(limit.burst, b.tokens + (Math.max(0, now - b.at) * limit.rate) / 1000);
    b.at = now;
    return b;
  }
}
