/** What SNS keeps: topics and subscriptions, one JSON document each in storage. */

export interface TopicRecord {
  arn: string;
  accountId: string;
  region: string;
  name: string;
  fifo: boolean;
  /** Attributes the user set (DisplayName, Policy, DeliveryPolicy, ContentBasedDeduplication, …). */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  dataProtectionPolicy?: string;
  /** Subscriptions removed so far (GetTopicAttributes' SubscriptionsDeleted). */
  subscriptionsDeleted: number;
}

export interface SubscriptionRecord {
  arn: string;
  topicArn: string;
  accountId: string;
  region: string;
  protocol: string;
  endpoint: string;
  /** Attributes the user set (FilterPolicy, FilterPolicyScope, RawMessageDelivery, RedrivePolicy, …). */
  attributes: Record<string, string>;
  confirmed: boolean;
  /** The confirmation token of a pending subscription (http/https/email). */
  token?: string;
  /** Confirmed by a signed request (Subscribe by the owner, or ConfirmSubscription) rather than the bare SubscribeURL. */
  confirmationWasAuthenticated?: boolean;
  /** ConfirmSubscription's AuthenticateOnUnsubscribe=true: only signed Unsubscribe calls may remove it. */
  authenticateOnUnsubscribe?: boolean;
}

/** A message attribute as Publish takes it (BinaryValue decoded to bytes by the protocol). */
export interface SnsMessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
}

/** One published message, as the fan-out sees it. */
export interface PublishedMessage {
  messageId: string;
  topic: TopicRecord;
  /** The default message; per-protocol messages when MessageStructure is json. */
  message: string;
  perProtocol?: Record<string, string>;
  subject?: string;
  attributes: Record<string, SnsMessageAttribute>;
  /** ISO timestamp with milliseconds, as signed. */
  timestamp: string;
  groupId?: string;
  dedupId?: string;
  sequenceNumber?: string;
}
