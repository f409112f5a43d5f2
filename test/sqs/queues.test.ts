/**
 * Queue lifecycle through the real SDK: CreateQueue (idempotent when attributes match,
 * QueueNameExists when they differ), GetQueueUrl, DeleteQueue and the 60-second wait before a
 * name can be reused, ListQueues paging, account and region isolation, AWS-form queue URLs.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from "@aws-sdk/client-sqs";
import { rejection } from "../helpers/stratus.js";
import { ACCOUNT, createQueue, errorFacts, receiveBodies, send, startHarness, uniqueName, type Harness } from "./support.js";

let h: Harness;

before(async () => {
  h = await startHarness();
});

after(async () => {
  await h.stop();
});

describe("CreateQueue", () => {
  test("returns a URL made of the endpoint, the account and the name", async () => {
    const name = uniqueName("create");
    const url = await createQueue(h.sqs, name);
    assert.equal(url, `${h.server.endpoint}/${ACCOUNT}/${name}`);
  });

  test("is idempotent: the same attributes (or none) give the same URL", async () => {
    const name = uniqueName("idem");
    const url = await createQueue(h.sqs, name, { VisibilityTimeout: "45", DelaySeconds: "5" });
    assert.equal(await createQueue(h.sqs, name, { VisibilityTimeout: "45", DelaySeconds: "5" }), url);
    assert.equal(await createQueue(h.sqs, name, { VisibilityTimeout: "45" }), url);
    assert.equal(await createQueue(h.sqs, name), url);
  });

  test("a differing attribute is QueueNameExists (query code QueueAlreadyExists)", async () => {
    const name = uniqueName("differs");
    await createQueue(h.sqs, name, { VisibilityTimeout: "45" });
    const err = await rejection(createQueue(h.sqs, name, { VisibilityTimeout: "46" }));
    assert.deepEqual(errorFacts(err), { name: "QueueNameExists", code: "QueueAlreadyExists", status: 400 });
    // A value equal to the default still differs from what the queue has.
    const err2 = await rejection(createQueue(h.sqs, name, { VisibilityTimeout: "30" }));
    assert.equal(err2.name, "QueueNameExists");
  });

  test("queue names: 1 to 80 of [A-Za-z0-9_-], FIFO names end with .fifo", async () => {
    assert.ok(await createQueue(h.sqs, "a".repeat(80)));
    assert.ok(await createQueue(h.sqs, `${"b".repeat(75)}.fifo`));
    for (const bad of ["a".repeat(81), "has space", "dot.ted", "slash/name", "q!", `${"c".repeat(76)}.fifo`]) {
      const err = await rejection(h.sqs.send(new CreateQueueCommand({ QueueName: bad })));
      assert.deepEqual(errorFacts(err), { name: "InvalidParameterValue", code: "InvalidParameterValue", status: 400 }, bad);
    }
  });

  test("the FifoQueue attribute, not the name, makes a FIFO queue: a .fifo name alone is an invalid standard name", async () => {
    const err = await rejection(h.sqs.send(new CreateQueueCommand({ QueueName: uniqueName("implicit", true) })));
    assert.deepEqual(errorFacts(err), { name: "InvalidParameterValue", code: "InvalidParameterValue", status: 400 });
    assert.equal(err.message, "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
  });

  test("FifoQueue=true needs a .fifo name, and a .fifo name cannot be FifoQueue=false", async () => {
    const err = await rejection(h.sqs.send(new CreateQueueCommand({ QueueName: uniqueName("notfifo"), Attributes: { FifoQueue: "true" } })));
    assert.equal(err.name, "InvalidParameterValue");
    const err2 = await rejection(h.sqs.send(new CreateQueueCommand({ QueueName: uniqueName("nope", true), Attributes: { FifoQueue: "false" } })));
    assert.equal(err2.name, "InvalidParameterValue");
  });

  test("queue names are case-sensitive", async () => {
    const name = uniqueName("CaseQ");
    const upper = await createQueue(h.sqs, name);
    const lower = await createQueue(h.sqs, name.toLowerCase());
    assert.notEqual(upper, lower);
    await send(h.sqs, upper, "to-upper");
    assert.deepEqual(await receiveBodies(h.sqs, lower), []);
    assert.deepEqual(await receiveBodies(h.sqs, upper), ["to-upper"]);
  });
});

describe("GetQueueUrl", () => {
  test("finds a queue by name", async () => {
    const name = uniqueName("geturl");
    const url = await createQueue(h.sqs, name);
    const out = await h.sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    assert.equal(out.QueueUrl, url);
    const own = await h.sqs.send(new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: ACCOUNT }));
    assert.equal(own.QueueUrl, url);
  });

  test("an unknown queue is QueueDoesNotExist (AWS.SimpleQueueService.NonExistentQueue, 400)", async () => {
    const err = await rejection(h.sqs.send(new GetQueueUrlCommand({ QueueName: "no-such-queue" })));
    assert.deepEqual(errorFacts(err), { name: "QueueDoesNotExist", code: "AWS.SimpleQueueService.NonExistentQueue", status: 400 });
    assert.equal(err.message, "The specified queue does not exist.");
  });

  test("operations on a URL that names no queue are QueueDoesNotExist", async () => {
    const url = `${h.server.endpoint}/${ACCOUNT}/never-created`;
    const err = await rejection(send(h.sqs, url, "x"));
    assert.deepEqual(errorFacts(err), { name: "QueueDoesNotExist", code: "AWS.SimpleQueueService.NonExistentQueue", status: 400 });
    const err2 = await rejection(h.sqs.send(new ReceiveMessageCommand({ QueueUrl: url })));
    assert.equal(err2.name, "QueueDoesNotExist");
  });
});

describe("DeleteQueue", () => {
  test("deletes the queue and its messages; the name is free again 60 seconds later", async () => {
    const name = uniqueName("deleted");
    const url = await createQueue(h.sqs, name);
    await send(h.sqs, url, "lost");
    await h.sqs.send(new DeleteQueueCommand({ QueueUrl: url }));

    assert.equal((await rejection(h.sqs.send(new GetQueueUrlCommand({ QueueName: name })))).name, "QueueDoesNotExist");
    assert.equal((await rejection(send(h.sqs, url, "x"))).name, "QueueDoesNotExist");
    assert.equal((await rejection(h.sqs.send(new DeleteQueueCommand({ QueueUrl: url })))).name, "QueueDoesNotExist");

    const err = await rejection(createQueue(h.sqs, name));
    assert.deepEqual(errorFacts(err), { name: "QueueDeletedRecently", code: "AWS.SimpleQueueService.QueueDeletedRecently", status: 400 });
    await h.clock.advance(59_999);
    assert.equal((await rejection(createQueue(h.sqs, name))).name, "QueueDeletedRecently");
    await h.clock.advance(1);
    const again = await createQueue(h.sqs, name);
    assert.equal(again, url);
    assert.deepEqual(await receiveBodies(h.sqs, again), [], "a re-created queue starts empty");
  });

  test("other names are not held up by a deletion", async () => {
    const url = await createQueue(h.sqs, uniqueName("gone"));
    await h.sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    assert.ok(await createQueue(h.sqs, uniqueName("fresh")));
  });
});

describe("ListQueues", () => {
  let names: string[];

  before(async () => {
    names = ["lq-alpha", "lq-beta", "lq-gamma", "lq-delta", "lq-epsilon", "other-lq"];
    for (const n of names) await createQueue(h.sqs, n);
  });

  test("QueueNamePrefix filters by the start of the name, case-sensitively", async () => {
    const out = await h.sqs.send(new ListQueuesCommand({ QueueNamePrefix: "lq-" }));
    assert.deepEqual(out.QueueUrls!.map((u) => u.split("/").pop()).sort(), ["lq-alpha", "lq-beta", "lq-delta", "lq-epsilon", "lq-gamma"]);
    assert.equal(out.NextToken, undefined, "no NextToken without MaxResults");
    const none = await h.sqs.send(new ListQueuesCommand({ QueueNamePrefix: "LQ-" }));
    assert.equal(none.QueueUrls, undefined);
  });

  test("MaxResults and NextToken page through every queue exactly once", async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await h.sqs.send(new ListQueuesCommand({ QueueNamePrefix: "lq-", MaxResults: 2, NextToken: token }));
      assert.ok(out.QueueUrls!.length <= 2);
      seen.push(...out.QueueUrls!);
      token = out.NextToken;
      pages++;
    } while (token);
    assert.equal(pages, 3);
    assert.deepEqual(seen.map((u) => u.split("/").pop()).sort(), ["lq-alpha", "lq-beta", "lq-delta", "lq-epsilon", "lq-gamma"]);
    assert.equal(new Set(seen).size, 5);
  });

  test("MaxResults outside 1..1000 is InvalidParameterValue", async () => {
    for (const MaxResults of [0, 1001]) {
      const err = await rejection(h.sqs.send(new ListQueuesCommand({ MaxResults })));
      assert.equal(err.name, "InvalidParameterValue", String(MaxResults));
    }
  });
});

describe("accounts and regions", () => {
  const OTHER = "111111111111";

  test("another account neither sees nor uses this account's queues", async () => {
    const name = uniqueName("private");
    const url = await createQueue(h.sqs, name);
    await send(h.sqs, url, "mine");
    const other = h.client({ credentials: { accessKeyId: OTHER, secretAccessKey: "test" } });

    const listed = await other.send(new ListQueuesCommand({}));
    assert.ok(!(listed.QueueUrls ?? []).some((u) => u.includes(`/${ACCOUNT}/`)));
    assert.equal((await rejection(other.send(new GetQueueUrlCommand({ QueueName: name })))).name, "QueueDoesNotExist");
    const byOwner = await rejection(other.send(new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: ACCOUNT })));
    assert.equal(byOwner.name, "QueueDoesNotExist");
    assert.deepEqual(errorFacts(await rejection(send(other, url, "intruder"))), { name: "QueueDoesNotExist", code: "AWS.SimpleQueueService.NonExistentQueue", status: 400 });
    assert.equal((await rejection(other.send(new ReceiveMessageCommand({ QueueUrl: url })))).name, "QueueDoesNotExist");
    assert.equal((await rejection(other.send(new DeleteQueueCommand({ QueueUrl: url })))).name, "QueueDoesNotExist");

    // The same name in the other account is another queue.
    const theirs = await createQueue(other, name);
    assert.equal(theirs, `${h.server.endpoint}/${OTHER}/${name}`);
    assert.deepEqual(await receiveBodies(other, theirs), []);
    assert.deepEqual(await receiveBodies(h.sqs, url), ["mine"]);
  });

  test("queues are per region", async () => {
    const name = uniqueName("regional");
    const url = await createQueue(h.sqs, name);
    const west = h.client({ region: "eu-west-1" });
    assert.equal((await rejection(west.send(new GetQueueUrlCommand({ QueueName: name })))).name, "QueueDoesNotExist");
    assert.equal((await rejection(send(west, url, "x"))).name, "QueueDoesNotExist");
  });

  test("AWS-form queue URLs are accepted", async () => {
    const name = uniqueName("awsform");
    await createQueue(h.sqs, name);
    const awsUrl = `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/${name}`;
    const sent = await h.sqs.send(new SendMessageCommand({ QueueUrl: awsUrl, MessageBody: "via aws url" }));
    assert.ok(sent.MessageId);
    const legacyUrl = `https://queue.amazonaws.com/${ACCOUNT}/${name}`;
    assert.deepEqual(await receiveBodies(h.sqs, legacyUrl), ["via aws url"]);
    // The region in an AWS-form URL counts: the queue lives in us-east-1.
    const elsewhere = await rejection(send(h.sqs, `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/${name}`, "x"));
    assert.equal(elsewhere.name, "QueueDoesNotExist");
  });
});
