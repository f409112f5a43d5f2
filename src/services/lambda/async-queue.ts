/**
 * Asynchronous (Event) invocations. Each event is a durable scheduler job: stored before the
 * caller hears 202, run when due, and re-armed after a restart. A function error is retried
 * MaximumRetryAttempts times (default 2), one minute and then two minutes later; a throttled
 * event waits and retries with backoff without spending an attempt; an event older than
 * MaximumEventAgeInSeconds (default 6 hours) is discarded. Successes and final failures go to
 * the configured destinations, and failures to the function's dead-letter queue.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html
 */
import type { Scheduler } from "../../core/scheduler.js";
import { isServiceError } from "../../core/errors.js";
import { asJson, deliverRecord, deliverToDeadLetterQueue, type Condition } from "./destinations.js";
import type { ResolvedVersion } from "./functions.js";
import type { LambdaService } from "./lambda-service.js";
import { functionArn } from "./names.js";
import { runtimeSpec } from "./runtime-spec.js";
import { traceId } from "./trace-id.js";
import type { EventInvokeConfig, FunctionRecord } from "./types.js";
import type { InvokeResult } from "./runtime/types.js";
import type { Concurrency } from "./concurrency.js";

export const ASYNC_INVOKE_JOB = "lambda.async-invoke";
export const DEFAULT_MAX_RETRY_ATTEMPTS = 2;
export const DEFAULT_MAX_EVENT_AGE_SECONDS = 21_600;
/** Waits before the first and second retry of a failed event. */
const RETRY_DELAYS_MS = [60_000, 120_000];
/** Throttled events back off from 1 second up to 5 minutes. */
const THROTTLE_BACKOFF_MIN_MS = 1_000;
const THROTTLE_BACKOFF_MAX_MS = 300_000;

interface AsyncEvent {
  requestId: string;
  accountId: string;
  region: string;
  functionName: string;
  /** The qualifier the caller used ("" when unqualified): selects the event invoke config. */
  qualifier: string;
  payload: string;
  enqueuedAt: number;
  /** Invocations that ran (not counting throttles). */
  attempts: number;
  throttles: number;
}

export class AsyncQueue {
  constructor(
    private readonly lambda: LambdaService,
    private readonly scheduler: Scheduler,
    private readonly concurrency: Concurrency,
  ) {
    scheduler.register(ASYNC_INVOKE_JOB, (job) => this.run(job.payload as AsyncEvent));
  }

  async enqueue(resolved: ResolvedVersion, payload: Buffer, requestId: string): Promise<void> {
    const qualifier = resolved.invokedArn === functionArn(resolved.fn) ? "" : resolved.invokedArn.slice(functionArn(resolved.fn).length + 1);
    const event: AsyncEvent = {
      requestId,
      accountId: resolved.fn.accountId,
      region: resolved.fn.region,
      functionName: resolved.fn.name,
      qualifier,
      payload: payload.toString("base64"),
      enqueuedAt: this.lambda.clock.now(),
      attempts: 0,
      throttles: 0,
    };
    await this.schedule(event, event.enqueuedAt);
  }

  private schedule(event: AsyncEvent, dueAt: number): Promise<string> {
    return this.scheduler.schedule({ id: `lambda-async:${event.requestId}`, kind: ASYNC_INVOKE_JOB, dueAt, payload: event });
  }

  private async run(event: AsyncEvent): Promise<void> {
    const { lambda } = this;
    const fn = lambda.functions.find({ accountId: event.accountId, region: event.region, name: event.functionName });
    if (!fn) {
      lambda.logger.warn(`lambda: dropping event ${event.requestId}: function ${event.functionName} no longer exists`);
      return;
    }
    const config = this.invokeConfig(fn, event.qualifier);
    const now = lambda.clock.now();
    const maxAge = (config?.MaximumEventAgeInSeconds ?? DEFAULT_MAX_EVENT_AGE_SECONDS) * 1000;
    const payload = Buffer.from(event.payload, "base64");
    if (now - event.enqueuedAt >= maxAge) return this.fail(fn, event, config, "EventAgeExceeded", undefined, payload);
    let resolved: ResolvedVersion;
    try {
      resolved = lambda.functions.resolve(fn, event.qualifier || undefined);
    } catch {
      lambda.logger.warn(`lambda: dropping event ${event.requestId}: ${event.functionName}:${event.qualifier} no longer exists`);
      return;
    }
    const spec = resolved.record.config.State === "Active" ? runtimeSpec(lambda, resolved) : undefined;
    const slot = spec ? this.concurrency.tryAcquire(fn, !lambda.engine.hasIdle(spec.poolKey)) : undefined;
    if (!spec || !slot || "reason" in slot) {
      // Throttled or not ready: try again later without spending a retry attempt.
      event.throttles++;
      const wait = Math.min(THROTTLE_BACKOFF_MAX_MS, THROTTLE_BACKOFF_MIN_MS * 2 ** Math.min(event.throttles - 1, 20));
      const dueAt = Math.min(now + wait, event.enqueuedAt + maxAge);
      await this.schedule(event, dueAt);
      return;
    }
    let result: InvokeResult;
    try {
      result = await lambda.engine.invoke(spec, {
        requestId: event.requestId,
        payload,
        invokedFunctionArn: resolved.invokedArn,
        traceId: traceId(now),
        tail: false,
      });
    } catch (err) {
      if (!isServiceError(err)) lambda.logger.error(`lambda: event ${event.requestId} could not run`, err);
      result = { payload: Buffer.from(JSON.stringify({ errorMessage: (err as Error).message, errorType: "ServiceException" })), functionError: "Unhandled", durationMs: 0, billedDurationMs: 0, maxMemoryUsedMb: 0 };
    } finally {
      slot.release();
    }
    event.attempts++;
    if (!result.functionError) {
      const onSuccess = config?.DestinationConfig?.OnSuccess?.Destination;
      if (onSuccess) await deliverRecord(onSuccess, this.record(fn, event, resolved.version, "Success", result, payload), lambda.clients, lambda.logger);
      return;
    }
    const maxRetries = config?.MaximumRetryAttempts ?? DEFAULT_MAX_RETRY_ATTEMPTS;
    if (event.attempts <= maxRetries) {
      const dueAt = lambda.clock.now() + RETRY_DELAYS_MS[Math.min(event.attempts - 1, RETRY_DELAYS_MS.length - 1)];
      if (dueAt - event.enqueuedAt < maxAge) {
        await this.schedule(event, dueAt);
        return;
      }
      return this.fail(fn, event, config, "EventAgeExceeded", { result, version: resolved.version }, payload);
    }
    return this.fail(fn, event, config, "RetriesExhausted", { result, version: resolved.version }, payload);
  }

  private async fail(fn: FunctionRecord, event: AsyncEvent, config: EventInvokeConfig | undefined, condition: Condition, last: { result: InvokeResult; version: string } | undefined, payload: Buffer): Promise<void> {
    const { lambda } = this;
    const onFailure = config?.DestinationConfig?.OnFailure?.Destination;
    if (onFailure) await deliverRecord(onFailure, this.record(fn, event, last?.version ?? "$LATEST", condition, last?.result, payload), lambda.clients, lambda.logger);
    const version = last?.version ?? "$LATEST";
    const dlq = (version === "$LATEST" ? fn.latest : fn.versions[version] ?? fn.latest).config.DeadLetterConfig?.TargetArn as string | undefined;
    if (dlq) {
      const errorMessage = last ? String((asJson(last.result.payload) as { errorMessage?: string })?.errorMessage ?? "") : `Event age exceeded: ${condition}`;
      await deliverToDeadLetterQueue(dlq, { requestId: event.requestId, payload, errorMessage }, lambda.clients, lambda.logger);
    }
  }

  private record(fn: FunctionRecord, event: AsyncEvent, version: string, condition: Condition, result: InvokeResult | undefined, payload: Buffer) {
    return {
      version: "1.0" as const,
      timestamp: new Date(this.lambda.clock.now()).toISOString(),
      requestContext: { requestId: event.requestId, functionArn: `${functionArn(fn)}:${event.qualifier || "$LATEST"}`, condition, approximateInvokeCount: event.attempts },
      requestPayload: asJson(payload),
      responseContext: result ? { statusCode: 200, executedVersion: version, ...(result.functionError ? { functionError: result.functionError } : {}) } : undefined,
      responsePayload: result ? asJson(result.payload) : undefined,
    };
  }

  /** The event invoke config for how the function was invoked: the qualifier's, else none. */
  private invokeConfig(fn: FunctionRecord, qualifier: string): EventInvokeConfig | undefined {
    return fn.eventInvokeConfigs[qualifier || "$LATEST"];
  }
}
