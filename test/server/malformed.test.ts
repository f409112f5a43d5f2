/**
 * Bad input never crashes or hangs the server: malformed JSON, XML-ish or form bodies, wrong
 * member types, unknown operations, missing members and oversized bodies all get an
 * AWS-shaped 4xx, and the server keeps answering. Hand-rolled HTTP on purpose.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { ListQueuesCommand } from "@aws-sdk/client-sqs";
import type { StratusServer } from "../../src/index.js";
import { sqsClient, startStratus } from "../helpers/stratus.js";

const AUTH = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=00";

function postJson(server: StratusServer, target: string, body: string | Buffer) {
  return fetch(`${server.endpoint}/`, { method: "POST", headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": target, authorization: AUTH }, body });
}

function postForm(server: StratusServer, body: string) {
  return fetch(`${server.endpoint}/`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", authorization: AUTH }, body });
}

describe("malformed requests", () => {
  let server: StratusServer;
  let queueUrl: string;

  before(async () => {
    server = await startStratus({ maxBodyBytes: 4 * 1024 * 1024 });
    const res = await postJson(server, "AmazonSQS.CreateQueue", JSON.stringify({ QueueName: "m" }));
    queueUrl = ((await res.json()) as { QueueUrl: string }).QueueUrl;
  });
  after(() => server.stop());

  test("invalid JSON is a 400 with a JSON error and the query-compatible header", async () => {
    const res = await postJson(server, "AmazonSQS.SendMessage", "{not json");
    assert.equal(res.status, 400);
    const body = (await res.json()) as { __type: string };
    assert.match(body.__type, /SerializationException$/);
    assert.ok(res.headers.get("x-amzn-requestid"));
  });

  test("a JSON array or scalar where an object belongs is a 400", async () => {
    for (const payload of ["[1,2]", "42", '"text"']) {
      const res = await postJson(server, "AmazonSQS.SendMessage", payload);
      assert.equal(res.status, 400, payload);
    }
  });

  test("a wrongly typed member is InvalidParameterValue (400)", async () => {
    const res = await postJson(server, "AmazonSQS.SendMessage", JSON.stringify({ QueueUrl: queueUrl, MessageBody: "x", DelaySeconds: "soon" }));
    assert.equal(res.status, 400);
    assert.equal(res.headers.get("x-amzn-query-error"), "InvalidParameterValue;Sender");
  });

  test("a missing required member is MissingParameter (400)", async () => {
    const res = await postJson(server, "AmazonSQS.SendMessage", JSON.stringify({ QueueUrl: queueUrl }));
    assert.equal(res.status, 400);
    assert.equal(res.headers.get("x-amzn-query-error"), "MissingParameter;Sender");
    assert.match(((await res.json()) as { message: string }).message, /MessageBody/);
  });

  test("an unknown JSON operation is a 400 naming it", async () => {
    const res = await postJson(server, "AmazonSQS.FlyToTheMoon", "{}");
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { message: string }).message, /FlyToTheMoon/);
  });

  test("an unknown target prefix is a 400", async () => {
    const res = await postJson(server, "NoSuchService_2020.Do", "{}");
    assert.equal(res.status, 400);
  });

  test("an unknown query action is an XML InvalidAction error", async () => {
    const res = await postForm(server, "Action=FlyToTheMoon&Version=2012-11-05");
    assert.equal(res.status, 400);
    const text = await res.text();
    assert.match(text, /<Code>InvalidAction<\/Code>/);
    assert.match(text, /<RequestId>[0-9a-f-]{36}<\/RequestId>/);
  });

  test("a broken form body is answered, not crashed on", async () => {
    const res = await postForm(server, "Action=SendMessage&Version=2012-11-05&QueueUrl=%ZZ&MessageBody=%");
    assert.ok(res.status >= 400 && res.status < 500, String(res.status));
  });

  test("a non-integer form value is InvalidParameterValue", async () => {
    const res = await postForm(server, `Action=ReceiveMessage&Version=2012-11-05&QueueUrl=${encodeURIComponent(queueUrl)}&MaxNumberOfMessages=ten`);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /<Code>InvalidParameterValue<\/Code>/);
  });

  test("a query request missing a required parameter is MissingParameter", async () => {
    const res = await postForm(server, "Action=SendMessage&Version=2012-11-05&QueueUrl=" + encodeURIComponent(queueUrl));
    assert.equal(res.status, 400);
    assert.match(await res.text(), /<Code>MissingParameter<\/Code>/);
  });

  test("a body over the server's limit is a 413 and the connection is closed", async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 0x61);
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(server.endpoint);
      const req = request({ host: url.hostname, port: url.port, method: "POST", path: "/", headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AmazonSQS.SendMessage", "content-length": big.length } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end(big);
    });
    assert.equal(status, 413);
  });

  test("a request with no target, no action and an unknown path is a 404", async () => {
    const res = await fetch(`${server.endpoint}/nothing/here`, { method: "PUT", body: "x" });
    assert.equal(res.status, 404);
  });

  test("raw garbage on the socket gets a 400 and does not take the server down", async () => {
    const net = await import("node:net");
    const url = new URL(server.endpoint);
    const answer = await new Promise<string>((resolve) => {
      const socket = net.connect(Number(url.port), url.hostname, () => socket.write("THIS IS NOT HTTP\r\n\r\n"));
      let data = "";
      socket.on("data", (d) => (data += d));
      socket.on("close", () => resolve(data));
    });
    assert.match(answer, /^HTTP\/1\.1 400/);
  });

  test("after all that, the server still answers a real client", async () => {
    const out = await sqsClient(server).send(new ListQueuesCommand({}));
    assert.deepEqual(out.QueueUrls, [queueUrl]);
  });
});
