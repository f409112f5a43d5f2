/**
 * Queue attributes: defaults, ranges, names CreateQueue and SetQueueAttributes accept, what
 * GetQueueAttributes reports (counts, timestamps, ARN, redrive and KMS settings).
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueAttributes.html
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { CreateQueueCommand, GetQueueAttributesCommand, SetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { rejection } from "../helpers/stratus.js";
import { ACCOUNT, createQueue, errorFacts, queueAttributes, startHarness, uniqueName, type Harness } from "./support.js";

let h: Harness;

before(async () => {
  h = await startHarness();
});

after(async () => {
  await h.stop();
});

const seconds = (ms: number) => String(Math.floor(ms / 1000));

describe("defaults", () => {
  test("a standard queue reports exactly AWS's default attribute set", async () => {
    const name = uniqueName("defaults");
    const createdAt = h.clock.now();
    const url = await createQueue(h.sqs, name);
    assert.deepEqual(await queueAttributes(h.sqs, url), {
      ApproximateNumberOfMessages: "0",
      ApproximateNumberOfMessagesNotVisible: "0",
      ApproximateNumberOfMessagesDelayed: "0",
      CreatedTimestamp: seconds(createdAt),
      LastModifiedTimestamp: seconds(createdAt),
      DelaySeconds: "0",
      MaximumMessageSize: "1048576",
      MessageRetentionPeriod: "345600",
      QueueArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`,
      ReceiveMessageWaitTimeSeconds: "0",
      SqsManagedSseEnabled: "true",
      VisibilityTimeout: "30",
    });
  });

  test("a FIFO queue adds FifoQueue, ContentBasedDeduplication, DeduplicationScope and FifoThroughputLimit", async () => {
    const name = uniqueName("fifodefaults", true);
    const url = await createQueue(h.sqs, name);
    const a = await queueAttributes(h.sqs, url);
    assert.equal(a.FifoQueue, "true");
    assert.equal(a.ContentBasedDeduplication, "false");
    assert.equal(a.DeduplicationScope, "queue");
    assert.equal(a.FifoThroughputLimit, "perQueue");
    assert.equal(a.QueueArn, `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`);
    assert.equal(a.VisibilityTimeout, "30");
  });

  test("asking for some names returns only those; asking for none returns nothing", async () => {
    const url = await createQueue(h.sqs, uniqueName("subset"));
    assert.deepEqual(await queueAttributes(h.sqs, url, ["VisibilityTimeout", "QueueArn"]), {
      VisibilityTimeout: "30",
      QueueArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:${url.split("/").pop()}`,
    });
    const none = await h.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url }));
    assert.equal(none.Attributes, undefined);
  });

  test("an unknown attribute name in GetQueueAttributes is InvalidAttributeName", async () => {
    const url = await createQueue(h.sqs, uniqueName("unknownget"));
    const err = await rejection(h.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["Bogus" as any] })));
    assert.deepEqual(errorFacts(err), { name: "InvalidAttributeName", code: "InvalidAttributeName", status: 400 });
  });
});

describe("setting attributes", () => {
  test("every settable attribute round-trips, and LastModifiedTimestamp moves", async () => {
    const createdAt = h.clock.now();
    const url = await createQueue(h.sqs, uniqueName("roundtrip"));
    await h.clock.advance(10_000);
    const values = {
      DelaySeconds: "900",
      MaximumMessageSize: "1024",
      MessageRetentionPeriod: "60",
      ReceiveMessageWaitTimeSeconds: "20",
      VisibilityTimeout: "43200",
      Policy: JSON.stringify({ Version: "2012-10-17", Statement: [] }),
    };
    await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: values }));
    const a = await queueAttributes(h.sqs, url);
    for (const [k, v] of Object.entries(values)) assert.equal(a[k], v, k);
    assert.equal(a.CreatedTimestamp, seconds(createdAt));
    assert.equal(a.LastModifiedTimestamp, seconds(createdAt + 10_000));
  });

  test("attributes given to CreateQueue are kept", async () => {
    const url = await createQueue(h.sqs, uniqueName("created"), { DelaySeconds: "0", MaximumMessageSize: "1048576", MessageRetentionPeriod: "1209600", VisibilityTimeout: "0" });
    const a = await queueAttributes(h.sqs, url);
    assert.equal(a.MessageRetentionPeriod, "1209600");
    assert.equal(a.VisibilityTimeout, "0");
  });

  const outOfRange: Array<[string, string[], string[]]> = [
    ["DelaySeconds", ["-1", "901", "abc", "1.5"], ["0", "900"]],
    ["MaximumMessageSize", ["1023", "1048577", ""], ["1024", "1048576"]],
    ["MessageRetentionPeriod", ["59", "1209601"], ["60", "1209600"]],
    ["ReceiveMessageWaitTimeSeconds", ["-1", "21"], ["0", "20"]],
    ["VisibilityTimeout", ["-1", "43201"], ["0", "43200"]],
    ["KmsDataKeyReusePeriodSeconds", ["59", "86401"], ["60", "86400"]],
  ];

  for (const [name, bad, good] of outOfRange) {
    test(`${name}: ${bad.join(", ")} are InvalidAttributeValue; ${good.join(", ")} are accepted`, async () => {
      const url = await createQueue(h.sqs, uniqueName("range"));
      for (const value of bad) {
        const onSet = await rejection(h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { [name]: value } })));
        assert.deepEqual(errorFacts(onSet), { name: "InvalidAttributeValue", code: "InvalidAttributeValue", status: 400 }, `${name}=${value}`);
        const onCreate = await rejection(h.sqs.send(new CreateQueueCommand({ QueueName: uniqueName("rangec"), Attributes: { [name]: value } })));
        assert.equal(onCreate.name, "InvalidAttributeValue", `${name}=${value} on CreateQueue`);
      }
      for (const value of good) {
        await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { [name]: value } }));
        assert.equal((await queueAttributes(h.sqs, url, [name]))[name], value);
      }
    });
  }

  test("unknown names are InvalidAttributeName on CreateQueue and SetQueueAttributes", async () => {
    const url = await createQueue(h.sqs, uniqueName("unknownset"));
    const onSet = await rejection(h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Bogus: "1" } as any })));
    assert.deepEqual(errorFacts(onSet), { name: "InvalidAttributeName", code: "InvalidAttributeName", status: 400 });
    const onCreate = await rejection(h.sqs.send(new CreateQueueCommand({ QueueName: uniqueName("unknownc"), Attributes: { Bogus: "1" } as any })));
    assert.equal(onCreate.name, "InvalidAttributeName");
    // Read-only attributes cannot be set.
    const readOnly = await rejection(h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { QueueArn: "arn:aws:sqs:us-east-1:000000000000:x" } })));
    assert.equal(readOnly.name, "InvalidAttributeName");
  });

  test("FifoQueue cannot change after creation; FIFO-only attributes are unknown on standard queues", async () => {
    const url = await createQueue(h.sqs, uniqueName("typefixed"));
    const err = await rejection(h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { FifoQueue: "true" } })));
    assert.equal(err.name, "InvalidAttributeName");
    for (const [k, v] of [["ContentBasedDeduplication", "true"], ["DeduplicationScope", "messageGroup"], ["FifoThroughputLimit", "perMessageGroupId"]]) {
      const e = await rejection(h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { [k]: v } })));
      assert.equal(e.name, "InvalidAttributeName", k);
      const c = await rejection(h.sqs.send(new CreateQueueCommand({ QueueName: uniqueName("stdfifoattr"), Attributes: { [k]: v } })));
      assert.equal(c.name, "InvalidAttributeName", `${k} on CreateQueue`);
    }
  });

  test("FIFO attributes take only their documented values", async () => {
    const url = await createQueue(h.sqs, uniqueName("fifovals", true));
    for (const [k, v] of [["ContentBasedDeduplication", "yes"], ["DeduplicationScope", "group"], ["FifoThroughputLimit", "perGroup"]]) {
      const e = await rejection(h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { [k]: v } })));
      assert.equal(e.name, "InvalidAttributeValue", `${k}=${v}`);
    }
    await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { ContentBasedDeduplication: "true", DeduplicationScope: "messageGroup", FifoThroughputLimit: "perMessageGroupId" } }));
    const a = await queueAttributes(h.sqs, url);
    assert.equal(a.ContentBasedDeduplication, "true");
    assert.equal(a.DeduplicationScope, "messageGroup");
    assert.equal(a.FifoThroughputLimit, "perMessageGroupId");
  });

  test("FifoThroughputLimit=perMessageGroupId needs DeduplicationScope=messageGroup", async () => {
    const bad = await rejection(
      h.sqs.send(new CreateQueueCommand({ QueueName: uniqueName("hightp", true), Attributes: { FifoQueue: "true", FifoThroughputLimit: "perMessageGroupId" } })),
    );
    assert.equal(bad.name, "InvalidAttributeValue");
    const url = await createQueue(h.sqs, uniqueName("hightp", true), { DeduplicationScope: "messageGroup", FifoThroughputLimit: "perMessageGroupId" });
    const back = await rejection(h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { DeduplicationScope: "queue" } })));
    assert.equal(back.name, "InvalidAttributeValue");
    await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { DeduplicationScope: "queue", FifoThroughputLimit: "perQueue" } }));
    assert.equal((await queueAttributes(h.sqs, url, ["DeduplicationScope"])).DeduplicationScope, "queue");
  });

  test("a Policy must be a JSON object; an empty Policy removes it", async () => {
    const url = await createQueue(h.sqs, uniqueName("policy"));
    const err = await rejection(h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: "{not json" } })));
    assert.equal(err.name, "InvalidAttributeValue");
    await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: '{"Version":"2012-10-17","Statement":[]}' } }));
    assert.ok((await queueAttributes(h.sqs, url)).Policy);
    await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: "" } }));
    assert.equal((await queueAttributes(h.sqs, url)).Policy, undefined);
  });

  test("KMS attributes are stored and returned; a KMS key turns SSE-SQS off", async () => {
    const url = await createQueue(h.sqs, uniqueName("kms"), { KmsMasterKeyId: "alias/aws/sqs", KmsDataKeyReusePeriodSeconds: "600" });
    const a = await queueAttributes(h.sqs, url);
    assert.equal(a.KmsMasterKeyId, "alias/aws/sqs");
    assert.equal(a.KmsDataKeyReusePeriodSeconds, "600");
    assert.equal(a.SqsManagedSseEnabled, "false");
    await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsMasterKeyId: "arn:aws:kms:us-east-1:000000000000:key/1234" } }));
    assert.equal((await queueAttributes(h.sqs, url, ["KmsMasterKeyId"])).KmsMasterKeyId, "arn:aws:kms:us-east-1:000000000000:key/1234");
    const sse = await createQueue(h.sqs, uniqueName("ssesqs"), { SqsManagedSseEnabled: "false" });
    assert.equal((await queueAttributes(h.sqs, sse, ["SqsManagedSseEnabled"])).SqsManagedSseEnabled, "false");
  });

  test("RedrivePolicy and RedriveAllowPolicy are stored as JSON and removed by an empty value", async () => {
    const dlq = await createQueue(h.sqs, uniqueName("attr-dlq"));
    const dlqArn = (await queueAttributes(h.sqs, dlq, ["QueueArn"])).QueueArn;
    const src = await createQueue(h.sqs, uniqueName("attr-src"), { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: "4" }) });
    const srcArn = (await queueAttributes(h.sqs, src, ["QueueArn"])).QueueArn;
    assert.deepEqual(JSON.parse((await queueAttributes(h.sqs, src)).RedrivePolicy), { deadLetterTargetArn: dlqArn, maxReceiveCount: 4 });

    await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: dlq, Attributes: { RedriveAllowPolicy: JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: [srcArn] }) } }));
    assert.deepEqual(JSON.parse((await queueAttributes(h.sqs, dlq)).RedriveAllowPolicy), { redrivePermission: "byQueue", sourceQueueArns: [srcArn] });

    await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: src, Attributes: { RedrivePolicy: "" } }));
    assert.equal((await queueAttributes(h.sqs, src)).RedrivePolicy, undefined);
    await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: dlq, Attributes: { RedriveAllowPolicy: "" } }));
    assert.equal((await queueAttributes(h.sqs, dlq)).RedriveAllowPolicy, undefined);
  });

  test("malformed redrive policies are rejected", async () => {
    const dlq = await createQueue(h.sqs, uniqueName("bad-dlq"));
    const dlqArn = (await queueAttributes(h.sqs, dlq, ["QueueArn"])).QueueArn;
    const url = await createQueue(h.sqs, uniqueName("bad-src"));
    const set = (Attributes: Record<string, string>) => rejection(h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes })));
    for (const policy of ["not json", JSON.stringify({ maxReceiveCount: 3 }), JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 0 }), JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1001 })]) {
      assert.equal((await set({ RedrivePolicy: policy })).name, "InvalidParameterValue", policy);
    }
    for (const allow of ["not json", JSON.stringify({ redrivePermission: "sometimes" }), JSON.stringify({ redrivePermission: "byQueue" }), JSON.stringify({ redrivePermission: "allowAll", sourceQueueArns: [dlqArn] })]) {
      assert.equal((await set({ RedriveAllowPolicy: allow })).name, "InvalidParameterValue", allow);
    }
  });
});
