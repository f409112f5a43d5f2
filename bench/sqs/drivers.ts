/**
 * Two ways to talk to an SQS endpoint, behind one interface:
 * - `sdk`: the real @aws-sdk/client-sqs v3 (JSON protocol, SigV4, MD5 checks) over a keep-alive
 *   http.Agent: what users run, and what the targets are stated against;
 * - `raw`: the same awsJson1_0 requests written as bytes on keep-alive sockets, so cheap that
 *   one core of it saturates the server: it measures the server's capacity, not the client's.
 */
import { Agent } from "node:http";
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { RawPool } from "../lib/raw-http.js";

export type DriverKind = "sdk" | "raw";

export interface SqsDriver {
  kind: DriverKind;
  createQueue(name: string): Promise<string>;
  sendMessage(queueUrl: string, body: string): Promise<void>;
  /** Resolves with how many were sent; throws if any entry failed. */
  sendMessageBatch(queueUrl: string, bodies: string[]): Promise<number>;
  /** Resolves with the receipt handles. */
  receiveMessage(queueUrl: string, max: number, waitSeconds: number, visibilityTimeout?: number): Promise<string[]>;
  /** Throws if any entry failed. */
  deleteMessageBatch(queueUrl: string, receiptHandles: string[]): Promise<void>;
  close(): void;
}

export function makeDriver(kind: DriverKind, endpoint: string, sockets: number): SqsDriver {
  return kind === "sdk" ? sdkDriver(endpoint, sockets) : rawDriver(endpoint, sockets);
}

function checkFailed(operation: string, failed: Array<{ Code?: string }> | undefined): void {
  if (failed?.length) throw new Error(`${operation}: ${failed.length} entries failed (${failed[0].Code})`);
}

/** An SQSClient over a keep-alive agent with `sockets` connections; no retries. */
function sdkDriver(endpoint: string, sockets: number): SqsDriver {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const sqs = new SQSClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
    maxAttempts: 1,
    // Resolve each command's middleware stack once rather than per call (a documented option).
    cacheMiddleware: true,
    requestHandler: new NodeHttpHandler({ httpAgent: agent, connectionTimeout: 5_000, requestTimeout: 30_000 }),
  });
  return {
    kind: "sdk",
    createQueue: async (name) => (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!,
    sendMessage: async (QueueUrl, MessageBody) => {
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody }));
    },
    sendMessageBatch: async (QueueUrl, bodies) => {
      const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: bodies.map((MessageBody, i) => ({ Id: `m${i}`, MessageBody })) }));
      checkFailed("SendMessageBatch", out.Failed);
      return out.Successful?.length ?? 0;
    },
    receiveMessage: async (QueueUrl, MaxNumberOfMessages, WaitTimeSeconds, VisibilityTimeout) => {
      const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages, WaitTimeSeconds, VisibilityTimeout }));
      return (out.Messages ?? []).map((m) => m.ReceiptHandle!);
    },
    deleteMessageBatch: async (QueueUrl, handles) => {
      const out = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: handles.map((ReceiptHandle, i) => ({ Id: `d${i}`, ReceiptHandle })) }));
      checkFailed("DeleteMessageBatch", out.Failed);
    },
    close: () => {
      sqs.destroy();
      agent.destroy();
    },
  };
}

/** awsJson1_0 requests as the SDK sends them (headers of the same kind; the signature is not checked). */
function rawDriver(endpoint: string, sockets: number): SqsDriver {
  const pool = new RawPool(endpoint, sockets);
  const host = `${pool.host}:${pool.port}`;
  const call = async (operation: string, input: unknown): Promise<any> => {
    const body = Buffer.from(JSON.stringify(input));
    const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, "");
    const head =
      `POST / HTTP/1.1\r\nhost: ${host}\r\ncontent-type: application/x-amz-json-1.0\r\nx-amz-target: AmazonSQS.${operation}\r\n` +
      `x-amz-date: ${date}\r\nauthorization: AWS4-HMAC-SHA256 Credential=bench/${date.slice(0, 8)}/us-east-1/sqs/aws4_request, ` +
      `SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${"0".repeat(64)}\r\ncontent-length: ${body.length}\r\n\r\n`;
    const res = await pool.request(Buffer.concat([Buffer.from(head, "latin1"), body]));
    const text = res.body.toString("utf8");
    if (res.status !== 200) throw new Error(`${operation}: HTTP ${res.status} ${text.slice(0, 200)}`);
    return text ? JSON.parse(text) : {};
  };
  return {
    kind: "raw",
    createQueue: async (QueueName) => (await call("CreateQueue", { QueueName })).QueueUrl as string,
    sendMessage: async (QueueUrl, MessageBody) => {
      await call("SendMessage", { QueueUrl, MessageBody });
    },
    sendMessageBatch: async (QueueUrl, bodies) => {
      const out = await call("SendMessageBatch", { QueueUrl, Entries: bodies.map((MessageBody, i) => ({ Id: `m${i}`, MessageBody })) });
      checkFailed("SendMessageBatch", out.Failed);
      return (out.Successful ?? []).length as number;
    },
    receiveMessage: async (QueueUrl, MaxNumberOfMessages, WaitTimeSeconds, VisibilityTimeout) => {
      const out = await call("ReceiveMessage", { QueueUrl, MaxNumberOfMessages, WaitTimeSeconds, VisibilityTimeout });
      return ((out.Messages ?? []) as Array<{ ReceiptHandle: string }>).map((m) => m.ReceiptHandle);
    },
    deleteMessageBatch: async (QueueUrl, handles) => {
      const out = await call("DeleteMessageBatch", { QueueUrl, Entries: handles.map((ReceiptHandle, i) => ({ Id: `d${i}`, ReceiptHandle })) });
      checkFailed("DeleteMessageBatch", out.Failed);
    },
    close: () => pool.close(),
  };
}
