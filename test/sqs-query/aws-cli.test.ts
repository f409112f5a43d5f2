/**
 * SQS through the AWS CLI. Debian's `awscli` package (v2.9) carries a botocore whose SQS model
 * uses the query protocol, so this drives Stratus's awsQuery path with a second, independent
 * client (Python, its own XML parser). A recording proxy in front of Stratus checks that the
 * requests really were form-encoded queries.
 *
 * The CLI is looked up as $STRATUS_AWS_CLI, then /usr/bin/aws (the Debian package), then `aws`
 * on PATH. Newer CLIs (v1 with botocore >= 1.31, v2 >= 2.13) speak JSON to SQS instead; the
 * first test says so plainly if the CLI found is one of those. Without any CLI the suite skips.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StratusServer } from "../../src/index.js";
import { startStratus } from "../helpers/stratus.js";
import { findCli, NO_CLI, runCli, type CliResult } from "../helpers/aws-cli.js";

const md5 = (s: string | Buffer) => createHash("md5").update(s).digest("hex");

const cli = findCli();

interface Seen {
  method: string;
  contentType: string;
  target: string | undefined;
  action: string | undefined;
}

describe("SQS through the AWS CLI (query protocol)", { skip: cli ? false : NO_CLI }, () => {
  let server: StratusServer;
  let proxy: Server;
  let endpoint: string;
  let tmp: string;
  const seen: Seen[] = [];
  let queueUrl: string;

  before(async () => {
    server = await startStratus();
    tmp = mkdtempSync(join(tmpdir(), "stratus-aws-cli-"));
    const target = new URL(server.endpoint);
    // A pass-through proxy that notes how each request was encoded. The Host header goes
    // through unchanged, so the queue URLs Stratus mints point at the proxy.
    proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        const contentType = String(req.headers["content-type"] ?? "");
        seen.push({
          method: req.method ?? "",
          contentType,
          target: req.headers["x-amz-target"] as string | undefined,
          action: contentType.includes("x-www-form-urlencoded") ? (new URLSearchParams(body.toString("utf8")).get("Action") ?? undefined) : undefined,
        });
        const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        });
        upstream.on("error", () => {
          res.writeHead(502);
          res.end();
        });
        upstream.end(body);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });

  after(async () => {
    if (proxy) {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  function aws(...args: string[]): Promise<CliResult> {
    return runCli(cli!.bin, endpoint, tmp, args);
  }

  async function ok(...args: string[]): Promise<any> {
    const r = await aws(...args);
    assert.equal(r.code, 0, `aws ${args.join(" ")} failed (${r.code}):\n${r.stderr}`);
    return r.json;
  }

  test(`create-queue (${cli?.version ?? "no CLI"})`, async () => {
    const out = await ok("sqs", "create-queue", "--queue-name", "cli-orders", "--attributes", "VisibilityTimeout=60,DelaySeconds=0", "--tags", "team=core,env=test");
    queueUrl = `${endpoint}/000000000000/cli-orders`;
    assert.deepEqual(out, { QueueUrl: queueUrl });
    // The CLI must have spoken the query protocol (and nothing else) to get here.
    assert.ok(seen.length >= 1);
    for (const s of seen) {
      assert.equal(s.target, undefined, `${cli!.bin} (${cli!.version}) sent X-Amz-Target ${s.target}: it speaks JSON to SQS, not query; install Debian's awscli 2.9 or set STRATUS_AWS_CLI`);
      assert.match(s.contentType, /application\/x-www-form-urlencoded/);
    }
    assert.equal(seen.at(-1)!.action, "CreateQueue");
  });

  test("list-queues and get-queue-url", async () => {
    assert.deepEqual(await ok("sqs", "list-queues", "--queue-name-prefix", "cli-"), { QueueUrls: [queueUrl] });
    assert.deepEqual(await ok("sqs", "get-queue-url", "--queue-name", "cli-orders"), { QueueUrl: queueUrl });
  });

  const body = `<order id="7">\r\n\tcafé & "crème" 😀 ]]>\n</order>`;
  const attrs = {
    Kind: { DataType: "String", StringValue: "ünïcode <&> 'x'" },
    Count: { DataType: "Number", StringValue: "3" },
    Blob: { DataType: "Binary", BinaryValue: Buffer.from([0, 1, 2, 0xff]).toString("base64") },
  };

  test("send-message with --message-attributes", async () => {
    const out = await ok("sqs", "send-message", "--queue-url", queueUrl, "--message-body", body, "--message-attributes", JSON.stringify(attrs));
    assert.equal(out.MD5OfMessageBody, md5(body));
    assert.equal(out.MD5OfMessageAttributes, md5OfAttributes(attrs));
    assert.match(out.MessageId, /^[0-9a-f-]{36}$/);
  });

  test("send-message-batch with one failing entry", async () => {
    const entries = [
      { Id: "b1", MessageBody: "batch one" },
      { Id: "bad", MessageBody: "control \u0001 char" },
      { Id: "b2", MessageBody: "batch two ✓", MessageAttributes: { n: { DataType: "Number", StringValue: "2" } } },
    ];
    const out = await ok("sqs", "send-message-batch", "--queue-url", queueUrl, "--entries", JSON.stringify(entries));
    assert.deepEqual(out.Successful.map((s: { Id: string }) => s.Id).sort(), ["b1", "b2"]);
    assert.equal(out.Successful.find((s: { Id: string }) => s.Id === "b2").MD5OfMessageBody, md5("batch two ✓"));
    assert.equal(out.Failed.length, 1);
    assert.equal(out.Failed[0].Id, "bad");
    assert.equal(out.Failed[0].Code, "InvalidMessageContents");
    assert.equal(out.Failed[0].SenderFault, true);
  });

  let received: any[] = [];

  test("receive-message --attribute-names All --message-attribute-names All", async () => {
    const out = await ok(
      "sqs", "receive-message", "--queue-url", queueUrl, "--attribute-names", "All", "--message-attribute-names", "All", "--max-number-of-messages", "10", "--visibility-timeout", "300",
    );
    received = out.Messages;
    assert.deepEqual(received.map((m) => m.Body).sort(), ["batch one", "batch two ✓", body].sort());
    const m = received.find((x) => x.Body === body);
    assert.equal(m.MD5OfBody, md5(body));
    assert.equal(m.MD5OfMessageAttributes, md5OfAttributes(attrs));
    assert.deepEqual(m.MessageAttributes, attrs);
    assert.deepEqual(Object.keys(m.Attributes).sort(), ["ApproximateFirstReceiveTimestamp", "ApproximateReceiveCount", "SenderId", "SentTimestamp"]);
    assert.equal(m.Attributes.ApproximateReceiveCount, "1");
    assert.deepEqual(received.find((x) => x.Body === "batch two ✓").MessageAttributes, { n: { DataType: "Number", StringValue: "2" } });
    assert.equal(received.find((x) => x.Body === "batch one").MessageAttributes, undefined);
  });

  test("delete-message, then get-queue-attributes counts the rest as in flight", async () => {
    const m = received.find((x) => x.Body === body);
    const r = await aws("sqs", "delete-message", "--queue-url", queueUrl, "--receipt-handle", m.ReceiptHandle);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), "");
    const out = await ok("sqs", "get-queue-attributes", "--queue-url", queueUrl, "--attribute-names", "All");
    const a = out.Attributes;
    assert.equal(a.ApproximateNumberOfMessages, "0");
    assert.equal(a.ApproximateNumberOfMessagesNotVisible, "2");
    assert.equal(a.ApproximateNumberOfMessagesDelayed, "0");
    assert.equal(a.VisibilityTimeout, "60");
    assert.equal(a.QueueArn, "arn:aws:sqs:us-east-1:000000000000:cli-orders");
  });

  test("set-queue-attributes", async () => {
    await ok("sqs", "set-queue-attributes", "--queue-url", queueUrl, "--attributes", "VisibilityTimeout=120,MessageRetentionPeriod=7200");
    const out = await ok("sqs", "get-queue-attributes", "--queue-url", queueUrl, "--attribute-names", "VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds");
    assert.deepEqual(out, { Attributes: { VisibilityTimeout: "120", MessageRetentionPeriod: "7200", DelaySeconds: "0" } });
  });

  test("purge-queue empties it", async () => {
    await ok("sqs", "purge-queue", "--queue-url", queueUrl);
    const out = await ok(
      "sqs", "get-queue-attributes", "--queue-url", queueUrl, "--attribute-names", "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
    );
    assert.deepEqual(out, { Attributes: { ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0" } });
  });

  test("delete-queue, then the nonexistent queue is an error", async () => {
    await ok("sqs", "delete-queue", "--queue-url", queueUrl);
    const r = await aws("sqs", "get-queue-url", "--queue-name", "cli-orders");
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /AWS\.SimpleQueueService\.NonExistentQueue/);
    assert.match(r.stderr, /The specified queue does not exist/);
    assert.equal(r.stdout.trim(), "");
  });

  test("every request the CLI sent was an awsQuery form post", () => {
    assert.ok(seen.length >= 13, `saw ${seen.length} requests`);
    for (const s of seen) {
      assert.equal(s.method, "POST");
      assert.match(s.contentType, /application\/x-www-form-urlencoded/);
      assert.equal(s.target, undefined);
      assert.ok(s.action, "every request names its Action");
    }
  });
});

/** SQS's message-attribute digest, computed independently of src/. */
function md5OfAttributes(attributes: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>): string {
  const hash = createHash("md5");
  const put = (b: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    hash.update(len).update(b);
  };
  for (const name of Object.keys(attributes).sort()) {
    const a = attributes[name];
    put(Buffer.from(name));
    put(Buffer.from(a.DataType));
    if (a.BinaryValue !== undefined) {
      hash.update(Buffer.from([2]));
      put(Buffer.from(a.BinaryValue, "base64"));
    } else {
      hash.update(Buffer.from([1]));
      put(Buffer.from(a.StringValue ?? ""));
    }
  }
  return hash.digest("hex");
}
