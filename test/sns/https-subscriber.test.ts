/**
 * An https subscriber, end to end: deliveries verify the endpoint's certificate with the
 * machine's trust store (plus NODE_EXTRA_CA_CERTS), as any HTTPS client should. The server
 * runs as a child process here so that it can be given a CA that trusts the test's endpoint.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { CreateTopicCommand, PublishCommand, SubscribeCommand } from "@aws-sdk/client-sns";
import { generateSigningPair } from "../../src/services/sns/signing/index.js";
import { snsClient } from "./support.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

interface Received {
  type: string;
  body: Record<string, string>;
}

let dir: string;
let subscriber: Server;
let subscriberUrl: string;
const received: Received[] = [];
const waiters: Array<() => void> = [];

/** Starts Stratus as a child process with these extra environment variables; resolves with its endpoint. */
async function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; endpoint: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "start", "--in-memory", "--port", "0", "--log-level", "error"], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  const endpoint = await new Promise<string>((resolvePromise, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const m = /ready on (\S+)/.exec(out);
      if (m) resolvePromise(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`stratus exited with ${code}`)));
  });
  return { child, endpoint };
}

async function nextDelivery(): Promise<Received> {
  while (received.length === 0) await new Promise<void>((r) => waiters.push(r));
  return received.shift()!;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "stratus-https-sub-"));
  // A self-signed certificate for localhost / 127.0.0.1 (the same generator SNS signs with).
  const { keyPem, certPem } = await generateSigningPair();
  writeFileSync(join(dir, "ca.pem"), certPem);
  subscriber = createServer({ key: keyPem, cert: certPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      res.writeHead(200).end();
      received.push({ type: String(req.headers["x-amz-sns-message-type"]), body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      waiters.splice(0).forEach((w) => w());
    });
  });
  await new Promise<void>((r) => subscriber.listen(0, "127.0.0.1", r));
  subscriberUrl = `https://127.0.0.1:${(subscriber.address() as AddressInfo).port}/sns`;
});

after(() => {
  subscriber.close();
  rmSync(dir, { recursive: true, force: true });
});

test("an https endpoint Stratus trusts gets the confirmation and, once confirmed, notifications", async (t) => {
  const { child, endpoint } = await startChild({ NODE_EXTRA_CA_CERTS: join(dir, "ca.pem") });
  t.after(() => child.kill("SIGKILL"));
  const sns = snsClient({ endpoint });
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "secure" }));
  await sns.send(new SubscribeCommand({ TopicArn, Protocol: "https", Endpoint: subscriberUrl }));
  const confirmation = await nextDelivery();
  assert.equal(confirmation.type, "SubscriptionConfirmation");
  assert.equal((await fetch(confirmation.body.SubscribeURL)).status, 200);
  await sns.send(new PublishCommand({ TopicArn, Message: "over TLS" }));
  const notification = await nextDelivery();
  assert.equal(notification.type, "Notification");
  assert.equal(notification.body.Message, "over TLS");
});

test("an endpoint whose certificate Stratus does not trust receives nothing", async (t) => {
  const { child, endpoint } = await startChild({});
  t.after(() => child.kill("SIGKILL"));
  const sns = snsClient({ endpoint });
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "untrusted" }));
  await sns.send(new SubscribeCommand({ TopicArn, Protocol: "https", Endpoint: `${subscriberUrl}?untrusted` }));
  // The confirmation's first attempt is due at once; give it time to fail its TLS handshake.
  const deadline = performance.now() + 1500;
  while (performance.now() < deadline && received.length === 0) await sleep(50);
  assert.deepEqual(received, []);
});
