/**
 * Every event-source mapping of the server: the records (in memory, each change written
 * through the store before the API answers), their state transitions, and the pollers of the
 * enabled ones. SQS queues are the only event source so far.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html
 *
 * States: Create answers `Creating`, Update `Updating` (or `Enabling` / `Disabling` when it
 * flips Enabled), and one clock tick later the mapping is `Enabled` or `Disabled`; a mapping
 * being disabled becomes `Disabled` once its in-flight batches have finished. Delete answers
 * `Deleting` and forgets the mapping at once; its in-flight batches still finish.
 */
import { randomUUID } from "node:crypto";
import { isServiceError } from "../../../core/errors.js";
import type { RequestContext } from "../../../core/service.js";
import { LambdaErrors } from "../errors.js";
import type { LambdaService } from "../lambda-service.js";
import { traceId } from "../trace-id.js";
import { DEFAULT_MAX_POLLERS, MAX_POLLERS } from "./limits.js";
import { compileFilters } from "./mapping-config.js";
import { mappingFunctionArn, type EventSourceMappingRecord, type MappingState } from "./mapping-record.js";
import { SqsPollerGroup, type MappingTarget } from "./sqs-poller.js";

const TRANSITIONAL: ReadonlySet<MappingState> = new Set(["Creating", "Enabling", "Updating", "Disabling", "Deleting"]);

export class EventSourceMappings {
  private readonly records = new Map<string, EventSourceMappingRecord>();
  private readonly pollers = new Map<string, SqsPollerGroup>();
  /** Soft stops of poller groups still finishing their batches, by mapping. */
  private readonly winding = new Map<string, Promise<void>>();
  /** Bumped by every change, so a stale transition does nothing. */
  private readonly generations = new Map<string, number>();
  private running = false;

  constructor(private readonly lambda: LambdaService) {}

  /** Loads the stored mappings (a transition interrupted by a restart is complete) and starts the enabled ones. */
  start(docs: Array<Record<string, any>>): void {
    for (const doc of docs) {
      const r = doc as EventSourceMappingRecord;
      if (TRANSITIONAL.has(r.State)) r.State = r.enabled ? "Enabled" : "Disabled";
      this.records.set(r.UUID, r);
    }
    this.running = true;
    for (const r of this.records.values()) if (r.enabled) this.poll(r);
  }

  /** Server shutdown: every long poll is aborted; batches in flight are left to their visibility timeout. */
  stop(): void {
    this.running = false;
    for (const group of this.pollers.values()) group.halt();
    this.pollers.clear();
  }

  /** Admin reset: forgets every mapping (the store is reset by the service). */
  reset(): void {
    for (const group of this.pollers.values()) group.halt();
    this.pollers.clear();
    this.records.clear();
    this.winding.clear();
    this.generations.clear();
  }

  /** The mapping with this UUID in the caller's account and region, or ResourceNotFoundException. */
  require(uuid: string, ctx: RequestContext): EventSourceMappingRecord {
    const r = this.records.get(uuid);
    if (!r || r.accountId !== ctx.accountId || r.region !== ctx.region) throw LambdaErrors.notFound("The resource you requested does not exist.");
    return r;
  }

  /** The caller's mappings, by UUID. */
  list(ctx: RequestContext): EventSourceMappingRecord[] {
    return [...this.records.values()].filter((r) => r.accountId === ctx.accountId && r.region === ctx.region).sort((a, b) => (a.UUID < b.UUID ? -1 : a.UUID > b.UUID ? 1 : 0));
  }

  /** One mapping per queue and function (ResourceConflictException). */
  checkUnique(candidate: EventSourceMappingRecord): void {
    const arn = mappingFunctionArn(candidate);
    for (const r of this.records.values()) {
      if (r.UUID === candidate.UUID || r.EventSourceArn !== candidate.EventSourceArn || mappingFunctionArn(r) !== arn) continue;
      const fn = candidate.qualifier ? `${candidate.functionName}:${candidate.qualifier}` : candidate.functionName;
      throw LambdaErrors.conflict(
        `An event source mapping with SQS arn (" ${candidate.EventSourceArn} ") and function (" ${fn} ") already exists. Please update or delete the existing mapping with UUID ${r.UUID}`,
      );
    }
  }

  newUuid(): string {
    let uuid = randomUUID();
    while (this.records.has(uuid)) uuid = randomUUID();
    return uuid;
  }

  /** Stores a new mapping (State Creating) and settles it a tick later. */
  async create(r: EventSourceMappingRecord): Promise<void> {
    this.records.set(r.UUID, r);
    await this.persist(r);
    this.transition(r.UUID);
  }

  /** Stores a changed mapping (State Updating, Enabling or Disabling); its pollers restart with the new settings. */
  async update(r: EventSourceMappingRecord): Promise<void> {
    this.records.set(r.UUID, r);
    this.windDown(r.UUID);
    await this.persist(r);
    this.transition(r.UUID);
  }

  /** Forgets a mapping; batches already received finish. */
  async delete(r: EventSourceMappingRecord): Promise<void> {
    this.records.delete(r.UUID);
    this.generations.delete(r.UUID);
    this.windDown(r.UUID);
    await this.lambda.store.deleteEventSourceMapping(r.UUID);
  }

  status(): Array<Record<string, unknown>> {
    return [...this.records.values()].map((r) => ({ uuid: r.UUID, source: r.EventSourceArn, function: mappingFunctionArn(r), state: r.State, pollers: this.pollers.get(r.UUID)?.size ?? 0 }));
  }

  private persist(r: EventSourceMappingRecord): Promise<void> {
    return this.lambda.store.putEventSourceMapping(r.UUID, r as unknown as Record<string, any>);
  }

  /** Soft-stops the mapping's pollers; the promise is kept until they have finished. */
  private windDown(uuid: string): void {
    const group = this.pollers.get(uuid);
    if (!group) return;
    this.pollers.delete(uuid);
    const previous = this.winding.get(uuid) ?? Promise.resolve();
    const done = Promise.all([previous, group.stop()]).then(() => {
      if (this.winding.get(uuid) === done) this.winding.delete(uuid);
    });
    this.winding.set(uuid, done);
  }

  /** A tick from now (and once the previous pollers have wound down) the mapping settles in Enabled or Disabled. */
  private transition(uuid: string): void {
    const generation = (this.generations.get(uuid) ?? 0) + 1;
    this.generations.set(uuid, generation);
    const { clock } = this.lambda;
    clock.setTimer(clock.now(), () => {
      void (this.winding.get(uuid) ?? Promise.resolve()).then(() => this.settle(uuid, generation));
    });
  }

  private async settle(uuid: string, generation: number): Promise<void> {
    const r = this.records.get(uuid);
    if (!r || !this.running || this.generations.get(uuid) !== generation) return;
    r.State = r.enabled ? "Enabled" : "Disabled";
    if (r.enabled) this.poll(r);
    try {
      await this.persist(r);
    } catch (err) {
      this.lambda.logger.error(`lambda: could not store event-source mapping ${uuid}`, err);
    }
  }

  private poll(r: EventSourceMappingRecord): void {
    const sqs = this.lambda.clients.sqs;
    if (!sqs || this.pollers.has(r.UUID)) return;
    const group = new SqsPollerGroup(
      {
        name: r.UUID,
        queueArn: r.EventSourceArn,
        region: r.region,
        fifo: r.EventSourceArn.endsWith(".fifo"),
        batchSize: r.BatchSize,
        windowSeconds: r.MaximumBatchingWindowInSeconds,
        reportBatchItemFailures: r.FunctionResponseTypes.includes("ReportBatchItemFailures"),
        filters: compileFilters(r.FilterCriteria, this.lambda.logger, r.UUID),
        maxConcurrency: Math.min(r.ScalingConfig?.MaximumConcurrency ?? DEFAULT_MAX_POLLERS, MAX_POLLERS),
      },
      { clock: this.lambda.clock, logger: this.lambda.logger, sqs, target: this.target(r) },
    );
    this.pollers.set(r.UUID, group);
    group.start();
  }

  /** How the pollers of a mapping reach its function (as it was when they started). */
  private target(r: EventSourceMappingRecord): MappingTarget {
    const { lambda } = this;
    const { UUID: uuid, accountId, region, functionName: name, qualifier } = r;
    const resolve = () => {
      const fn = lambda.functions.find({ accountId, region, name });
      if (!fn) return undefined;
      try {
        return lambda.functions.resolve(fn, qualifier);
      } catch {
        return undefined;
      }
    };
    return {
      ready: () => {
        const state = resolve()?.record.config.State;
        return state !== undefined && state !== "Pending" && state !== "Failed";
      },
      invoke: async (payload) => {
        const resolved = resolve();
        if (!resolved) return { kind: "unavailable", reason: "PROBLEM: Function not found" };
        try {
          const result = await lambda.invoker.invokeSync(resolved, {
            requestId: randomUUID(),
            payload,
            invokedFunctionArn: resolved.invokedArn,
            traceId: traceId(lambda.clock.now()),
            tail: false,
          });
          return result.functionError ? { kind: "function-error" } : { kind: "success", payload: result.payload };
        } catch (err) {
          if (isServiceError(err) && err.code === "TooManyRequestsException") return { kind: "throttled" };
          lambda.logger.warn(`lambda: event-source mapping ${uuid} could not invoke ${resolved.invokedArn}: ${(err as Error).message}`);
          return { kind: "function-error" };
        }
      },
      report: (result) => {
        const current = this.records.get(uuid);
        if (!current || current.LastProcessingResult === result) return;
        current.LastProcessingResult = result;
        this.persist(current).catch((err) => lambda.logger.error(`lambda: could not store event-source mapping ${uuid}`, err));
      },
    };
  }
}
