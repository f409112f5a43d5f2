/**
 * Topics, subscriptions and their attributes, tags and permissions through the real SNSClient
 * (query protocol). https://docs.aws.amazon.com/sns/latest/api/welcome.html
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AddPermissionCommand,
  ConfirmSubscriptionCommand,
  CreateTopicCommand,
  DeleteTopicCommand,
  GetDataProtectionPolicyCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListSubscriptionsCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
  PutDataProtectionPolicyCommand,
  RemovePermissionCommand,
  SetSubscriptionAttributesCommand,
  SetTopicAttributesCommand,
  SubscribeCommand,
  TagResourceCommand,
  UnsubscribeCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-sns";
import { fails } from "../helpers/stratus.js";
import { ACCOUNT, queue, REGION, snsClient, startSns, type SnsHarness } from "./support.js";

let h: SnsHarness;
before(async () => {
  h = await startSns();
});
after(() => h.server.stop());


async function topic(name: string, attributes?: Record<string, string>): Promise<string> {
  return (await h.sns.send(new CreateTopicCommand({ Name: name, Attributes: attributes }))).TopicArn!;
}

describe("topics", () => {
  test("create, get the attributes AWS reports, list, delete (idempotent)", async () => {
    const arn = await topic("orders", { DisplayName: "Orders" });
    assert.equal(arn, `arn:aws:sns:${REGION}:${ACCOUNT}:orders`);
    assert.equal(await topic("orders", { DisplayName: "Orders" }), arn, "creating it again returns the same topic");
    const { Attributes: a } = await h.sns.send(new GetTopicAttributesCommand({ TopicArn: arn }));
    assert.equal(a!.TopicArn, arn);
    assert.equal(a!.Owner, ACCOUNT);
    assert.equal(a!.DisplayName, "Orders");
    assert.equal(a!.SubscriptionsConfirmed, "0");
    assert.equal(a!.SubscriptionsPending, "0");
    assert.equal(a!.SubscriptionsDeleted, "0");
    assert.equal(JSON.parse(a!.Policy!).Statement[0].Resource, arn);
    assert.equal(JSON.parse(a!.EffectiveDeliveryPolicy!).http.defaultHealthyRetryPolicy.numRetries, 3);
    assert.equal(a!.FifoTopic, undefined);
    const { Topics } = await h.sns.send(new ListTopicsCommand({}));
    assert.ok(Topics!.some((t) => t.TopicArn === arn));
    await h.sns.send(new DeleteTopicCommand({ TopicArn: arn }));
    await h.sns.send(new DeleteTopicCommand({ TopicArn: arn }));
    await fails(h.sns.send(new GetTopicAttributesCommand({ TopicArn: arn })), "NotFoundException", "Topic does not exist", 404);
  });

  test("an existing name with different attributes, bad names and FIFO rules are refused", async () => {
    await topic("same", { DisplayName: "A" });
    await fails(h.sns.send(new CreateTopicCommand({ Name: "same", Attributes: { DisplayName: "B" } })), "InvalidParameterException", "Invalid parameter: Attributes Reason: Topic already exists with different attributes");
    await fails(h.sns.send(new CreateTopicCommand({ Name: "bad name" })), "InvalidParameterException", "Invalid parameter: Topic Name");
    await fails(h.sns.send(new CreateTopicCommand({ Name: "x".repeat(257) })), "InvalidParameterException", "Invalid parameter: Topic Name");
    await fails(h.sns.send(new CreateTopicCommand({ Name: "plain.fifo" })), "InvalidParameterException", "Invalid parameter: Topic Name");
    await fails(h.sns.send(new CreateTopicCommand({ Name: "nofifo", Attributes: { FifoTopic: "true" } })), "InvalidParameterException", /Fifo Topic names must end with \.fifo/);
    await fails(h.sns.send(new CreateTopicCommand({ Name: "std", Attributes: { ContentBasedDeduplication: "true" } })), "InvalidParameterException", /ContentBasedDeduplication/);
    await fails(h.sns.send(new CreateTopicCommand({ Name: "std", Attributes: { Bogus: "1" } })), "InvalidParameterException", "Invalid parameter: AttributeName");
    const fifo = await topic("events.fifo", { FifoTopic: "true", ContentBasedDeduplication: "true" });
    const { Attributes } = await h.sns.send(new GetTopicAttributesCommand({ TopicArn: fifo }));
    assert.equal(Attributes!.FifoTopic, "true");
    assert.equal(Attributes!.ContentBasedDeduplication, "true");
  });

  test("SetTopicAttributes changes an attribute, checks values, and an empty value restores the default", async () => {
    const arn = await topic("settable");
    await h.sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: "DisplayName", AttributeValue: "Shown" }));
    await h.sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: "SignatureVersion", AttributeValue: "2" }));
    let { Attributes } = await h.sns.send(new GetTopicAttributesCommand({ TopicArn: arn }));
    assert.equal(Attributes!.DisplayName, "Shown");
    assert.equal(Attributes!.SignatureVersion, "2");
    await fails(h.sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: "SignatureVersion", AttributeValue: "3" })), "InvalidParameterException", /SignatureVersion/);
    await fails(h.sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: "Nope", AttributeValue: "3" })), "InvalidParameterException", "Invalid parameter: AttributeName");
    await h.sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: "DisplayName", AttributeValue: "" }));
    ({ Attributes } = await h.sns.send(new GetTopicAttributesCommand({ TopicArn: arn })));
    assert.equal(Attributes!.DisplayName, "");
  });

  test("ListTopics pages by 100 with NextToken", async () => {
    const c = snsClient(h.server, "300000000001");
    for (let i = 0; i < 105; i++) await c.send(new CreateTopicCommand({ Name: `p${String(i).padStart(3, "0")}` }));
    const first = await c.send(new ListTopicsCommand({}));
    assert.equal(first.Topics!.length, 100);
    assert.ok(first.NextToken);
    const second = await c.send(new ListTopicsCommand({ NextToken: first.NextToken }));
    assert.equal(second.Topics!.length, 5);
    assert.equal(second.NextToken, undefined);
    assert.equal(new Set([...first.Topics!, ...second.Topics!].map((t) => t.TopicArn)).size, 105);
  });

  test("tags: tag, list, untag; an unknown resource is ResourceNotFound", async () => {
    const arn = await topic("tagged");
    await h.sns.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: "team", Value: "a" }, { Key: "env", Value: "dev" }] }));
    await h.sns.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ["env"] }));
    assert.deepEqual((await h.sns.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, [{ Key: "team", Value: "a" }]);
    await fails(h.sns.send(new ListTagsForResourceCommand({ ResourceArn: `${arn}-missing` })), "ResourceNotFoundException", "Resource does not exist", 404);
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await fails(h.sns.send(new TagResourceCommand({ ResourceArn: arn, Tags: many })), "TagLimitExceededException", /tag quota/);
  });

  test("AddPermission and RemovePermission edit the topic policy by label", async () => {
    const arn = await topic("shared");
    await h.sns.send(new AddPermissionCommand({ TopicArn: arn, Label: "partner", AWSAccountId: ["111122223333"], ActionName: ["Publish"] }));
    const policy = JSON.parse((await h.sns.send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes!.Policy!);
    const statement = policy.Statement.find((s: { Sid: string }) => s.Sid === "partner");
    assert.deepEqual(statement.Action, ["SNS:Publish"]);
    assert.equal(statement.Principal.AWS, "arn:aws:iam::111122223333:root");
    await fails(h.sns.send(new AddPermissionCommand({ TopicArn: arn, Label: "partner", AWSAccountId: ["111122223333"], ActionName: ["Publish"] })), "InvalidParameterException", /already exists/);
    await h.sns.send(new RemovePermissionCommand({ TopicArn: arn, Label: "partner" }));
    const after = JSON.parse((await h.sns.send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes!.Policy!);
    assert.equal(after.Statement.some((s: { Sid: string }) => s.Sid === "partner"), false);
  });

  test("a data protection policy is stored and returned", async () => {
    const arn = await topic("protected");
    const doc = JSON.stringify({ Name: "p", Version: "2021-06-01", Statement: [] });
    await h.sns.send(new PutDataProtectionPolicyCommand({ ResourceArn: arn, DataProtectionPolicy: doc }));
    assert.equal((await h.sns.send(new GetDataProtectionPolicyCommand({ ResourceArn: arn }))).DataProtectionPolicy, doc);
    await fails(h.sns.send(new PutDataProtectionPolicyCommand({ ResourceArn: arn, DataProtectionPolicy: "{nope" })), "InvalidParameterException", "Invalid parameter: DataProtectionPolicy");
  });
});

describe("subscriptions", () => {
  test("an SQS subscription is confirmed at once; list, attributes, unsubscribe", async () => {
    const arn = await topic("subs");
    const q = await queue(h, "subs-q");
    const { SubscriptionArn } = await h.sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: "sqs", Endpoint: q.arn, Attributes: { RawMessageDelivery: "true" } }));
    assert.match(SubscriptionArn!, new RegExp(`^${arn}:[0-9a-f-]{36}$`));
    const again = await h.sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: "sqs", Endpoint: q.arn }));
    assert.equal(again.SubscriptionArn, SubscriptionArn, "the same endpoint subscribes once");
    const { Attributes: a } = await h.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
    assert.equal(a!.PendingConfirmation, "false");
    assert.equal(a!.ConfirmationWasAuthenticated, "true");
    assert.equal(a!.RawMessageDelivery, "true");
    assert.equal(a!.Protocol, "sqs");
    assert.equal(a!.Endpoint, q.arn);
    assert.equal(a!.TopicArn, arn);
    assert.equal(a!.Owner, ACCOUNT);
    const byTopic = await h.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: arn }));
    assert.deepEqual(byTopic.Subscriptions, [{ SubscriptionArn, Owner: ACCOUNT, Protocol: "sqs", Endpoint: q.arn, TopicArn: arn }]);
    assert.ok((await h.sns.send(new ListSubscriptionsCommand({}))).Subscriptions!.some((s) => s.SubscriptionArn === SubscriptionArn));
    assert.equal((await h.sns.send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes!.SubscriptionsConfirmed, "1");
    await h.sns.send(new UnsubscribeCommand({ SubscriptionArn }));
    await fails(h.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn })), "NotFoundException", "Subscription does not exist", 404);
    const counts = (await h.sns.send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes!;
    assert.equal(counts.SubscriptionsConfirmed, "0");
    assert.equal(counts.SubscriptionsDeleted, "1");
  });

  test("protocols, endpoints and attributes are checked as AWS checks them", async () => {
    const arn = await topic("checked");
    await fails(h.sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: "carrier-pigeon", Endpoint: "x" })), "InvalidParameterException", "Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon");
    await fails(h.sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: "sqs", Endpoint: "not-an-arn" })), "InvalidParameterException", /SQS endpoint ARN/);
    await fails(h.sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: "http", Endpoint: "https://example.com" })), "InvalidParameterException", "Invalid parameter: Endpoint must match the specified protocol");
    const fifoQueue = await queue(h, "checked.fifo", { FifoQueue: "true" });
    await fails(h.sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: "sqs", Endpoint: fifoQueue.arn })), "InvalidParameterException", /FIFO SQS Queues can not be subscribed to standard SNS topics/);
    const q = await queue(h, "checked-q");
    await fails(h.sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: "sqs", Endpoint: q.arn, Attributes: { FilterPolicy: '{"a": [{"prefox": "x"}]}' } })), "InvalidParameterException", /^Invalid parameter: Attributes Reason: FilterPolicy: Unrecognized match type prefox/);
    const { SubscriptionArn } = await h.sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: "sqs", Endpoint: q.arn }));
    await fails(h.sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: "Colour", AttributeValue: "red" })), "InvalidParameterException", "Invalid parameter: AttributeName");
    await fails(h.sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: "FilterPolicy", AttributeValue: '{"a": "b"}' })), "InvalidParameterException", /^Invalid parameter: FilterPolicy: /);
    await fails(h.sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: "FilterPolicyScope", AttributeValue: "Everything" })), "InvalidParameterException", /FilterPolicyScope/);
    await h.sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: "FilterPolicy", AttributeValue: '{"colour": ["red"]}' }));
    const { Attributes } = await h.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
    assert.equal(Attributes!.FilterPolicy, '{"colour": ["red"]}');
    assert.equal(Attributes!.FilterPolicyScope, "MessageAttributes");
  });

  test("an email subscription waits for confirmation; the recorded request's SubscribeURL confirms it unsigned", async () => {
    const arn = await topic("mail");
    const { SubscriptionArn } = await h.sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: "email", Endpoint: "ops@example.com" }));
    assert.equal(SubscriptionArn, "pending confirmation");
    const listed = (await h.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: arn }))).Subscriptions!;
    assert.equal(listed[0].SubscriptionArn, "PendingConfirmation");
    const res = await fetch(`${h.server.endpoint}/_stratus/sns/deliveries?endpoint=ops%40example.com`);
    const { deliveries } = (await res.json()) as { deliveries: Array<{ type: string; body: string }> };
    assert.equal(deliveries.length, 1);
    assert.equal(deliveries[0].type, "SubscriptionConfirmation");
    const url = /http:\/\/\S+Action=ConfirmSubscription\S+/.exec(deliveries[0].body)![0];
    await fails(h.sns.send(new ConfirmSubscriptionCommand({ TopicArn: arn, Token: "wrong" })), "InvalidParameterException", "Invalid parameter: Invalid token");
    const confirm = await fetch(url);
    assert.equal(confirm.status, 200);
    assert.match(await confirm.text(), /<ConfirmSubscriptionResponse[\s\S]*<SubscriptionArn>arn:aws:sns:/);
    const after = (await h.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: arn }))).Subscriptions!;
    assert.match(after[0].SubscriptionArn!, new RegExp(`^${arn}:`));
    const attrs = (await h.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: after[0].SubscriptionArn }))).Attributes!;
    assert.equal(attrs.PendingConfirmation, "false");
    assert.equal(attrs.ConfirmationWasAuthenticated, "false");
  });
});
