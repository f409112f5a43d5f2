/** LambdaStore on the embedded SQLite database: one JSON document per resource. */
import type { Database, Statement } from "../../../storage/sqlite/database.js";
import { functionKey, type FunctionRecord, type LayerVersionRecord } from "../types.js";
import type { LambdaSnapshot, LambdaStore } from "./lambda-store.js";

const TABLES = ["lambda_functions", "lambda_layer_versions", "lambda_event_source_mappings"] as const;

export class SqliteLambdaStore implements LambdaStore {
  private readonly put: Record<(typeof TABLES)[number], Statement>;
  private readonly del: Record<(typeof TABLES)[number], Statement>;

  constructor(private readonly db: Database) {
    db.migrate("lambda", [{ up: TABLES.map((t) => `CREATE TABLE ${t} (key TEXT PRIMARY KEY, doc TEXT NOT NULL);`).join("\n") }]);
    this.put = Object.fromEntries(TABLES.map((t) => [t, db.prepare(`INSERT OR REPLACE INTO ${t} (key, doc) VALUES (?, ?)`)])) as typeof this.put;
    this.del = Object.fromEntries(TABLES.map((t) => [t, db.prepare(`DELETE FROM ${t} WHERE key = ?`)])) as typeof this.del;
  }

  load(): LambdaSnapshot {
    const all = (t: string) => (this.db.prepare(`SELECT doc FROM ${t} ORDER BY key`).all() as Array<{ doc: string }>).map((r) => JSON.parse(r.doc));
    return { functions: all("lambda_functions"), layers: all("lambda_layer_versions"), eventSourceMappings: all("lambda_event_source_mappings") };
  }

  putFunction(f: FunctionRecord): Promise<void> {
    const doc = JSON.stringify(f);
    return this.db.write(() => void this.put.lambda_functions.run(functionKey(f.accountId, f.region, f.name), doc));
  }

  deleteFunction(key: string): Promise<void> {
    return this.db.write(() => void this.del.lambda_functions.run(key));
  }

  putLayerVersion(l: LayerVersionRecord): Promise<void> {
    const doc = JSON.stringify(l);
    return this.db.write(() => void this.put.lambda_layer_versions.run(layerVersionKey(l), doc));
  }

  deleteLayerVersion(key: string): Promise<void> {
    return this.db.write(() => void this.del.lambda_layer_versions.run(key));
  }

  putEventSourceMapping(uuid: string, doc: Record<string, any>): Promise<void> {
    const text = JSON.stringify(doc);
    return this.db.write(() => void this.put.lambda_event_source_mappings.run(uuid, text));
  }

  deleteEventSourceMapping(uuid: string): Promise<void> {
    return this.db.write(() => void this.del.lambda_event_source_mappings.run(uuid));
  }

  reset(): void {
    this.db.transaction(() => {
      for (const t of TABLES) this.db.prepare(`DELETE FROM ${t}`).run();
    });
  }
}

export function layerVersionKey(l: { accountId: string; region: string; layerName: string; version: number }): string {
  return `${l.accountId}/${l.region}/${l.layerName}/${String(l.version).padStart(10, "0")}`;
}
