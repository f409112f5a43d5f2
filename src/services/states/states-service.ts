/** The Step Functions runtime one server holds: state machines in memory, written through to storage. */
import { newUuid } from "../../core/ids.js";
import type { Clock } from "../../core/clock.js";
import type { ServiceDeps, ServiceRuntime } from "../../core/service.js";
import { StatesErrors } from "./errors.js";
import { parseExecutionArn, parseMapRunArn, parseStateMachineArn } from "./names.js";
import { ExecutionStore } from "./executions/execution-store.js";
import { Executor } from "./executions/executor.js";
import { startChildExecution } from "./executions/child-executions.js";
import { checkMockConfig } from "./executions/mock-config.js";
import type { ExecutionRecord, MapRunRecord } from "./executions/types.js";
import { StatesStore } from "./store/states-store.js";
import type { ActivityRecord, StateMachineRecord } from "./types.js";

export class StatesService implements ServiceRuntime {
  readonly stateMachines = new Map<string, StateMachineRecord>();
  readonly executions = new Map<string, ExecutionRecord>();
  readonly activities = new Map<string, ActivityRecord>();
  readonly clock: Clock;
  readonly executor: Executor;
  readonly executionStore: ExecutionStore;
  private readonly store: StatesStore;

  constructor(deps: ServiceDeps) {
    this.clock = deps.clock;
    this.store = new StatesStore(deps.db);
    this.executionStore = new ExecutionStore(deps.db);
    this.executor = new Executor(deps.clients, this.executionStore, deps.scheduler, deps.clock, deps.logger, (arn) => this.executions.get(arn), (e) => this.executions.set(e.arn, e));
    this.executor.startChild = (parent, parameters, sync) => startChildExecution(this, parent, parameters, sync);
    if (deps.settings.states?.mockConfig !== undefined) this.executor.mockConfig = checkMockConfig(deps.settings.states.mockConfig);
  }

  start(): void {
    for (const m of this.store.load()) this.stateMachines.set(m.arn, m);
    for (const a of this.store.loadActivities()) this.activities.set(a.arn, a);
    for (const e of this.executionStore.load()) this.executions.set(e.arn, e);
    this.executor.mapRuns.load(this.executions.values());
    for (const e of this.executions.values()) this.executor.resume(e);
  }

  reset(): void {
    this.store.reset();
    this.executionStore.reset();
    this.stateMachines.clear();
    this.executions.clear();
    this.activities.clear();
    this.executor.activities.clear();
    this.executor.mapRuns.clear();
  }

  status(): Record<string, unknown> {
    let running = 0;
    for (const e of this.executions.values()) if (e.snapshot.status === "RUNNING") running++;
    return { stateMachines: this.stateMachines.size, executions: this.executions.size, running };
  }

  /** The execution an ARN names, in the caller's account and region. */
  execution(arn: string, where: { accountId: string; region: string }): ExecutionRecord {
    parseExecutionArn(arn);
    const e = this.executions.get(arn);
    if (!e || e.accountId !== where.accountId || e.region !== where.region) throw StatesErrors.executionDoesNotExist(arn);
    return e;
  }

  /** The Map Run an ARN names, in the caller's account and region. */
  mapRun(arn: string, where: { accountId: string; region: string }): MapRunRecord {
    parseMapRunArn(arn);
    const run = this.executor.mapRuns.runs.get(arn);
    if (!run || run.accountId !== where.accountId || run.region !== where.region) throw StatesErrors.resourceNotFound(arn);
    return run;
  }

  /** The state machine an ARN names, in the caller's account and region. */
  stateMachine(arn: string, where: { accountId: string; region: string }): StateMachineRecord {
    const ref = parseStateMachineArn(arn);
    const m = this.stateMachines.get(arn);
    if (!m || ref.accountId !== where.accountId || ref.region !== where.region) throw StatesErrors.stateMachineDoesNotExist(arn);
    return m;
  }

  async saveActivity(a: ActivityRecord): Promise<void> {
    this.activities.set(a.arn, a);
    await this.store.putActivity(a);
  }

  async removeActivity(a: ActivityRecord): Promise<void> {
    this.activities.delete(a.arn);
    this.executor.activities.drop(a.arn);
    await this.store.deleteActivity(a.arn);
  }

  /** The activity an ARN names, in the caller's account and region. */
  activity(arn: string, where: { accountId: string; region: string }): ActivityRecord {
    const a = this.activities.get(arn);
    if (!a || a.accountId !== where.accountId || a.region !== where.region) {
      if (!/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:activity:[^:]+$/.test(arn ?? "")) throw StatesErrors.invalidArn(`Invalid ARN prefix: ${arn}`);
      throw StatesErrors.activityDoesNotExist(arn);
    }
    return a;
  }

  /** Stores a change that is not a new revision (versions, aliases, tags). */
  async saveKeepingRevision(m: StateMachineRecord): Promise<void> {
    this.stateMachines.set(m.arn, m);
    await this.store.putStateMachine(m);
  }

  /** Stores a new revision of the machine (definition or settings changed). */
  async save(m: StateMachineRecord): Promise<void> {
    m.revisionId = newUuid();
    this.stateMachines.set(m.arn, m);
    await this.store.putStateMachine(m);
  }

  async remove(m: StateMachineRecord): Promise<void> {
    this.stateMachines.delete(m.arn);
    await this.store.deleteStateMachine(m.arn);
  }
}
