/** Where Step Functions keeps its state machines (DESIGN §5: a repository per service). */
import type { Database, Statement } from "../../../storage/sqlite/database.js";
import type { ActivityRecord, StateMachineRecord } from "../types.js";

export class StatesStore {
  private readonly put: Statement;
  private readonly del: Statement;

  constructor(private readonly db: Database) {
    db.migrate("states", [
      { up: "CREATE TABLE states_state_machines (arn TEXT PRIMARY KEY, doc TEXT NOT NULL);" },
      { up: "CREATE TABLE states_activities (arn TEXT PRIMARY KEY, doc TEXT NOT NULL);" },
    ]);
    this.put = db.prepare("INSERT OR REPLACE INTO states_state_machines (arn, doc) VALUES (?, ?)");
    this.del = db.prepare("DELETE FROM states_state_machines WHERE arn = ?");
  }

  loadActivities(): ActivityRecord[] {
    return (this.db.prepare("SELECT doc FROM states_activities ORDER BY rowid").all() as Array<{ doc: string }>).map((r) => JSON.parse(r.doc));
  }

  putActivity(a: ActivityRecord): Promise<void> {
    const doc = JSON.stringify(a);
    return this.db.write(() => void this.db.prepare("INSERT OR REPLACE INTO states_activities (arn, doc) VALUES (?, ?)").run(a.arn, doc));
  }

  deleteActivity(arn: string): Promise<void> {
    return this.db.write(() => void this.db.prepare("DELETE FROM states_activities WHERE arn = ?").run(arn));
  }

  load(): StateMachineRecord[] {
    return (this.db.prepare("SELECT doc FROM states_state_machines ORDER BY arn").all() as Array<{ doc: string }>).map((r) => JSON.parse(r.doc));
  }

  putStateMachine(m: StateMachineRecord): Promise<void> {
    const doc = JSON.stringify(m);
    return this.db.write(() => void this.put.run(m.arn, doc));
  }

  deleteStateMachine(arn: string): Promise<void> {
    return this.db.write(() => void this.del.run(arn));
  }

  reset(): void {
    this.db.transaction(() => {
      this.db.prepare("DELETE FROM states_state_machines").run();
      this.db.prepare("DELETE FROM states_activities").run();
    });
  }
}
