/** SnsStore on the embedded SQLite database: one JSON document per topic and subscription. */
import type { Database, Statement } from "../../../storage/sqlite/database.js";
import type { SubscriptionRecord, TopicRecord } from "../types.js";
import type { SnsSnapshot, SnsStore } from "./sns-store.js";

export class SqliteSnsStore implements SnsStore {
  private readonly putTopicStmt: Statement;
  private readonly delTopicStmt: Statement;
  private readonly delTopicSubsStmt: Statement;
  private readonly putSubStmt: Statement;
  private readonly delSubStmt: Statement;

  constructor(private readonly db: Database) {
    db.migrate("sns", [
      {
        up: `CREATE TABLE sns_topics (arn TEXT PRIMARY KEY, doc TEXT NOT NULL);
             CREATE TABLE sns_subscriptions (arn TEXT PRIMARY KEY, topic_arn TEXT NOT NULL, doc TEXT NOT NULL);
             CREATE INDEX sns_subscriptions_topic ON sns_subscriptions (topic_arn);`,
      },
    ]);
    this.putTopicStmt = db.prepare("INSERT OR REPLACE INTO sns_topics (arn, doc) VALUES (?, ?)");
    this.delTopicStmt = db.prepare("DELETE FROM sns_topics WHERE arn = ?");
    this.delTopicSubsStmt = db.prepare("DELETE FROM sns_subscriptions WHERE topic_arn = ?");
    this.putSubStmt = db.prepare("INSERT OR REPLACE INTO sns_subscriptions (arn, topic_arn, doc) VALUES (?, ?, ?)");
    this.delSubStmt = db.prepare("DELETE FROM sns_subscriptions WHERE arn = ?");
  }

  load(): SnsSnapshot {
    const docs = (sql: string) => (this.db.prepare(sql).all() as Array<{ doc: string }>).map((r) => JSON.parse(r.doc));
    return { topics: docs("SELECT doc FROM sns_topics ORDER BY arn"), subscriptions: docs("SELECT doc FROM sns_subscriptions ORDER BY rowid") };
  }

  putTopic(t: TopicRecord): Promise<void> {
    const doc = JSON.stringify(t);
    return this.db.write(() => void this.putTopicStmt.run(t.arn, doc));
  }

  deleteTopic(arn: string): Promise<void> {
    return this.db.write(() => {
      this.delTopicSubsStmt.run(arn);
      this.delTopicStmt.run(arn);
    });
  }

  putSubscription(s: SubscriptionRecord): Promise<void> {
    const doc = JSON.stringify(s);
    return this.db.write(() => void this.putSubStmt.run(s.arn, s.topicArn, doc));
  }

  deleteSubscription(arn: string): Promise<void> {
    return this.db.write(() => void this.delSubStmt.run(arn));
  }

  reset(): void {
    this.db.transaction(() => {
      this.db.prepare("DELETE FROM sns_subscriptions").run();
      this.db.prepare("DELETE FROM sns_topics").run();
    });
  }
}
