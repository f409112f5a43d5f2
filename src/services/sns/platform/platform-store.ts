/**
 * Where platform applications and endpoints are kept: one JSON document each, in tables of
 * their own (component `sns-platform`). The registry reads them once at start.
 */
import type { Database, Statement } from "../../../storage/sqlite/database.js";
import type { PlatformApplicationRecord, PlatformEndpointRecord } from "./types.js";

export interface PlatformStore {
  load(): { applications: PlatformApplicationRecord[]; endpoints: PlatformEndpointRecord[] };
  putApplication(app: PlatformApplicationRecord): Promise<void>;
  /** Deletes the application and every endpoint it has. */
  deleteApplication(arn: string): Promise<void>;
  putEndpoint(endpoint: PlatformEndpointRecord): Promise<void>;
  deleteEndpoint(arn: string): Promise<void>;
  reset(): void;
}

export class SqlitePlatformStore implements PlatformStore {
  private readonly putAppStmt: Statement;
  private readonly delAppStmt: Statement;
  private readonly delAppEndpointsStmt: Statement;
  private readonly putEndpointStmt: Statement;
  private readonly delEndpointStmt: Statement;

  constructor(private readonly db: Database) {
    db.migrate("sns-platform", [
      {
        up: `CREATE TABLE sns_platform_applications (arn TEXT PRIMARY KEY, doc TEXT NOT NULL);
             CREATE TABLE sns_platform_endpoints (arn TEXT PRIMARY KEY, application_arn TEXT NOT NULL, doc TEXT NOT NULL);
             CREATE INDEX sns_platform_endpoints_application ON sns_platform_endpoints (application_arn);`,
      },
    ]);
    // An update keeps its row (and so its place in creation order): upsert, not REPLACE.
    this.putAppStmt = db.prepare("INSERT INTO sns_platform_applications (arn, doc) VALUES (?, ?) ON CONFLICT (arn) DO UPDATE SET doc = excluded.doc");
    this.delAppStmt = db.prepare("DELETE FROM sns_platform_applications WHERE arn = ?");
    this.delAppEndpointsStmt = db.prepare("DELETE FROM sns_platform_endpoints WHERE application_arn = ?");
    this.putEndpointStmt = db.prepare("INSERT INTO sns_platform_endpoints (arn, application_arn, doc) VALUES (?, ?, ?) ON CONFLICT (arn) DO UPDATE SET doc = excluded.doc");
    this.delEndpointStmt = db.prepare("DELETE FROM sns_platform_endpoints WHERE arn = ?");
  }

  load(): { applications: PlatformApplicationRecord[]; endpoints: PlatformEndpointRecord[] } {
    const docs = (sql: string) => (this.db.prepare(sql).all() as Array<{ doc: string }>).map((r) => JSON.parse(r.doc));
    return { applications: docs("SELECT doc FROM sns_platform_applications ORDER BY rowid"), endpoints: docs("SELECT doc FROM sns_platform_endpoints ORDER BY rowid") };
  }

  putApplication(app: PlatformApplicationRecord): Promise<void> {
    const doc = JSON.stringify(app);
    return this.db.write(() => void this.putAppStmt.run(app.arn, doc));
  }

  deleteApplication(arn: string): Promise<void> {
    return this.db.write(() => {
      this.delAppEndpointsStmt.run(arn);
      this.delAppStmt.run(arn);
    });
  }

  putEndpoint(endpoint: PlatformEndpointRecord): Promise<void> {
    const doc = JSON.stringify(endpoint);
    return this.db.write(() => void this.putEndpointStmt.run(endpoint.arn, endpoint.applicationArn, doc));
  }

  deleteEndpoint(arn: string): Promise<void> {
    return this.db.write(() => void this.delEndpointStmt.run(arn));
  }

  reset(): void {
    this.db.transaction(() => {
      this.db.prepare("DELETE FROM sns_platform_endpoints").run();
      this.db.prepare("DELETE FROM sns_platform_applications").run();
    });
  }
}
