/** The Step Functions runtime one server holds: state machines in memory, written through to storage. */
import { newUuid } from "../../core/ids.js";
import type { Clock } from "../../core/clock.js";
import type { ServiceDeps, ServiceRuntime } from "../../core/service.js";
import { StatesErrors } from "./errors.js";
import { parseStateMachineArn } from "./names.js";
import { StatesStore } from "./store/states-store.js";
import type { StateMachineRecord } from "./types.js";

export class StatesService implements ServiceRuntime {
  readonly stateMachines = new Map<string, StateMachineRecord>();
  readonly clock: Clock;
  private readonly store: StatesStore;

  constructor(deps: ServiceDeps) {
    this.clock = deps.clock;
    this.store = new StatesStore(deps.db);
  }

  start(): void {
    for (const m of this.store.load()) this.stateMachines.set(m.arn, m);
  }

  reset(): void {
    this.store.reset();
    this.stateMachines.clear();
  }

  status(): Record<string, unknown> {
    return { stateMachines: this.stateMachines.size };
  }

  /** The state machine an ARN names, in the caller's account and region. */
  stateMachine(arn: string, where: { accountId: string; region: string }): StateMachineRecord {
    const ref = parseStateMachineArn(arn);
    const m = this.stateMachines.get(arn);
    if (!m || ref.accountId !== where.accountId || ref.region !== where.region) throw StatesErrors.stateMachineDoesNotExist(arn);
    return m;
  }

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
