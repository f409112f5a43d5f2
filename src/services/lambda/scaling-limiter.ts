/**
 * How fast a function may add execution environments. Two models:
 *
 * - `rate` (AWS's current behaviour, the default): each function may add up to 1,000
 *   environments every 10 seconds, refilled continuously, unused capacity not carried over.
 *   https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html
 * - `burst` (AWS's older model, still how many teams size their tests): an initial burst shared
 *   by the account's functions in a Region (3,000, 1,000 or 500 by Region), then 500 more
 *   environments a minute.
 *
 * Both are token buckets on the injected clock: a new environment takes a token; an invocation
 * that finds a warm environment takes none. Without a token the invocation is throttled.
 */
import type { Clock } from "../../core/clock.js";
import type { LambdaScalingModel as ScalingModel } from "../../core/settings.js";

const RATE = { capacity: 1000, perMs: 1000 / 10_000 };
const BURST_REFILL_PER_MS = 500 / 60_000;

/** The older regional burst quotas. */
const REGION_BURST: Record<string, number> = {
  "us-east-1": 3000,
  "us-west-2": 3000,
  "eu-west-1": 3000,
  "ap-northeast-1": 1000,
  "eu-central-1": 1000,
  "us-east-2": 1000,
};
const OTHER_REGION_BURST = 500;

interface Bucket {
  tokens: number;
  at: number;
}

export class ScalingLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: Clock,
    readonly model: ScalingModel = { kind: "rate" },
  ) {}

  /** Takes a token for one new environment; false when the function may not scale now. */
  take(accountId: string, region: string, functionName: string): boolean {
    const { key, capacity, perMs } = this.bucketOf(accountId, region, functionName);
    const now = this.clock.now();
    const b = this.buckets.get(key) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + Math.max(0, now - b.at) * perMs);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  private bucketOf(accountId: string, region: string, functionName: string): { key: string; capacity: number; perMs: number } {
    if (this.model.kind === "rate") return { key: `${accountId}/${region}/${functionName}`, ...RATE };
    const capacity = this.model.initial ?? REGION_BURST[region] ?? OTHER_REGION_BURST;
    return { key: `${accountId}/${region}`, capacity, perMs: BURST_REFILL_PER_MS };
  }
}

/** Parses `rate`, `burst` or `burst:<initial>` (the CLI's --lambda-scaling). */
export function parseScalingModel(text: string): ScalingModel | undefined {
  if (text === "rate") return { kind: "rate" };
  if (text === "burst") return { kind: "burst" };
  const m = /^burst:(\d+)$/.exec(text);
  if (m && Number(m[1]) >= 1) return { kind: "burst", initial: Number(m[1]) };
  return undefined;
}
