/** Where SNS's topics and subscriptions live (DESIGN §5: a repository per service). */
import type { SubscriptionRecord, TopicRecord } from "../types.js";

export interface SnsSnapshot {
  topics: TopicRecord[];
  subscriptions: SubscriptionRecord[];
}

export interface SnsStore {
  load(): SnsSnapshot;
  putTopic(t: TopicRecord): Promise<void>;
  /** Deletes the topic and its subscriptions in one write. */
  deleteTopic(arn: string): Promise<void>;
  putSubscription(s: SubscriptionRecord): Promise<void>;
  deleteSubscription(arn: string): Promise<void>;
  reset(): void;
}
