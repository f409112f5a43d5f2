/** REST APIs in SQLite: one JSON document each (its resources, methods and integrations inside). */
import type { Database, Statement } from "../../../storage/sqlite/database.js";
import type { RestApiRecord } from "../types.js";

export class ApiGatewayStore {
  private readonly put: Statement;
  private readonly del: Statement;

  constructor(private readonly db: Database) {
    db.migrate("apigateway", [{ up: "CREATE TABLE apigateway_rest_apis (id TEXT PRIMARY KEY, doc TEXT NOT NULL);" }]);
    this.put = db.prepare("INSERT OR REPLACE INTO apigateway_rest_apis (id, doc) VALUES (?, ?)");
    this.del = db.prepare("DELETE FROM apigateway_rest_apis WHERE id = ?");
  }

  load(): RestApiRecord[] {
    return (this.db.prepare("SELECT doc FROM apigateway_rest_apis ORDER BY rowid").all() as Array<{ doc: string }>).map((r) => JSON.parse(r.doc));
  }

  save(api: RestApiRecord): Promise<void> {
    const doc = JSON.stringify(api);
    return this.db.write(() => void this.put.run(api.id, doc));
  }

  delete(id: string): Promise<void> {
    return this.db.write(() => void this.del.run(id));
  }

  reset(): void {
    this.db.transaction(() => this.db.prepare("DELETE FROM apigateway_rest_apis").run());
  }
}
