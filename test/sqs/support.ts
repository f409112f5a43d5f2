/**
 * Shared pieces of the SQS integration tests: a server on the manual clock with a real SDK
 * client, small wrappers for the calls every file makes, and an MD5 of message attributes
 * written from AWS's description of the algorithm (independently of src/services/sqs/md5.ts),
 * so that the digests Stratus returns are checked against a second implementation.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html#sqs-attributes-md5-message-digest-calculation
 */
import { createHash } from "node:crypto";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type MessageAttributeValue,
  type ReceiveMessageCommandInput,
  type SendMessageCommandInput,
  type SQSClient,
  type SQSClientConfig,
} from "@aws-sdk/client-sqs";
import type { ManualClock, StratusServer } from "../../src/index.js";
import { sqsClient, startStratus } from "../helpers/stratus.js";

export const ACCOUNT = "000000000000";
export const REGION = "us-east-1";

export interface Harness {
  server: StratusServer;
  sqs: SQSClient;
  clock: ManualClock;
  /** A client of another account (its access key id is a 12-digit account id). */
  client(config?: Partial<SQSClientConfig>): SQSClient;
  stop(): Promise<void>;
}

/** Starts an in-memory server on the manual clock with an SQS client for account 000000000000. */
export async function startHarness(): Promise<Harness> {
  const server = await startStratus({ clock: "manual" });
  const clients: SQSClient[] = [];
  const client = (config: Partial<SQSClientConfig> = {}) => {
    const c = sqsClient(server, config);
    clients.push(c);
    return c;
  };
  const sqs = client();
  return {
    server,
    sqs,
    clock: server.manualClock!,
    client,
    async stop() {
      for (const c of clients) c.destroy();
      await server.stop();
    },
  };
}

let queueCounter = 0;

/** A queue name no other test in the file uses (FIFO names end with .fifo). */
export function uniqueName(prefix: string, fifo = false): string {
  queueCounter++;
  return `${prefix}-${queueCounter}${fifo ? ".fifo" : ""}`;
}

export async function createQueue(sqs: SQSClient, name: string, attributes?: Record<string, string>): Promise<string> {
  const fifo = name.endsWith(".fifo");
  const Attributes = fifo ? { FifoQueue: "true", ...attributes } : attributes;
  const out = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes }));
  return out.QueueUrl!;
}

export async function queueAttributes(sqs: SQSClient, queueUrl: string, names: string[] = ["All"]): Promise<Record<string, string>> {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: names as any }));
  return (out.Attributes ?? {}) as Record<string, string>;
}

/** ApproximateNumberOfMessages, …NotVisible and …Delayed, as numbers. */
export async function counts(sqs: SQSClient, queueUrl: string): Promise<{ visible: number; inFlight: number; delayed: number }> {
  const a = await queueAttributes(sqs, queueUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"]);
  return { visible: Number(a.ApproximateNumberOfMessages), inFlight: Number(a.ApproximateNumberOfMessagesNotVisible), delayed: Number(a.ApproximateNumberOfMessagesDelayed) };
}

export async function send(sqs: SQSClient, queueUrl: string, body: string, extra: Partial<SendMessageCommandInput> = {}) {
  return sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body, ...extra }));
}

export async function receive(sqs: SQSClient, queueUrl: string, extra: Partial<ReceiveMessageCommandInput> = {}) {
  const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, ...extra }));
  return out.Messages ?? [];
}

/** Bodies of what one short-poll receive returns. */
export async function receiveBodies(sqs: SQSClient, queueUrl: string, extra: Partial<ReceiveMessageCommandInput> = {}): Promise<string[]> {
  return (await receive(sqs, queueUrl, extra)).map((m) => m.Body!);
}

export function md5(data: string | Uint8Array): string {
  return createHash("md5").update(data).digest("hex");
}

export function sha256(data: string): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * MD5 of message attributes, as AWS computes it: attributes sorted by name (byte order); for
 * each, the name, the data type and the value, each as a 4-byte big-endian length followed by
 * its UTF-8 bytes, with a transport-type byte (1 = String/Number, 2 = Binary) before the value.
 */
export function md5OfAttributes(attributes: Record<string, MessageAttributeValue>): string {
  const lengthPrefixed = (bytes: Uint8Array) => {
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, bytes.byteLength, false);
    return [len, bytes];
  };
  const utf8 = (s: string) => new TextEncoder().encode(s);
  const parts: Uint8Array[] = [];
  const names = Object.keys(attributes).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const name of names) {
    const a = attributes[name];
    parts.push(...lengthPrefixed(utf8(name)), ...lengthPrefixed(utf8(a.DataType!)));
    if (a.DataType!.startsWith("Binary")) parts.push(Uint8Array.of(2), ...lengthPrefixed(a.BinaryValue!));
    else parts.push(Uint8Array.of(1), ...lengthPrefixed(utf8(a.StringValue!)));
  }
  return md5(Buffer.concat(parts));
}

/** Resolves to true once `p` settles, false if it is still pending after `ms` of real time. */
export async function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  p.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((r) => setTimeout(r, ms));
  return settled;
}

/** What the tests assert about an SDK error: its name, its query-compatible code and the HTTP status. */
export function errorFacts(err: any): { name: string; code: string | undefined; status: number | undefined } {
  return { name: err?.name, code: err?.Code, status: err?.$metadata?.httpStatusCode };
}
