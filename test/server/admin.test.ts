/**
 * Stratus's own endpoints: health (also at LocalStack's path), status, and the admin API
 * (reset, manual clock) that is off unless enabled.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { CreateQueueCommand, ListQueuesCommand, ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import type { StratusServer } from "../../src/index.js";
import { VERSION } from "../../src/index.js";
import { sqsClient, startStratus } from "../helpers/stratus.js";

describe("health and status", () => {
  let server: StratusServer;
  before(async () => {
    server = await startStratus();
  });
  after(() => server.stop());

  for (const path of ["/_stratus/health", "/_localstack/health"]) {
    test(`GET ${path} reports the version and each service`, async () => {
      const res = await fetch(server.endpoint + path);
      assert.equal(res.status, 200);
      const body = (await res.json()) as { status: string; version: string; services: Record<string, string> };
      assert.equal(body.status, "running");
      assert.equal(body.version, VERSION);
      assert.equal(body.services.sqs, "running");
    });
  }

  test("GET /_stratus/status lists queues and their message counts", async () => {
    const sqs = sqsClient(server);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "status-q" }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "one" }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "two", DelaySeconds: 60 }));
    const body = (await (await fetch(server.endpoint + "/_stratus/status")).json()) as { services: { sqs: { queues: Array<Record<string, unknown>> } } };
    assert.deepEqual(body.services.sqs.queues, [{ url: "/000000000000/status-q", region: "us-east-1", messages: 1, inFlight: 0, delayed: 1 }]);
  });

  test("the admin API is off unless enabled", async () => {
    assert.equal((await fetch(server.endpoint + "/_stratus/reset", { method: "POST" })).status, 404);
    assert.equal((await fetch(server.endpoint + "/_stratus/clock")).status, 404);
  });
});

describe("admin API with a manual clock", () => {
  let server: StratusServer;
  before(async () => {
    server = await startStratus({ admin: true, clock: "manual" });
  });
  after(() => server.stop());

  test("the clock can be read and advanced over HTTP, and services see the new time", async () => {
    const sqs = sqsClient(server);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "clocked", Attributes: { VisibilityTimeout: "3600" } }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "m" }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    assert.equal(first.Messages?.length, 1);
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages, undefined);

    const before = (await (await fetch(server.endpoint + "/_stratus/clock")).json()) as { now: number; manual: boolean };
    assert.equal(before.manual, true);
    const res = await fetch(server.endpoint + "/_stratus/clock", { method: "POST", body: JSON.stringify({ advanceSeconds: 3600 }) });
    assert.equal(res.status, 200);
    const afterClock = (await res.json()) as { now: number };
    assert.equal(afterClock.now - before.now, 3_600_000);
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }));
    assert.equal(again.Messages?.[0].Attributes?.ApproximateReceiveCount, "2");
  });

  test("bad clock requests are 400s", async () => {
    assert.equal((await fetch(server.endpoint + "/_stratus/clock", { method: "POST", body: "nope" })).status, 400);
    assert.equal((await fetch(server.endpoint + "/_stratus/clock", { method: "POST", body: JSON.stringify({ advanceMs: -5 }) })).status, 400);
    assert.equal((await fetch(server.endpoint + "/_stratus/clock", { method: "POST", body: JSON.stringify({}) })).status, 400);
  });

  test("reset forgets every resource", async () => {
    const sqs = sqsClient(server);
    await sqs.send(new CreateQueueCommand({ QueueName: "to-forget" }));
    assert.equal((await fetch(server.endpoint + "/_stratus/reset", { method: "POST" })).status, 200);
    assert.equal((await sqs.send(new ListQueuesCommand({}))).QueueUrls, undefined);
    // A reset is not a deletion: the name can be used again at once.
    await sqs.send(new CreateQueueCommand({ QueueName: "to-forget" }));
  });
});

describe("admin clock on the system clock", () => {
  let server: StratusServer;
  before(async () => {
    server = await startStratus({ admin: true });
  });
  after(() => server.stop());

  test("advancing is refused (409) when the server runs on the system clock", async () => {
    const res = await fetch(server.endpoint + "/_stratus/clock", { method: "POST", body: JSON.stringify({ advanceMs: 1 }) });
    assert.equal(res.status, 409);
  });
});
