/**
 * Concurrency: the account's limit (1,000 by default) is shared by every function without
 * reserved concurrency; a function with reserved concurrency runs at most that many at once
 * (0 throttles every invocation). Over the limit, a synchronous invocation is refused with
 * 429 TooManyRequestsException and the Reason that applies. An invocation that needs a new
 * execution environment also needs the scaling limiter's consent (scaling-limiter.ts).
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html
 */
import { LambdaErrors } from "./errors.js";
import type { ScalingLimiter } from "./scaling-limiter.js";
import { functionKey, type FunctionRecord } from "./types.js";

export class Concurrency {
  private readonly inFlight = new Map<string, number>();

  constructor(
    readonly accountLimit: number,
    private readonly functionsOf: (accountId: string, region: string) => FunctionRecord[],
    private readonly scaling: ScalingLimiter,
  ) {}

  /** Capacity left for functions without a reservation. */
  unreserved(accountId: string, region: string): number {
    const reserved = this.functionsOf(accountId, region).reduce((sum, f) => sum + (f.reservedConcurrency ?? 0), 0);
    return this.accountLimit - reserved;
  }

  /**
   * Takes a slot or throws TooManyRequestsException; returns the function that gives it back.
   * `startsEnvironment`: no warm environment is free, so this invocation adds one.
   */
  acquire(fn: FunctionRecord, startsEnvironment: boolean): () => void {
    const slot = this.tryAcquire(fn, startsEnvironment);
    if ("reason" in slot) throw LambdaErrors.tooManyRequests(slot.reason);
    return slot.release;
  }

  /** Takes a slot, or says why the invocation is throttled. */
  tryAcquire(fn: FunctionRecord, startsEnvironment: boolean): { release: () => void } | { reason: string } {
    const reason = this.refusal(fn);
    if (reason) return { reason };
    // AWS reports a function that cannot scale fast enough as a concurrency throttle.
    if (startsEnvironment && !this.scaling.take(fn.accountId, fn.region, fn.name)) return { reason: "ConcurrentInvocationLimitExceeded" };
    const key = keyOf(fn);
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const n = (this.inFlight.get(key) ?? 1) - 1;
        if (n <= 0) this.inFlight.delete(key);
        else this.inFlight.set(key, n);
      },
    };
  }

  /** Why an invocation would be throttled by a concurrency limit now, if it would. */
  private refusal(fn: FunctionRecord): string | undefined {
    if (fn.reservedConcurrency !== undefined) {
      return this.running(fn) >= fn.reservedConcurrency ? "ReservedFunctionConcurrentInvocationLimitExceeded" : undefined;
    }
    const shared = this.functionsOf(fn.accountId, fn.region)
      .filter((f) => f.reservedConcurrency === undefined)
      .reduce((sum, f) => sum + this.running(f), 0);
    return shared >= this.unreserved(fn.accountId, fn.region) ? "ConcurrentInvocationLimitExceeded" : undefined;
  }

  running(fn: FunctionRecord): number {
    return this.inFlight.get(keyOf(fn)) ?? 0;
  }
}

function keyOf(fn: FunctionRecord): string {
  return functionKey(fn.accountId, fn.region, fn.name);
}
