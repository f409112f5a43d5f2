/**
 * Topics and subscriptions in memory (the publish path never reads storage), written through
 * to the store. Filter policies are compiled once, when they are set.
 */
import { PatternSet, type CompiledPattern, type FilterPolicyScope } from "../../core/event-patterns/index.js";
import { SnsErrors } from "./errors.js";
import { parseTopicArn } from "./names.js";
import type { SnsStore } from "./store/sns-store.js";
import { compileFilter, filterScope } from "./subscription-attributes.js";
import type { SubscriptionRecord, TopicRecord } from "./types.js";

export interface Subscription {
  record: SubscriptionRecord;
  filter: CompiledPattern | undefined;
}

export class SnsRegistry {
  readonly topics = new Map<string, TopicRecord>();
  readonly subscriptions = new Map<string, Subscription>();
  /** Topic ARN → its subscriptions, in creation order. */
  private readonly byTopic = new Map<string, Map<string, Subscription>>();
  /**
   * Topic ARN → its subscriptions' filter policies by scope, matched together (PatternSet
   * flattens a message once and only tries the policies that can match it): a topic with
   * thousands of filtered subscriptions still publishes quickly.
   */
  private readonly filters = new Map<string, Record<FilterPolicyScope, PatternSet<string>>>();

  constructor(readonly store: SnsStore) {}

  load(): void {
    const snap = this.store.load();
    for (const t of snap.topics) this.topics.set(t.arn, t);
    for (const s of snap.subscriptions) this.index(s);
  }

  clear(): void {
    this.topics.clear();
    this.subscriptions.clear();
    this.byTopic.clear();
    this.filters.clear();
  }

  /** The topic an ARN names in this account and region, or NotFound. */
  topic(arn: string | undefined, where: { accountId: string; region: string }): TopicRecord {
    const t = arn ? this.topics.get(arn) : undefined;
    if (!t) {
      const ref = arn ? parseTopicArn(arn) : undefined;
      if (!ref) throw SnsErrors.invalidParameter("TopicArn");
      throw SnsErrors.topicNotFound();
    }
    if (t.accountId !== where.accountId || t.region !== where.region) throw SnsErrors.topicNotFound();
    return t;
  }

  subscription(arn: string | undefined, where: { accountId: string; region: string }): Subscription {
    const s = arn ? this.subscriptions.get(arn) : undefined;
    if (!s || s.record.accountId !== where.accountId || s.record.region !== where.region) {
      if (!arn || !arn.startsWith("arn:")) throw SnsErrors.invalidParameter("SubscriptionArn");
      throw SnsErrors.subscriptionNotFound();
    }
    return s;
  }

  subscriptionsOf(topicArn: string): Iterable<Subscription> {
    return this.byTopic.get(topicArn)?.values() ?? [];
  }

  /** The subscription ARNs of this topic whose filter policy in `scope` matches the event. */
  filtered(topicArn: string, scope: FilterPolicyScope, event: Record<string, unknown>): string[] {
    return this.filters.get(topicArn)?.[scope].matching(event) ?? [];
  }

  hasFilters(topicArn: string, scope: FilterPolicyScope): boolean {
    return (this.filters.get(topicArn)?.[scope].size ?? 0) > 0;
  }

  counts(topicArn: string): { confirmed: number; pending: number } {
    let confirmed = 0;
    let pending = 0;
    for (const s of this.subscriptionsOf(topicArn)) {
      if (s.record.confirmed) confirmed++;
      else pending++;
    }
    return { confirmed, pending };
  }

  async saveTopic(t: TopicRecord): Promise<void> {
    this.topics.set(t.arn, t);
    await this.store.putTopic(t);
  }

  async deleteTopic(t: TopicRecord): Promise<void> {
    this.topics.delete(t.arn);
    for (const s of this.subscriptionsOf(t.arn)) this.subscriptions.delete(s.record.arn);
    this.byTopic.delete(t.arn);
    this.filters.delete(t.arn);
    await this.store.deleteTopic(t.arn);
  }

  /** Stores a new or changed subscription (recompiling its filter policy). */
  async saveSubscription(record: SubscriptionRecord): Promise<Subscription> {
    const s = this.index(record);
    await this.store.putSubscription(record);
    return s;
  }

  async deleteSubscription(s: Subscription): Promise<void> {
    this.subscriptions.delete(s.record.arn);
    this.byTopic.get(s.record.topicArn)?.delete(s.record.arn);
    this.unfilter(s.record);
    const topic = this.topics.get(s.record.topicArn);
    if (topic) {
      topic.subscriptionsDeleted++;
      await this.store.putTopic(topic);
    }
    await this.store.deleteSubscription(s.record.arn);
  }

  private index(record: SubscriptionRecord): Subscription {
    const s: Subscription = { record, filter: compileFilter(record.attributes) };
    this.subscriptions.set(record.arn, s);
    let subs = this.byTopic.get(record.topicArn);
    if (!subs) this.byTopic.set(record.topicArn, (subs = new Map()));
    subs.set(record.arn, s);
    this.unfilter(record);
    if (s.filter) {
      let sets = this.filters.get(record.topicArn);
      if (!sets) this.filters.set(record.topicArn, (sets = { MessageAttributes: new PatternSet(), MessageBody: new PatternSet() }));
      sets[filterScope(record.attributes)].add(record.arn, s.filter);
    }
    return s;
  }

  private unfilter(record: SubscriptionRecord): void {
    const sets = this.filters.get(record.topicArn);
    sets?.MessageAttributes.delete(record.arn);
    sets?.MessageBody.delete(record.arn);
  }
}
