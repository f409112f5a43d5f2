/**
 * SQS over the awsQuery protocol (form in, XML out), driven by @aws-sdk/client-sqs@3.445.0,
 * the last generation of the JavaScript SDK that spoke query to SQS (installed under the npm
 * alias `sqs-query-client`). That client checks the MD5 digests SQS returns, so a body or an
 * attribute that does not survive the XML round trip byte for byte fails the call.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  AddPermissionCommand,
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  RemovePermissionCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
  TagQueueCommand,
  UntagQueueCommand,
  type Message,
  type QueueAttributeName,
} from "sqs-query-client";
import { ReceiveMessageCommand as JsonReceiveMessageCommand } from "@aws-sdk/client-sqs";
import type { StratusServer } from "../../src/index.js";
import { rejection, sqsClient, startStratus, TEST_CREDENTIALS } from "../helpers/stratus.js";

const ACCOUNT = "000000000000";
const REGION = "us-east-1";

/** XML-special characters, CR LF, a lone CR, tabs, non-ASCII, an astral emoji and a CDATA end. */
const TRICKY_BODY = `<order id="42" note='a&b'>\r\n\tTotal: 5 < 6 > 4 & "quoted" ]]> ok\r\n\tcafé, naïve, 日本語, Ωμέγα 😀🚀\rlone CR\nlone LF &amp; &#x41; </order>`;

/** This client types ReceiveMessage's AttributeNames as queue attribute names only; on the wire both kinds go. */
const systemNames = (...names: string[]) => names as QueueAttributeName[];

const md5 = (s: string | Uint8Array) => createHash("md5").update(s).digest("hex");

/**
 * The `<Error>` element of a query error response. For errors the operation models, this old
 * client leaves `err.message` as "UnknownError" (against AWS too) and keeps the element as
 * `err.Error`; for unmodeled ones it spreads the element's fields onto the error itself.
 */
function wireError(err: any): { Type: string; Code: string; Message: string } {
  if (err.Error) return { Type: err.Error.Type, Code: err.Error.Code, Message: err.Error.Message };
  return { Type: err.Type, Code: err.Code, Message: err.message };
}

interface SeenRequest {
  action: string;
  contentType: string;
  target: string | undefined;
}

describe("SQS over the query protocol (@aws-sdk/client-sqs 3.445.0)", () => {
  let server: StratusServer;
  let sqs: SQSClient;
  const seen: SeenRequest[] = [];
  const responseTypes: string[] = [];

  const url = (name: string) => `${server.endpoint}/${ACCOUNT}/${name}`;
  const arn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
  const counts = async (queueUrl: string) => {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
      }),
    );
    return Attributes;
  };
  const createQueue = async (name: string, attributes?: Record<string, string>) =>
    (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl!;

  before(async () => {
    server = await startStratus();
    sqs = new SQSClient({ endpoint: server.endpoint, region: REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    // Record what goes over the wire, to prove this really is the query protocol.
    sqs.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers: Record<string, string>; body?: unknown };
        const body = typeof request.body === "string" ? request.body : "";
        seen.push({
          action: new URLSearchParams(body).get("Action") ?? "",
          contentType: request.headers["content-type"] ?? "",
          target: request.headers["x-amz-target"],
        });
        const result = await next(args);
        const response = result.response as { headers: Record<string, string> };
        responseTypes.push(response.headers["content-type"] ?? "");
        return result;
      },
      { step: "finalizeRequest", name: "recordWire" },
    );
  });

  after(async () => {
    sqs?.destroy();
    await server?.stop();
  });

  test("the client speaks awsQuery: form-encoded Action/Version in, XML out", async () => {
    seen.length = 0;
    responseTypes.length = 0;
    await sqs.send(new ListQueuesCommand({}));
    assert.equal(seen.length, 1);
    assert.equal(seen[0].action, "ListQueues");
    assert.match(seen[0].contentType, /^application\/x-www-form-urlencoded/);
    assert.equal(seen[0].target, undefined);
    assert.equal(responseTypes[0], "text/xml");
  });

  test("CreateQueue with attributes and tags, GetQueueUrl, ListQueues by prefix, ListQueueTags", async () => {
    const queueUrl = await createQueue("oq-create-main", undefined);
    assert.equal(queueUrl, url("oq-create-main"));
    const withAttrs = (
      await sqs.send(
        new CreateQueueCommand({
          QueueName: "oq-create-attrs",
          Attributes: { VisibilityTimeout: "45", DelaySeconds: "2", MessageRetentionPeriod: "3600", MaximumMessageSize: "2048", ReceiveMessageWaitTimeSeconds: "1" },
          tags: { team: "core", "cost-center": "4711" },
        }),
      )
    ).QueueUrl;
    assert.equal(withAttrs, url("oq-create-attrs"));
    await createQueue("other-create-x");

    // Same name, same attributes: the existing URL; a different attribute value: QueueNameExists.
    const again = await sqs.send(new CreateQueueCommand({ QueueName: "oq-create-attrs", Attributes: { VisibilityTimeout: "45" } }));
    assert.equal(again.QueueUrl, withAttrs);
    const clash = await rejection(sqs.send(new CreateQueueCommand({ QueueName: "oq-create-attrs", Attributes: { VisibilityTimeout: "46" } })));
    assert.equal(clash.name, "QueueNameExists");
    assert.equal(clash.$metadata.httpStatusCode, 400);
    assert.equal(wireError(clash).Code, "QueueAlreadyExists");

    assert.equal((await sqs.send(new GetQueueUrlCommand({ QueueName: "oq-create-attrs" }))).QueueUrl, withAttrs);

    const listed = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: "oq-create-" }));
    assert.deepEqual(listed.QueueUrls, [url("oq-create-attrs"), url("oq-create-main")]);
    const page1 = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: "oq-create-", MaxResults: 1 }));
    assert.deepEqual(page1.QueueUrls, [url("oq-create-attrs")]);
    assert.equal(typeof page1.NextToken, "string");
    const page2 = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: "oq-create-", MaxResults: 1, NextToken: page1.NextToken }));
    assert.deepEqual(page2.QueueUrls, [url("oq-create-main")]);
    assert.equal(page2.NextToken, undefined);
    const none = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: "no-such-prefix-" }));
    assert.equal(none.QueueUrls, undefined);

    const tags = await sqs.send(new ListQueueTagsCommand({ QueueUrl: withAttrs }));
    assert.deepEqual(tags.Tags, { team: "core", "cost-center": "4711" });

    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: withAttrs, AttributeNames: ["All"] }));
    assert.ok(Attributes);
    assert.equal(Attributes.VisibilityTimeout, "45");
    assert.equal(Attributes.DelaySeconds, "2");
    assert.equal(Attributes.MessageRetentionPeriod, "3600");
    assert.equal(Attributes.MaximumMessageSize, "2048");
    assert.equal(Attributes.ReceiveMessageWaitTimeSeconds, "1");
    assert.equal(Attributes.QueueArn, arn("oq-create-attrs"));
  });

  test("Get/SetQueueAttributes (All)", async () => {
    const queueUrl = await createQueue("oq-attrs");
    const before = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["All"] }))).Attributes!;
    assert.deepEqual(Object.keys(before).sort(), [
      "ApproximateNumberOfMessages",
      "ApproximateNumberOfMessagesDelayed",
      "ApproximateNumberOfMessagesNotVisible",
      "CreatedTimestamp",
      "DelaySeconds",
      "LastModifiedTimestamp",
      "MaximumMessageSize",
      "MessageRetentionPeriod",
      "QueueArn",
      "ReceiveMessageWaitTimeSeconds",
      "SqsManagedSseEnabled",
      "VisibilityTimeout",
    ]);
    assert.equal(before.VisibilityTimeout, "30");
    assert.equal(before.DelaySeconds, "0");
    assert.equal(before.MessageRetentionPeriod, "345600");
    assert.equal(before.ApproximateNumberOfMessages, "0");
    assert.equal(before.QueueArn, arn("oq-attrs"));
    const nowSeconds = Math.floor(Date.now() / 1000);
    assert.ok(Math.abs(Number(before.CreatedTimestamp) - nowSeconds) <= 5, `CreatedTimestamp ${before.CreatedTimestamp} is in seconds and recent`);

    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "s1", Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: arn("oq-attrs") }] });
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { VisibilityTimeout: "120", DelaySeconds: "5", Policy: policy } }));
    const after = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["VisibilityTimeout", "DelaySeconds", "Policy", "MaximumMessageSize"] })))
      .Attributes!;
    assert.deepEqual(after, { VisibilityTimeout: "120", DelaySeconds: "5", Policy: policy, MaximumMessageSize: "1048576" });
  });

  test("SendMessage with String/Number/Binary attributes and a tricky body survives the XML round trip", async () => {
    const queueUrl = await createQueue("oq-tricky");
    const binary = Uint8Array.from([0, 1, 2, 0x3c, 0x26, 0x0d, 0x0a, 0xfe, 0xff]);
    const messageAttributes = {
      City: { DataType: "String", StringValue: "Zürich <&> \"quotes\" 'apos' 😀\r\nline2\ttab" },
      Count: { DataType: "Number", StringValue: "-12.50e3" },
      Blob: { DataType: "Binary", BinaryValue: binary },
      "Custom.Kind": { DataType: "String.custom-type", StringValue: "k" },
    };
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: TRICKY_BODY, MessageAttributes: messageAttributes }));
    assert.equal(sent.MD5OfMessageBody, md5(TRICKY_BODY));
    assert.match(sent.MessageId!, /^[0-9a-f-]{36}$/);
    assert.match(sent.MD5OfMessageAttributes!, /^[0-9a-f]{32}$/);

    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, AttributeNames: ["All"], MessageAttributeNames: ["All"], MaxNumberOfMessages: 10, VisibilityTimeout: 30 }),
    );
    assert.equal(Messages?.length, 1);
    const m = Messages[0];
    assert.equal(m.MessageId, sent.MessageId);
    assert.equal(m.Body, TRICKY_BODY);
    assert.equal(m.MD5OfBody, md5(TRICKY_BODY));
    assert.equal(m.MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
    assert.deepEqual(Object.keys(m.MessageAttributes ?? {}).sort(), ["Blob", "City", "Count", "Custom.Kind"]);
    assert.deepEqual(m.MessageAttributes!.City, { DataType: "String", StringValue: messageAttributes.City.StringValue });
    assert.deepEqual(m.MessageAttributes!.Count, { DataType: "Number", StringValue: "-12.50e3" });
    assert.deepEqual(m.MessageAttributes!["Custom.Kind"], { DataType: "String.custom-type", StringValue: "k" });
    assert.equal(m.MessageAttributes!.Blob.DataType, "Binary");
    assert.deepEqual(Buffer.from(m.MessageAttributes!.Blob.BinaryValue!), Buffer.from(binary));
    const attrs = m.Attributes!;
    assert.deepEqual(Object.keys(attrs).sort(), ["ApproximateFirstReceiveTimestamp", "ApproximateReceiveCount", "SenderId", "SentTimestamp"]);
    assert.equal(attrs.ApproximateReceiveCount, "1");
    assert.ok(Math.abs(Number(attrs.SentTimestamp) - Date.now()) < 10_000, "SentTimestamp is epoch milliseconds");
    assert.ok(Number(attrs.ApproximateFirstReceiveTimestamp) >= Number(attrs.SentTimestamp));
  });

  test("MessageSystemAttributes (AWSTraceHeader), attribute name filters, and a message crossing to the JSON protocol", async () => {
    const queueUrl = await createQueue("oq-system-attrs");
    const trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: "traced ✓",
        MessageSystemAttributes: { AWSTraceHeader: { DataType: "String", StringValue: trace } },
        MessageAttributes: {
          "app.user": { DataType: "String", StringValue: "ann" },
          "app.role": { DataType: "String", StringValue: "admin" },
          other: { DataType: "Number", StringValue: "7" },
        },
      }),
    );
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, AttributeNames: systemNames("AWSTraceHeader", "SentTimestamp"), MessageAttributeNames: ["app.*"], VisibilityTimeout: 0 }),
    );
    assert.equal(Messages?.length, 1);
    assert.deepEqual(Object.keys(Messages[0].Attributes ?? {}).sort(), ["AWSTraceHeader", "SentTimestamp"]);
    assert.equal(Messages[0].Attributes!.AWSTraceHeader, trace);
    assert.deepEqual(Object.keys(Messages[0].MessageAttributes ?? {}).sort(), ["app.role", "app.user"]);
    // The digest covers exactly the attributes returned.
    const expected = createHash("md5");
    for (const [name, value] of [["app.role", "admin"], ["app.user", "ann"]]) {
      for (const part of [name, "String"]) {
        const b = Buffer.from(part);
        expected.update(Buffer.from([0, 0, 0, b.length])).update(b);
      }
      const v = Buffer.from(value);
      expected.update(Buffer.from([1, 0, 0, 0, v.length])).update(v);
    }
    assert.equal(Messages[0].MD5OfMessageAttributes, expected.digest("hex"));

    // Sent over query, received over JSON: the same message, byte for byte.
    const json = sqsClient(server);
    try {
      const got = await json.send(new JsonReceiveMessageCommand({ QueueUrl: queueUrl, MessageAttributeNames: ["All"], MessageSystemAttributeNames: ["AWSTraceHeader"] }));
      assert.equal(got.Messages?.length, 1);
      assert.equal(got.Messages[0].Body, "traced ✓");
      assert.equal(got.Messages[0].Attributes?.AWSTraceHeader, trace);
      assert.deepEqual(got.Messages[0].MessageAttributes?.other, { DataType: "Number", StringValue: "7" });
    } finally {
      json.destroy();
    }
  });

  test("ReceiveMessage long poll returns as soon as a message arrives", async () => {
    const queueUrl = await createQueue("oq-long-poll");
    const started = Date.now();
    const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 10, MaxNumberOfMessages: 10 }));
    await new Promise((r) => setTimeout(r, 150));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "wake up" }));
    const { Messages } = await waiting;
    assert.deepEqual(Messages?.map((m) => m.Body), ["wake up"]);
    assert.ok(Date.now() - started < 5000, "the long poll answered early");
  });

  test("a 512 KiB body of multi-byte characters goes through the form and back", async () => {
    const queueUrl = await createQueue("oq-large");
    const body = "€&<é>\r\n".repeat(Math.floor((512 * 1024) / Buffer.byteLength("€&<é>\r\n")));
    assert.ok(Buffer.byteLength(body) > 500 * 1024);
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    assert.equal(sent.MD5OfMessageBody, md5(body));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    assert.equal(Messages?.length, 1);
    assert.equal(Messages[0].Body!.length, body.length);
    assert.ok(Messages[0].Body === body, "the body came back unchanged");
    assert.equal(Messages[0].MD5OfBody, md5(body));
  });

  test("SendMessageBatch reports a bad entry in Failed and sends the rest", async () => {
    const queueUrl = await createQueue("oq-batch");
    const result = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: "a", MessageBody: "first & <one>" },
          { Id: "bad", MessageBody: "nul \u0000 is not allowed" },
          { Id: "c", MessageBody: "third\r\n", MessageAttributes: { n: { DataType: "Number", StringValue: "3" } } },
          { Id: "d", MessageBody: "fourth", DelaySeconds: 0 },
        ],
      }),
    );
    assert.deepEqual(result.Successful?.map((s) => s.Id).sort(), ["a", "c", "d"]);
    for (const s of result.Successful!) assert.match(s.MessageId!, /^[0-9a-f-]{36}$/);
    assert.equal(result.Successful!.find((s) => s.Id === "c")!.MD5OfMessageBody, md5("third\r\n"));
    assert.equal(result.Failed?.length, 1);
    assert.equal(result.Failed[0].Id, "bad");
    assert.equal(result.Failed[0].SenderFault, true);
    assert.equal(result.Failed[0].Code, "InvalidMessageContents");
    assert.match(result.Failed[0].Message!, /#x0/);

    const bodies = await drain(queueUrl);
    assert.deepEqual(bodies.map((m) => m.Body).sort(), ["first & <one>", "fourth", "third\r\n"]);
  });

  test("ChangeMessageVisibility(Batch) and DeleteMessage(Batch)", async () => {
    const queueUrl = await createQueue("oq-visibility");
    await sqs.send(
      new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: ["m1", "m2", "m3", "m4"].map((b) => ({ Id: b, MessageBody: b })) }),
    );
    const first = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 600 }))).Messages!;
    assert.deepEqual(first.map((m) => m.Body).sort(), ["m1", "m2", "m3", "m4"]);
    assert.deepEqual(await counts(queueUrl), { ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "4", ApproximateNumberOfMessagesDelayed: "0" });
    const byBody = new Map(first.map((m) => [m.Body!, m]));

    // m1 becomes visible again at once.
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: byBody.get("m1")!.ReceiptHandle!, VisibilityTimeout: 0 }));
    // m2 too (batch), with one entry whose receipt handle is garbage.
    const changed = await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: "ok", ReceiptHandle: byBody.get("m2")!.ReceiptHandle!, VisibilityTimeout: 0 },
          { Id: "garbage", ReceiptHandle: "not-a-receipt-handle", VisibilityTimeout: 0 },
        ],
      }),
    );
    assert.deepEqual(changed.Successful, [{ Id: "ok" }]);
    assert.equal(changed.Failed?.length, 1);
    assert.equal(changed.Failed[0].Id, "garbage");
    assert.equal(changed.Failed[0].Code, "ReceiptHandleIsInvalid");
    assert.equal(changed.Failed[0].SenderFault, true);

    const second = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 600, AttributeNames: systemNames("ApproximateReceiveCount") })))
      .Messages!;
    assert.deepEqual(second.map((m) => m.Body).sort(), ["m1", "m2"]);
    for (const m of second) assert.equal(m.Attributes?.ApproximateReceiveCount, "2");

    // Delete m1 with its new handle; the others with a batch carrying one bad entry.
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: second.find((m) => m.Body === "m1")!.ReceiptHandle! }));
    const deleted = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: "m2", ReceiptHandle: second.find((m) => m.Body === "m2")!.ReceiptHandle! },
          { Id: "m3", ReceiptHandle: byBody.get("m3")!.ReceiptHandle! },
          { Id: "m4", ReceiptHandle: byBody.get("m4")!.ReceiptHandle! },
          { Id: "junk", ReceiptHandle: "junk" },
        ],
      }),
    );
    assert.deepEqual(deleted.Successful?.map((s) => s.Id).sort(), ["m2", "m3", "m4"]);
    assert.equal(deleted.Failed?.length, 1);
    assert.equal(deleted.Failed[0].Id, "junk");
    assert.equal(deleted.Failed[0].Code, "ReceiptHandleIsInvalid");
    assert.equal(deleted.Failed[0].SenderFault, true);
    assert.deepEqual(await counts(queueUrl), { ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0", ApproximateNumberOfMessagesDelayed: "0" });
  });

  test("PurgeQueue empties the queue, visible, in flight and delayed alike", async () => {
    const queueUrl = await createQueue("oq-purge");
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: [1, 2, 3, 4, 5].map((i) => ({ Id: `e${i}`, MessageBody: `p${i}` })) }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "later", DelaySeconds: 600 }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 2, VisibilityTimeout: 600 }));
    assert.deepEqual(await counts(queueUrl), { ApproximateNumberOfMessages: "3", ApproximateNumberOfMessagesNotVisible: "2", ApproximateNumberOfMessagesDelayed: "1" });
    await sqs.send(new PurgeQueueCommand({ QueueUrl: queueUrl }));
    assert.deepEqual(await counts(queueUrl), { ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0", ApproximateNumberOfMessagesDelayed: "0" });
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
    assert.equal(Messages, undefined);
  });

  test("TagQueue / UntagQueue / ListQueueTags", async () => {
    const queueUrl = await createQueue("oq-tags");
    assert.equal((await sqs.send(new ListQueueTagsCommand({ QueueUrl: queueUrl }))).Tags, undefined);
    await sqs.send(new TagQueueCommand({ QueueUrl: queueUrl, Tags: { a: "1", b: "two words & <more>", c: "" } }));
    assert.deepEqual((await sqs.send(new ListQueueTagsCommand({ QueueUrl: queueUrl }))).Tags, { a: "1", b: "two words & <more>", c: "" });
    await sqs.send(new TagQueueCommand({ QueueUrl: queueUrl, Tags: { a: "one" } }));
    await sqs.send(new UntagQueueCommand({ QueueUrl: queueUrl, TagKeys: ["b", "not-there"] }));
    assert.deepEqual((await sqs.send(new ListQueueTagsCommand({ QueueUrl: queueUrl }))).Tags, { a: "one", c: "" });
  });

  test("AddPermission / RemovePermission edit the queue policy", async () => {
    const queueUrl = await createQueue("oq-perm");
    await sqs.send(new AddPermissionCommand({ QueueUrl: queueUrl, Label: "senders", AWSAccountIds: ["111122223333", "444455556666"], Actions: ["SendMessage", "GetQueueUrl"] }));
    await sqs.send(new AddPermissionCommand({ QueueUrl: queueUrl, Label: "readers", AWSAccountIds: ["111122223333"], Actions: ["ReceiveMessage"] }));
    const policy = JSON.parse((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["Policy"] }))).Attributes!.Policy!);
    assert.equal(policy.Version, "2012-10-17");
    assert.deepEqual(policy.Statement, [
      {
        Sid: "senders",
        Effect: "Allow",
        Principal: { AWS: ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"] },
        Action: ["SQS:SendMessage", "SQS:GetQueueUrl"],
        Resource: arn("oq-perm"),
      },
      { Sid: "readers", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "SQS:ReceiveMessage", Resource: arn("oq-perm") },
    ]);

    const duplicate = await rejection(sqs.send(new AddPermissionCommand({ QueueUrl: queueUrl, Label: "readers", AWSAccountIds: ["111122223333"], Actions: ["SendMessage"] })));
    assert.equal(duplicate.name, "InvalidParameterValue");
    assert.equal(duplicate.$metadata.httpStatusCode, 400);
    assert.equal(wireError(duplicate).Code, "InvalidParameterValue");

    await sqs.send(new RemovePermissionCommand({ QueueUrl: queueUrl, Label: "senders" }));
    const left = JSON.parse((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["Policy"] }))).Attributes!.Policy!);
    assert.deepEqual(left.Statement.map((s: { Sid: string }) => s.Sid), ["readers"]);
    await sqs.send(new RemovePermissionCommand({ QueueUrl: queueUrl, Label: "readers" }));
    assert.equal((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["Policy"] }))).Attributes, undefined);
  });

  test("ListDeadLetterSourceQueues", async () => {
    const dlq = await createQueue("oq-dlq");
    const redrive = JSON.stringify({ deadLetterTargetArn: arn("oq-dlq"), maxReceiveCount: 3 });
    await createQueue("oq-dlq-src-b", { RedrivePolicy: redrive });
    await createQueue("oq-dlq-src-a", { RedrivePolicy: redrive });
    await createQueue("oq-dlq-unrelated");
    const { queueUrls } = await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }));
    assert.deepEqual(queueUrls, [url("oq-dlq-src-a"), url("oq-dlq-src-b")]);
    const src = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url("oq-dlq-src-a"), AttributeNames: ["RedrivePolicy"] }))).Attributes!;
    assert.deepEqual(JSON.parse(src.RedrivePolicy!), { deadLetterTargetArn: arn("oq-dlq"), maxReceiveCount: 3 });
  });

  test("FIFO queue: group id, deduplication id, sequence numbers, order", async () => {
    const queueUrl = await createQueue("oq-orders.fifo", { FifoQueue: "true", ContentBasedDeduplication: "false" });
    const sent = [];
    for (const i of [1, 2, 3]) {
      sent.push(await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: `order-${i}`, MessageGroupId: "g1", MessageDeduplicationId: `d${i}` })));
    }
    for (const s of sent) assert.match(s.SequenceNumber!, /^\d{20}$/);
    const seqs = sent.map((s) => BigInt(s.SequenceNumber!));
    assert.ok(seqs[0] < seqs[1] && seqs[1] < seqs[2], "sequence numbers increase");
    // A retry with the same deduplication id is accepted but not delivered twice.
    const dup = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "order-2 again", MessageGroupId: "g1", MessageDeduplicationId: "d2" }));
    assert.equal(dup.MessageId, sent[1].MessageId);
    assert.equal(dup.SequenceNumber, sent[1].SequenceNumber);
    const batch = await sqs.send(
      new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: [{ Id: "x", MessageBody: "order-4", MessageGroupId: "g1", MessageDeduplicationId: "d4" }] }),
    );
    assert.match(batch.Successful![0].SequenceNumber!, /^\d{20}$/);

    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, AttributeNames: ["All"] }));
    assert.deepEqual(Messages?.map((m) => m.Body), ["order-1", "order-2", "order-3", "order-4"]);
    assert.deepEqual(
      Messages.map((m) => m.Attributes?.SequenceNumber),
      [...sent.map((s) => s.SequenceNumber), batch.Successful![0].SequenceNumber],
    );
    assert.deepEqual(Messages.map((m) => m.Attributes?.MessageDeduplicationId), ["d1", "d2", "d3", "d4"]);
    for (const m of Messages) assert.equal(m.Attributes?.MessageGroupId, "g1");

    // FIFO rules: no group id → MissingParameter; per-message DelaySeconds → InvalidParameterValue.
    const noGroup = await rejection(sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "x", MessageDeduplicationId: "z" })));
    assert.equal(noGroup.name, "MissingParameter");
    assert.equal(noGroup.$metadata.httpStatusCode, 400);
    assert.deepEqual(wireError(noGroup), { Type: "Sender", Code: "MissingParameter", Message: "The request must contain the parameter MessageGroupId." });
    const delayed = await rejection(sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "x", MessageGroupId: "g1", MessageDeduplicationId: "z", DelaySeconds: 5 })));
    assert.equal(delayed.name, "InvalidParameterValue");
    assert.equal(delayed.$metadata.httpStatusCode, 400);
  });

  describe("errors", () => {
    test("nonexistent queue: AWS.SimpleQueueService.NonExistentQueue, 400", async () => {
      const byName = await rejection(sqs.send(new GetQueueUrlCommand({ QueueName: "oq-no-such-queue" })));
      assert.equal(byName.name, "QueueDoesNotExist");
      assert.equal(byName.$metadata.httpStatusCode, 400);
      assert.deepEqual(wireError(byName), { Type: "Sender", Code: "AWS.SimpleQueueService.NonExistentQueue", Message: "The specified queue does not exist." });

      const byUrl = await rejection(sqs.send(new SendMessageCommand({ QueueUrl: url("oq-no-such-queue"), MessageBody: "x" })));
      assert.equal(byUrl.name, "AWS.SimpleQueueService.NonExistentQueue");
      assert.deepEqual(wireError(byUrl), { Type: "Sender", Code: "AWS.SimpleQueueService.NonExistentQueue", Message: "The specified queue does not exist." });
      assert.equal(byUrl.$fault, "client");
      assert.equal(byUrl.$metadata.httpStatusCode, 400);
      assert.match(byUrl.$metadata.requestId, /\S/);
    });

    test("ReceiptHandleIsInvalid", async () => {
      const queueUrl = await createQueue("oq-err-handle");
      const err = await rejection(sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: "definitely-not-valid" })));
      assert.equal(err.name, "ReceiptHandleIsInvalid");
      assert.equal(err.$metadata.httpStatusCode, 404);
      assert.deepEqual(wireError(err), {
        Type: "Sender",
        Code: "ReceiptHandleIsInvalid",
        Message: 'The input receipt handle "definitely-not-valid" is not a valid receipt handle.',
      });
    });

    test("InvalidAttributeName", async () => {
      const queueUrl = await createQueue("oq-err-attr");
      const get = await rejection(sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["NoSuchAttribute" as "All"] })));
      assert.equal(get.name, "InvalidAttributeName");
      assert.equal(get.$metadata.httpStatusCode, 400);
      assert.deepEqual(wireError(get), { Type: "Sender", Code: "InvalidAttributeName", Message: "Unknown Attribute NoSuchAttribute." });
      const set = await rejection(sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { Bogus: "1" } as Record<string, string> })));
      assert.equal(set.name, "InvalidAttributeName");
      assert.equal(set.$metadata.httpStatusCode, 400);
      assert.deepEqual(wireError(set), { Type: "Sender", Code: "InvalidAttributeName", Message: "Unknown Attribute Bogus." });
    });

    test("MissingParameter", async () => {
      const queueUrl = await createQueue("oq-err-missing");
      const noBody = await rejection(sqs.send(new SendMessageCommand({ QueueUrl: queueUrl } as { QueueUrl: string; MessageBody: string })));
      assert.equal(noBody.name, "MissingParameter");
      assert.equal(noBody.$metadata.httpStatusCode, 400);
      assert.deepEqual(wireError(noBody), { Type: "Sender", Code: "MissingParameter", Message: "The request must contain the parameter MessageBody." });
      const noName = await rejection(sqs.send(new CreateQueueCommand({} as { QueueName: string })));
      assert.equal(noName.name, "MissingParameter");
      assert.equal(noName.$metadata.httpStatusCode, 400);
      assert.deepEqual(wireError(noName), { Type: "Sender", Code: "MissingParameter", Message: "The request must contain the parameter QueueName." });
    });

    test("BatchEntryIdsNotDistinct", async () => {
      const queueUrl = await createQueue("oq-err-batch");
      const err = await rejection(
        sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: [
              { Id: "same", MessageBody: "1" },
              { Id: "same", MessageBody: "2" },
            ],
          }),
        ),
      );
      assert.equal(err.name, "BatchEntryIdsNotDistinct");
      assert.equal(err.$metadata.httpStatusCode, 400);
      assert.deepEqual(wireError(err), { Type: "Sender", Code: "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", Message: "Id same repeated." });
      assert.deepEqual(await counts(queueUrl), { ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0", ApproximateNumberOfMessagesDelayed: "0" });
    });
  });

  test("DeleteQueue: the queue is gone", async () => {
    const queueUrl = await createQueue("oq-delete-me");
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    const err = await rejection(sqs.send(new GetQueueUrlCommand({ QueueName: "oq-delete-me" })));
    assert.equal(err.name, "QueueDoesNotExist");
    assert.equal(wireError(err).Code, "AWS.SimpleQueueService.NonExistentQueue");
    assert.deepEqual((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: "oq-delete-me" }))).QueueUrls, undefined);
  });

  test("every request in this suite went over awsQuery", () => {
    assert.ok(seen.length > 50, `saw ${seen.length} requests`);
    for (const r of seen) {
      assert.match(r.contentType, /^application\/x-www-form-urlencoded/, `${r.action} was not form-encoded`);
      assert.equal(r.target, undefined);
      assert.notEqual(r.action, "");
    }
    for (const t of responseTypes) assert.equal(t, "text/xml");
  });

  /** Receives until the queue answers empty; deletes what it receives. */
  async function drain(queueUrl: string): Promise<Message[]> {
    const out: Message[] = [];
    for (;;) {
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
      if (!Messages?.length) return out;
      out.push(...Messages);
      await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: Messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })) }));
    }
  }
});
