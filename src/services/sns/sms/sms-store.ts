/**
 * Where SMS settings, opted-out numbers and SMS sandbox numbers are kept, per account and region
 * (component `sns-sms`). The registry reads them once at start.
 */
import type { Database, Statement } from "../../../storage/sqlite/database.js";
import type { SandboxNumberRecord, Where } from "./types.js";

export interface SmsSnapshot {
  attributes: Array<Where & { attributes: Record<string, string> }>;
  optedOut: Array<Where & { phoneNumber: string }>;
  sandbox: Array<Where & { number: SandboxNumberRecord }>;
}

export interface SmsStore {
  load(): SmsSnapshot;
  putAttributes(where: Where, attributes: Record<string, string>): Promise<void>;
  putOptedOut(where: Where, phoneNumber: string): Promise<void>;
  deleteOptedOut(where: Where, phoneNumber: string): Promise<void>;
  putSandboxNumber(where: Where, number: SandboxNumberRecord): Promise<void>;
  deleteSandboxNumber(where: Where, phoneNumber: string): Promise<void>;
  reset(): void;
}

export class SqliteSmsStore implements SmsStore {
  private readonly putAttributesStmt: Statement;
  private readonly putOptedOutStmt: Statement;
  private readonly delOptedOutStmt: Statement;
  private readonly putSandboxStmt: Statement;
  private readonly delSandboxStmt: Statement;

  constructor(private readonly db: Database) {
    db.migrate("sns-sms", [
      {
        up: `CREATE TABLE sns_sms_attributes (account_id TEXT NOT NULL, region TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (account_id, region));
             CREATE TABLE sns_sms_opted_out (account_id TEXT NOT NULL, region TEXT NOT NULL, phone_number TEXT NOT NULL, PRIMARY KEY (account_id, region, phone_number));
             CREATE TABLE sns_sms_sandbox_numbers (account_id TEXT NOT NULL, region TEXT NOT NULL, phone_number TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (account_id, region, phone_number));`,
      },
    ]);
    this.putAttributesStmt = db.prepare("INSERT INTO sns_sms_attributes (account_id, region, doc) VALUES (?, ?, ?) ON CONFLICT (account_id, region) DO UPDATE SET doc = excluded.doc");
    this.putOptedOutStmt = db.prepare("INSERT OR IGNORE INTO sns_sms_opted_out (account_id, region, phone_number) VALUES (?, ?, ?)");
    this.delOptedOutStmt = db.prepare("DELETE FROM sns_sms_opted_out WHERE account_id = ? AND region = ? AND phone_number = ?");
    this.putSandboxStmt = db.prepare(
      "INSERT INTO sns_sms_sandbox_numbers (account_id, region, phone_number, doc) VALUES (?, ?, ?, ?) ON CONFLICT (account_id, region, phone_number) DO UPDATE SET doc = excluded.doc",
    );
    this.delSandboxStmt = db.prepare("DELETE FROM sns_sms_sandbox_numbers WHERE account_id = ? AND region = ? AND phone_number = ?");
  }

  load(): SmsSnapshot {
    type Row = { account_id: string; region: string; doc?: string; phone_number?: string };
    const rows = (sql: string) => this.db.prepare(sql).all() as Row[];
    return {
      attributes: rows("SELECT account_id, region, doc FROM sns_sms_attributes").map((r) => ({ accountId: r.account_id, region: r.region, attributes: JSON.parse(r.doc!) })),
      optedOut: rows("SELECT account_id, region, phone_number FROM sns_sms_opted_out ORDER BY rowid").map((r) => ({ accountId: r.account_id, region: r.region, phoneNumber: r.phone_number! })),
      sandbox: rows("SELECT account_id, region, doc FROM sns_sms_sandbox_numbers ORDER BY rowid").map((r) => ({ accountId: r.account_id, region: r.region, number: JSON.parse(r.doc!) })),
    };
  }

  putAttributes(where: Where, attributes: Record<string, string>): Promise<void> {
    const doc = JSON.stringify(attributes);
    return this.db.write(() => void this.putAttributesStmt.run(where.accountId, where.region, doc));
  }

  putOptedOut(where: Where, phoneNumber: string): Promise<void> {
    return this.db.write(() => void this.putOptedOutStmt.run(where.accountId, where.region, phoneNumber));
  }

  deleteOptedOut(where: Where, phoneNumber: string): Promise<void> {
    return this.db.write(() => void this.delOptedOutStmt.run(where.accountId, where.region, phoneNumber));
  }

  putSandboxNumber(where: Where, number: SandboxNumberRecord): Promise<void> {
    const doc = JSON.stringify(number);
    return this.db.write(() => void this.putSandboxStmt.run(where.accountId, where.region, number.phoneNumber, doc));
  }

  deleteSandboxNumber(where: Where, phoneNumber: string): Promise<void> {
    return this.db.write(() => void this.delSandboxStmt.run(where.accountId, where.region, phoneNumber));
  }

  reset(): void {
    this.db.transaction(() => {
      this.db.prepare("DELETE FROM sns_sms_attributes").run();
      this.db.prepare("DELETE FROM sns_sms_opted_out").run();
      this.db.prepare("DELETE FROM sns_sms_sandbox_numbers").run();
    });
  }
}
