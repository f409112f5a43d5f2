/**
 * Protocols Stratus does not send anywhere (email, email-json, sms, application, firehose):
 * each delivery is recorded, durably, with what AWS would have sent, and served at
 * `GET /_stratus/sns/deliveries` so tests can assert on them.
 * email and sms get the bare message; email-json, application and firehose the JSON
 * notification. Confirmation requests to email endpoints are recorded the same way.
 */
import type { Database, Statement } from "../../../storage/sqlite/database.js";
import { messageFor, notificationJson } from "../envelope.js";
import type { Delivery } from "./types.js";

export const RECORDED_PROTOCOLS = new Set(["email", "email-json", "sms", "application", "firehose"]);

export interface RecordedDelivery {
  id: number;
  timestamp: string;
  /** Notification, SubscriptionConfirmation or UnsubscribeConfirmation. */
  type: string;
  protocol: string;
  endpoint: string;
  subscriptionArn?: string;
  topicArn?: string;
  messageId: string;
  subject?: string;
  /** What the endpoint would have received. */
  body: string;
}

export class RecordedDeliveries {
  private readonly insert: Statement;

  constructor(private readonly db: Database) {
    db.migrate("sns-recorded", [
      {
        up: `CREATE TABLE sns_recorded_deliveries (id INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL, protocol TEXT NOT NULL, endpoint TEXT NOT NULL);`,
      },
    ]);
    this.insert = db.prepare("INSERT INTO sns_recorded_deliveries (doc, protocol, endpoint) VALUES (?, ?, ?)");
  }

  /** A notification as the subscriber would have received it. */
  record(d: Delivery): Promise<void> {
    const { record } = d.subscription;
    const m = d.message;
    const text = messageFor(m, record.protocol);
    const body = record.protocol === "email" || record.protocol === "sms" ? text : notificationJson(m, text, d.envelope);
    return this.add({ timestamp: m.timestamp, type: "Notification", protocol: record.protocol, endpoint: record.endpoint, subscriptionArn: record.arn, topicArn: m.topic.arn, messageId: m.messageId, subject: m.subject, body });
  }

  async add(doc: Omit<RecordedDelivery, "id">): Promise<void> {
    await this.db.write(() => void this.insert.run(JSON.stringify(doc), doc.protocol, doc.endpoint));
  }

  /** Recorded deliveries, oldest first, optionally for one protocol and/or endpoint. */
  list(filter: { protocol?: string; endpoint?: string }): RecordedDelivery[] {
    const rows = this.db.prepare("SELECT id, doc FROM sns_recorded_deliveries WHERE (? IS NULL OR protocol = ?) AND (? IS NULL OR endpoint = ?) ORDER BY id").all(
      filter.protocol ?? null,
      filter.protocol ?? null,
      filter.endpoint ?? null,
      filter.endpoint ?? null,
    ) as Array<{ id: number; doc: string }>;
    return rows.map((r) => ({ id: r.id, ...JSON.parse(r.doc) }));
  }

  reset(): void {
    this.db.transaction(() => this.db.prepare("DELETE FROM sns_recorded_deliveries").run());
  }
}
