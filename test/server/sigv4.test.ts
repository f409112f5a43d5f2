/**
 * SigV4 enforcement when credentials are configured: valid signatures from the JS SDK (JSON),
 * the query-protocol SDK, a presigned URL and the AWS CLI pass; a wrong secret, an unknown key,
 * a missing signature and a skewed clock are refused with AWS's errors; accounts are isolated.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateQueueCommand, GetQueueUrlCommand, ListQueuesCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { SQSClient as QuerySQSClient, ListQueuesCommand as QueryListQueues } from "sqs-query-client";
import { SignatureV4 } from "@smithy/signature-v4";
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import type { StratusServer } from "../../src/index.js";
import { rejection, sqsClient, startStratus } from "../helpers/stratus.js";

const ALICE = { accessKeyId: "AKIDALICE0000000001", secretAccessKey: "alice-secret", accountId: "111111111111" };
const BOB = { accessKeyId: "AKIDBOB000000000002", secretAccessKey: "bob-secret", accountId: "222222222222" };

describe("SigV4 with configured credentials", () => {
  let server: StratusServer;

  before(async () => {
    server = await startStratus({ credentials: [ALICE, BOB] });
  });
  after(() => server.stop());

  test("a correctly signed JSON request succeeds, in the credential's account", async () => {
    const client = sqsClient(server, { credentials: ALICE });
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: "alice-q" }));
    assert.equal(QueueUrl, `${server.endpoint}/111111111111/alice-q`);
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: "signed" }));
  });

  test("a correctly signed query-protocol request succeeds", async () => {
    const client = new QuerySQSClient({ endpoint: server.endpoint, region: "us-east-1", credentials: ALICE, maxAttempts: 1 });
    const out = await client.send(new QueryListQueues({ QueueNamePrefix: "alice" }));
    assert.deepEqual(out.QueueUrls, [`${server.endpoint}/111111111111/alice-q`]);
  });

  test("one account's queues are invisible to another", async () => {
    const bob = sqsClient(server, { credentials: BOB });
    const listed = await bob.send(new ListQueuesCommand({}));
    assert.equal(listed.QueueUrls, undefined);
    const err = await rejection(bob.send(new GetQueueUrlCommand({ QueueName: "alice-q" })));
    assert.equal(err.name, "QueueDoesNotExist");
    const err2 = await rejection(bob.send(new SendMessageCommand({ QueueUrl: `${server.endpoint}/111111111111/alice-q`, MessageBody: "x" })));
    assert.equal(err2.name, "QueueDoesNotExist");
  });

  test("a wrong secret is SignatureDoesNotMatch (403)", async () => {
    const err = await rejection(sqsClient(server, { credentials: { ...ALICE, secretAccessKey: "wrong" } }).send(new ListQueuesCommand({})));
    assert.equal(err.name, "SignatureDoesNotMatch");
    assert.equal(err.$metadata.httpStatusCode, 403);
  });

  test("an unknown access key is InvalidClientTokenId (403)", async () => {
    const err = await rejection(sqsClient(server, { credentials: { accessKeyId: "AKIDNOBODY", secretAccessKey: "x" } }).send(new ListQueuesCommand({})));
    assert.equal(err.name, "InvalidClientTokenId");
    assert.equal(err.$metadata.httpStatusCode, 403);
  });

  test("a request signed more than 15 minutes off is refused as expired", async () => {
    const client = sqsClient(server, { credentials: ALICE, systemClockOffset: -20 * 60 * 1000 });
    const err = await rejection(client.send(new ListQueuesCommand({})));
    assert.equal(err.name, "SignatureDoesNotMatch");
    assert.match(err.message, /Signature expired/);
  });

  test("an unsigned request is refused (403) and the server keeps serving", async () => {
    const res = await fetch(`${server.endpoint}/`, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AmazonSQS.ListQueues" },
      body: "{}",
    });
    assert.equal(res.status, 403);
    assert.equal(res.headers.get("x-amzn-query-error"), "MissingAuthenticationToken;Sender");
    await sqsClient(server, { credentials: ALICE }).send(new ListQueuesCommand({}));
  });

  test("a tampered body is refused", async () => {
    const signer = new SignatureV4({ credentials: ALICE, region: "us-east-1", service: "sqs", sha256: Hash.bind(null, "sha256") });
    const url = new URL(server.endpoint);
    const signed = await signer.sign(
      new HttpRequest({ method: "POST", protocol: "http:", hostname: url.hostname, port: Number(url.port), path: "/", headers: { host: url.host, "content-type": "application/x-amz-json-1.0", "x-amz-target": "AmazonSQS.ListQueues" }, body: "{}" }),
    );
    const res = await fetch(`${server.endpoint}/`, { method: "POST", headers: signed.headers, body: '{"QueueNamePrefix":"a"}' });
    assert.equal(res.status, 403);
    assert.match(await res.text(), /SignatureDoesNotMatch/);
  });

  test("a presigned URL (query-string signature) is accepted, and rejected once altered", async () => {
    const signer = new SignatureV4({ credentials: ALICE, region: "us-east-1", service: "sqs", sha256: Hash.bind(null, "sha256") });
    const url = new URL(server.endpoint);
    const presigned = await signer.presign(
      new HttpRequest({ method: "GET", protocol: "http:", hostname: url.hostname, port: Number(url.port), path: "/", query: { Action: "ListQueues", Version: "2012-11-05", QueueNamePrefix: "alice" }, headers: { host: url.host } }),
      { expiresIn: 300 },
    );
    const qs = new URLSearchParams(presigned.query as Record<string, string>).toString();
    const ok = await fetch(`${server.endpoint}/?${qs}`);
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /<QueueUrl>[^<]*alice-q<\/QueueUrl>/);
    const bad = await fetch(`${server.endpoint}/?${qs.replace("QueueNamePrefix=alice", "QueueNamePrefix=bob")}`);
    assert.equal(bad.status, 403);
  });

  const hasCli = spawnSync("aws", ["--version"]).status === 0;
  test("the AWS CLI's signatures (botocore) verify", { skip: hasCli ? false : "the aws CLI is not installed (.ci/run installs it)" }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "stratus-cli-"));
    // Asynchronous: the server under test runs in this process's event loop.
    const res = await promisify(execFile)("aws", ["sqs", "list-queues", "--queue-name-prefix", "alice", "--endpoint-url", server.endpoint, "--output", "json"], {
      encoding: "utf8",
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: ALICE.accessKeyId,
        AWS_SECRET_ACCESS_KEY: ALICE.secretAccessKey,
        AWS_DEFAULT_REGION: "us-east-1",
        AWS_PAGER: "",
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_CONFIG_FILE: join(dir, "config"),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials"),
      },
    });
    assert.deepEqual(JSON.parse(res.stdout).QueueUrls, [`${server.endpoint}/111111111111/alice-q`]);
  });
});

describe("without configured credentials", () => {
  let server: StratusServer;
  before(async () => {
    server = await startStratus();
  });
  after(() => server.stop());

  test("any credentials are accepted; a 12-digit access key names the account", async () => {
    const anyone = sqsClient(server, { credentials: { accessKeyId: "whatever", secretAccessKey: "x" } });
    const { QueueUrl } = await anyone.send(new CreateQueueCommand({ QueueName: "open" }));
    assert.equal(QueueUrl, `${server.endpoint}/000000000000/open`);
    const other = sqsClient(server, { credentials: { accessKeyId: "333333333333", secretAccessKey: "x" } });
    const { QueueUrl: theirs } = await other.send(new CreateQueueCommand({ QueueName: "open" }));
    assert.equal(theirs, `${server.endpoint}/333333333333/open`);
  });
});
