/**
 * Test helpers: start an isolated Stratus (in memory unless told otherwise) and make real AWS
 * SDK clients that point at it.
 */
import assert from "node:assert/strict";
import { SQSClient, type SQSClientConfig } from "@aws-sdk/client-sqs";
import { start, type StartOptions, type StratusServer } from "../../src/index.js";

export const TEST_CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" };

export async function startStratus(options: StartOptions = {}): Promise<StratusServer> {
  return start({ port: 0, inMemory: true, logLevel: "silent", ...options });
}

export function sqsClient(server: { endpoint: string }, config: Partial<SQSClientConfig> = {}): SQSClient {
  return new SQSClient({ endpoint: server.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1, ...config });
}

/** Asserts that an SDK call fails with this error name, message (exact, or a pattern) and HTTP status. */
export async function fails(p: Promise<unknown>, name: string, message: string | RegExp, status = 400): Promise<void> {
  const err = await rejection(p);
  assert.equal(err.name, name, err.message);
  assert.equal(err.$metadata.httpStatusCode, status);
  if (typeof message === "string") assert.equal(err.message, message);
  else assert.match(err.message, message);
}

/** Awaits a promise that must reject, and returns the error for assertions. */
export async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
