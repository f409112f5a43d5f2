/**
 * Distributed Maps' Map Runs: the record DescribeMapRun reads, and the child executions. Each
 * child is an execution of the Map's ItemProcessor (a state machine of its own, named
 * `<machine>/<label>`), started when the interpreter asks (`mapChild`); its end goes back to
 * the parent as `mapChildrenEnded`. A Map Run that fails, or whose execution stops, stops its
 * running Standard children. EXPRESS children run in memory as Express executions do (no
 * history, five minutes at most, not listed); one running when the server stops runs again
 * after the restart (Express executions run at least once).
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-examine-map-run.html
 */
import { createHash } from "node:crypto";
import { newSnapshot } from "../asl/interpreter/step.js";
import { openMapRuns } from "../asl/interpreter/waiting.js";
import type { JsonValue } from "../asl/jsonpath/json.js";
import type { MapChildEnd, MapRunStart, StepInput } from "../asl/interpreter/types.js";
import type { ExecutionStore } from "./execution-store.js";
import type { ExecutionRecord, MapRunRecord } from "./types.js";

/** What the Map Runs need of the executor. */
export interface MapRunHost {
  now(): number;
  /** Queues an event for an execution; a function is called for it when its turn comes. */
  advance(e: ExecutionRecord, input: StepInput | (() => StepInput | undefined)): Promise<void>;
  find(executionArn: string): ExecutionRecord | undefined;
  /** Adds a new execution to those the service knows. */
  register(e: ExecutionRecord): void;
  /** Runs an Express execution in memory, start to end. */
  runExpress(e: ExecutionRecord): Promise<{ stopDate: number }>;
  logFailure(e: ExecutionRecord, err: unknown): void;
}

export class MapRuns {
  readonly runs = new Map<string, MapRunRecord>();
  /** Each Map Run's children by index. */
  private readonly children = new Map<string, Map<number, ExecutionRecord>>();
  /** Per parent execution and Map Run, the children's ends not yet handed to the parent. */
  private readonly unreported = new Map<string, Map<string, MapChildEnd[]>>();
  /** An ItemProcessor's definition as a machine of its own, per parent definition and state. */
  private readonly definitions = new Map<string, string>();

  constructor(
    private readonly host: MapRunHost,
    private readonly store: ExecutionStore,
  ) {}

  /** After a restart: the Map Runs and their children, as stored. */
  load(executions: Iterable<ExecutionRecord>): void {
    for (const run of this.store.loadMapRuns()) this.runs.set(run.arn, run);
    for (const e of executions) if (e.mapRun) this.childMap(e.mapRun.arn).set(e.mapRun.index, e);
  }

  clear(): void {
    this.runs.clear();
    this.children.clear();
    this.unreported.clear();
  }

  /** A Map Run's children, in index order of their start. */
  childrenOf(mapRunArn: string): ExecutionRecord[] {
    return [...this.childMap(mapRunArn).values()];
  }

  private childMap(mapRunArn: string): Map<number, ExecutionRecord> {
    let children = this.children.get(mapRunArn);
    if (!children) this.children.set(mapRunArn, (children = new Map()));
    return children;
  }

  async started(parent: ExecutionRecord, start: MapRunStart): Promise<void> {
    const { toleratedFailureCount, toleratedFailurePercentage, ...rest } = start;
    const run: MapRunRecord = {
      ...rest,
      executionArn: parent.arn,
      stateMachineArn: parent.stateMachineArn,
      accountId: parent.accountId,
      region: parent.region,
      status: "RUNNING",
      startDate: this.host.now(),
      toleratedFailureCount: toleratedFailureCount ?? 0,
      toleratedFailurePercentage: toleratedFailurePercentage ?? 0,
    };
    this.runs.set(run.arn, run);
    await this.store.saveMapRun(run);
  }

  /** Starts child `index` of a Map Run (again after a restart: an existing child is kept). */
  async startChild(parent: ExecutionRecord, mapRunArn: string, index: number, input: JsonValue): Promise<void> {
    const run = this.runs.get(mapRunArn);
    if (!run) return;
    const express = run.executionType === "EXPRESS";
    const name = childName(run.id, index);
    const machineName = `${parent.stateMachineName}/${run.label}`;
    // Express executions are named `express:<machine>:<name>:<id>`, Standard ones `execution:<machine>:<name>`.
    const resource = express ? `express:${machineName}:${name}:${childName(`${run.id}/${run.redriveCount ?? 0}`, -1 - index)}` : `execution:${machineName}:${name}`;
    const arn = parent.arn.replace(/:execution:.*$/, `:${resource}`);
    const children = this.childMap(mapRunArn);
    const existing = children.get(index);
    if (existing) return this.redriveChild(existing);
    const child: ExecutionRecord = {
      arn,
      stateMachineArn: `${parent.stateMachineArn}/${run.label}`,
      stateMachineName: machineName,
      accountId: parent.accountId,
      region: parent.region,
      name,
      definition: this.definition(parent.definition, run.stateName),
      roleArn: parent.roleArn,
      startDate: this.host.now(),
      input: JSON.stringify(input),
      snapshot: newSnapshot(input),
      mapRun: { arn: mapRunArn, index, executionArn: parent.arn, ...(express ? { express: true } : {}) },
    };
    children.set(index, child);
    if (express) {
      const { stopDate } = await this.host.runExpress(child);
      child.stopDate = stopDate;
      this.childEnded(child);
      return;
    }
    this.host.register(child);
    await this.host.advance(child, { kind: "start" });
  }

  /**
   * A child ended: its Map Run's execution hears of it. Ends that come while the parent is busy
   * are handed over together, in one event: a Map Run of many short children would otherwise
   * cost the parent a step (and a write of its whole snapshot) per child.
   */
  childEnded(child: ExecutionRecord): void {
    const link = child.mapRun!;
    const parent = this.host.find(link.executionArn);
    if (!parent) return;
    const s = child.snapshot;
    const end: MapChildEnd = { index: link.index, status: s.status, ...(s.status === "SUCCEEDED" ? { output: s.output ?? null } : { error: s.error, cause: s.cause }) };
    let byRun = this.unreported.get(parent.arn);
    const first = !byRun;
    if (!byRun) this.unreported.set(parent.arn, (byRun = new Map()));
    const ends = byRun.get(link.arn);
    if (ends) ends.push(end);
    else byRun.set(link.arn, [end]);
    if (!first) return;
    const take = (): StepInput | undefined => {
      const pending = this.unreported.get(parent.arn);
      if (!pending) return undefined;
      const [mapRunArn, ends] = pending.entries().next().value as [string, MapChildEnd[]];
      pending.delete(mapRunArn);
      if (pending.size === 0) this.unreported.delete(parent.arn);
      // Ends of another Map Run of the same execution (nested branches) go in a turn of their own.
      else void this.host.advance(parent, take).catch((err) => this.host.logFailure(parent, err));
      return { kind: "mapChildrenEnded", mapRunArn, ends };
    };
    void this.host.advance(parent, take).catch((err) => this.host.logFailure(parent, err));
  }

  /**
   * A child asked for again after the Map Run was redriven: a Standard child that can be is
   * redriven (RedriveExecution), one that cannot reports its end again; an Express child runs
   * anew (a new execution); one still running is left to end.
   */
  private async redriveChild(child: ExecutionRecord): Promise<void> {
    if (child.snapshot.status === "RUNNING") return;
    const link = child.mapRun!;
    if (link.express) {
      this.childMap(link.arn).delete(link.index);
      const parent = this.host.find(link.executionArn);
      if (parent) await this.startChild(parent, link.arn, link.index, child.snapshot.executionInput);
      return;
    }
    if (child.snapshot.unsuccessful) {
      child.redriveDate = this.host.now();
      child.stopDate = undefined;
      await this.host.advance(child, { kind: "redrive" });
    } else this.childEnded(child);
  }

  /** RedriveExecution ran a failed Map Run again. */
  async redriven(mapRunArn: string): Promise<void> {
    const run = this.runs.get(mapRunArn);
    if (!run) return;
    run.status = "RUNNING";
    run.redriveCount = (run.redriveCount ?? 0) + 1;
    run.redriveDate = this.host.now();
    run.stopDate = undefined;
    await this.store.saveMapRun(run);
  }

  /** A Map Run ended (FAILED or ABORTED: its running children are stopped). */
  async ended(mapRunArn: string, status: MapRunRecord["status"]): Promise<void> {
    const run = this.runs.get(mapRunArn);
    if (!run || run.status !== "RUNNING") return;
    run.status = status;
    run.stopDate = this.host.now();
    await this.store.saveMapRun(run);
    if (status === "SUCCEEDED") return;
    // Express children cannot be stopped: they run to their end, which the Map state ignores.
    for (const child of this.childrenOf(mapRunArn)) {
      if (child.snapshot.status === "RUNNING" && !child.mapRun!.express) void this.host.advance(child, { kind: "stop" }).catch((err) => this.host.logFailure(child, err));
    }
  }

  /** UpdateMapRun: the record, and the running execution's Map state. */
  async update(run: MapRunRecord, changes: { maxConcurrency?: number; toleratedFailureCount?: number; toleratedFailurePercentage?: number }): Promise<void> {
    Object.assign(run, Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)));
    await this.store.saveMapRun(run);
    const parent = this.host.find(run.executionArn);
    if (run.status === "RUNNING" && parent) await this.host.advance(parent, { kind: "mapRunUpdated", mapRunArn: run.arn, ...changes });
  }

  /**
   * After a restart, for an execution waiting on Map Runs: a child it asked for that was never
   * started starts now; one that ended while the server was down is reported again.
   */
  resume(parent: ExecutionRecord): void {
    for (const w of openMapRuns(parent.snapshot)) {
      const run = this.runs.get(w.mapRunArn);
      if (!run) continue;
      for (let index = 0; index < w.states.length; index++) {
        if (w.states[index] !== "r") continue;
        const child = this.childMap(run.arn).get(index);
        if (!child) void this.startChild(parent, run.arn, index, w.inputs[index]).catch((err) => this.host.logFailure(parent, err));
        else if (child.snapshot.status !== "RUNNING") this.childEnded(child);
      }
    }
  }

  /** DescribeMapRun's itemCounts and executionCounts. */
  counts(run: MapRunRecord): { itemCounts: Counts; executionCounts: Counts } {
    const executions = emptyCounts(run.sizes.length);
    const items = emptyCounts(run.sizes.reduce((a, b) => a + b, 0));
    for (const child of this.childrenOf(run.arn)) {
      const size = run.sizes[child.mapRun!.index] ?? 1;
      const key = STATUS_COUNT[child.snapshot.status];
      executions[key]++;
      items[key] += size;
      executions.pending--;
      items.pending -= size;
      if (key !== "running" && key !== "succeeded") {
        executions.failuresNotRedrivable++;
        items.failuresNotRedrivable += size;
      }
    }
    return { itemCounts: items, executionCounts: executions };
  }

  /** The Map state's ItemProcessor as a machine (StartAt, States, the top-level QueryLanguage). */
  private definition(parentDefinition: string, stateName: string): string {
    const key = `${stateName}\n${parentDefinition}`;
    let text = this.definitions.get(key);
    if (text === undefined) {
      const top = JSON.parse(parentDefinition) as Record<string, unknown>;
      const map = findState(top, stateName);
      const processor = (map?.ItemProcessor ?? map?.Iterator) as Record<string, unknown> | undefined;
      if (!processor) throw new Error(`Map state ${stateName} not found in its definition`);
      const { ProcessorConfig: _config, ...machine } = processor;
      text = JSON.stringify({ ...machine, ...(top.QueryLanguage !== undefined && machine.QueryLanguage === undefined ? { QueryLanguage: top.QueryLanguage } : {}) });
      this.definitions.set(key, text);
    }
    return text;
  }
}

export interface Counts {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
  total: number;
  resultsWritten: number;
  failuresNotRedrivable: number;
  pendingRedrive: number;
}

const STATUS_COUNT = { RUNNING: "running", SUCCEEDED: "succeeded", FAILED: "failed", TIMED_OUT: "timedOut", ABORTED: "aborted" } as const;

function emptyCounts(total: number): Counts {
  return { pending: total, running: 0, succeeded: 0, failed: 0, timedOut: 0, aborted: 0, total, resultsWritten: 0, failuresNotRedrivable: 0, pendingRedrive: 0 };
}

/** A state by name anywhere in a definition (names are unique across the whole machine). */
function findState(scope: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const states = scope.States as Record<string, Record<string, unknown>> | undefined;
  if (!states || typeof states !== "object") return undefined;
  if (states[name]) return states[name];
  for (const state of Object.values(states)) {
    const scopes = [...(Array.isArray(state.Branches) ? state.Branches : []), state.ItemProcessor, state.Iterator];
    for (const inner of scopes) {
      const found = inner && typeof inner === "object" ? findState(inner as Record<string, unknown>, name) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

/** A child's name: a UUID derived from the Map Run and the index, so a restart finds the same child. */
function childName(mapRunId: string, index: number): string {
  const h = createHash("sha1").update(`${mapRunId}:${index}`).digest("hex");
  const variant = ((Number.parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
