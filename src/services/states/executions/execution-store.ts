/**
 * Executions and their history in SQLite: one document per execution, one row per history
 * event; Distributed Maps' Map Runs, one document each. A step's events and the execution's new snapshot are written in one transaction, so a
 * restart finds them consistent.
 */
import type { Database, Statement } from "../../../storage/sqlite/database.js";
import type { HistoryEvent } from "../asl/interpreter/types.js";
import type { ExecutionRecord, MapRunRecord } from "./types.js";

export class ExecutionStore {
  private readonly putExecution: Statement;
  private readonly putEvent: Statement;

  constructor(private readonly db: Database) {
    db.migrate("states-executions", [
      {
        up: `CREATE TABLE states_executions (arn TEXT PRIMARY KEY, state_machine_arn TEXT NOT NULL, doc TEXT NOT NULL);
             CREATE INDEX states_executions_machine ON states_executions (state_machine_arn);
             CREATE TABLE states_history (execution_arn TEXT NOT NULL, id INTEGER NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (execution_arn, id));`,
      },
      { up: "CREATE TABLE states_map_runs (arn TEXT PRIMARY KEY, execution_arn TEXT NOT NULL, doc TEXT NOT NULL);" },
    ]);
    this.putExecution = db.prepare("INSERT OR REPLACE INTO states_executions (arn, state_machine_arn, doc) VALUES (?, ?, ?)");
    this.putEvent = db.prepare("INSERT OR REPLACE INTO states_history (execution_arn, id, doc) VALUES (?, ?, ?)");
  }

  load(): ExecutionRecord[] {
    return (this.db.prepare("SELECT doc FROM states_executions ORDER BY rowid").all() as Array<{ doc: string }>).map((r) => JSON.parse(r.doc));
  }

  save(e: ExecutionRecord, events: HistoryEvent[]): Promise<void> {
    const doc = JSON.stringify(e);
    const rows = events.map((ev) => [ev.id, JSON.stringify(ev)] as const);
    return this.db.write(() => {
      this.putExecution.run(e.arn, e.stateMachineArn, doc);
      for (const [id, text] of rows) this.putEvent.run(e.arn, id, text);
    });
  }

  loadMapRuns(): MapRunRecord[] {
    return (this.db.prepare("SELECT doc FROM states_map_runs ORDER BY rowid").all() as Array<{ doc: string }>).map((r) => JSON.parse(r.doc));
  }

  saveMapRun(run: MapRunRecord): Promise<void> {
    const doc = JSON.stringify(run);
    return this.db.write(() => void this.db.prepare("INSERT OR REPLACE INTO states_map_runs (arn, execution_arn, doc) VALUES (?, ?, ?)").run(run.arn, run.executionArn, doc));
  }

  history(executionArn: string): HistoryEvent[] {
    return (this.db.prepare("SELECT doc FROM states_history WHERE execution_arn = ? ORDER BY id").all(executionArn) as Array<{ doc: string }>).map((r) => JSON.parse(r.doc));
  }

  reset(): void {
    this.db.transaction(() => {
      this.db.prepare("DELETE FROM states_history").run();
      this.db.prepare("DELETE FROM states_executions").run();
      this.db.prepare("DELETE FROM states_map_runs").run();
    });
  }
}
