/**
 * Runs invocations: takes a concurrency slot, hands the invocation to the execution engine,
 * and gives the slot back. Asynchronous invocations are queued durably (async-queue.ts).
 */
import type { AsyncQueue } from "./async-queue.js";
import type { Concurrency } from "./concurrency.js";
import type { ResolvedVersion } from "./functions.js";
import type { LambdaService } from "./lambda-service.js";
import { runtimeSpec } from "./runtime-spec.js";
import type { InvokeRequest, InvokeResult } from "./runtime/types.js";

export class Invoker {
  constructor(
    private readonly lambda: LambdaService,
    readonly concurrency: Concurrency,
    private readonly queue: AsyncQueue,
  ) {}

  /** Throws TooManyRequestsException when over a concurrency limit. */
  async invokeSync(resolved: ResolvedVersion, request: InvokeRequest): Promise<InvokeResult> {
    const spec = runtimeSpec(this.lambda, resolved);
    const release = this.concurrency.acquire(resolved.fn, !this.lambda.engine.hasIdle(spec.poolKey));
    try {
      return await this.lambda.engine.invoke(spec, request);
    } finally {
      release();
    }
  }

  /** Stores an Event invocation before answering; it runs from the queue with retries. */
  enqueue(resolved: ResolvedVersion, payload: Buffer, requestId: string): Promise<void> {
    return this.queue.enqueue(resolved, payload, requestId);
  }
}
