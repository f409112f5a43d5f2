/**
 * Test helpers: start an isolated Stratus (in memory unless told otherwise) and make real AWS
 * SDK clients that point at it.
 */
import { SQSClient, type SQSClientConfig } from "@aws-sdk/client-sqs";
import { start, type StartOptions, type StratusServer } from "../../src/index.js";

export const TEST_CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" };

export async function startStratus(options: StartOptions = {}): Promise<StratusServer> {
  return start({ port: 0, inMemory: true, logLevel: "silent", ...options });
}

export function sqsClient(server: { endpoint: string }, config: Partial<SQSClientConfig> = {}): SQSClient {
  return new SQSClient({ endpoint: server.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1, ...config });
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
