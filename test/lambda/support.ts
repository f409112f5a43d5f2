/**
 * Shared pieces of the Lambda integration tests: a server with the default services (Lambda,
 * SQS) and a real LambdaClient, a tiny handler zip built with yazl, and a CreateFunction
 * wrapper that waits until the function is Active.
 */
import { createHash } from "node:crypto";
import { CreateFunctionCommand, LambdaClient, waitUntilFunctionActiveV2, waitUntilFunctionUpdatedV2, type CreateFunctionCommandInput, type FunctionConfiguration } from "@aws-sdk/client-lambda";
import yazl from "yazl";
import type { StartOptions, StratusServer } from "../../src/index.js";
import { startStratus, TEST_CREDENTIALS } from "../helpers/stratus.js";

export const ACCOUNT = "000000000000";
export const REGION = "us-east-1";
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/lambda-role`;
export const HANDLER_SOURCE = "exports.handler = async (e) => e;\n";

export interface LambdaHarness {
  server: StratusServer;
  lambda: LambdaClient;
  zip: Buffer;
}

/** A client of another account (a 12-digit access key id is the account), for tests that count an account's resources. */
export function accountClient(h: LambdaHarness, account: string, region = REGION): LambdaClient {
  return new LambdaClient({ endpoint: h.server.endpoint, region, credentials: { accessKeyId: account, secretAccessKey: "test" }, maxAttempts: 1 });
}

export async function startLambda(options: StartOptions = {}): Promise<LambdaHarness> {
  // The default services (src/services/registry.ts) include Lambda and SQS.
  const server = await startStratus(options);
  const lambda = new LambdaClient({ endpoint: server.endpoint, region: REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  return { server, lambda, zip: await handlerZip() };
}

/** A zip with `index.js` (or the files given), with fixed timestamps so equal sources give equal bytes. */
export async function handlerZip(files: Record<string, string> = { "index.js": HANDLER_SOURCE }): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name, { mtime: new Date(Date.UTC(2024, 0, 1)) });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function sha256Base64(data: Buffer): string {
  return createHash("sha256").update(data).digest("base64");
}

export function functionArn(name: string, qualifier?: string): string {
  return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}${qualifier ? `:${qualifier}` : ""}`;
}

export function baseInput(h: LambdaHarness, name: string): CreateFunctionCommandInput {
  return { FunctionName: name, Runtime: "nodejs20.x", Handler: "index.handler", Role: ROLE, Code: { ZipFile: h.zip } };
}

/** CreateFunction, then waits until it is Active (and its published version too). */
export async function createFunction(h: LambdaHarness, name: string, extra: Partial<CreateFunctionCommandInput> = {}): Promise<FunctionConfiguration> {
  const out = await h.lambda.send(new CreateFunctionCommand({ ...baseInput(h, name), ...extra }));
  await waitActive(h, name);
  return out;
}

export async function waitActive(h: LambdaHarness, name: string): Promise<void> {
  await waitUntilFunctionActiveV2({ client: h.lambda, minDelay: 1, maxDelay: 1, maxWaitTime: 10 }, { FunctionName: name });
}

export async function waitUpdated(h: LambdaHarness, name: string): Promise<void> {
  await waitUntilFunctionUpdatedV2({ client: h.lambda, minDelay: 1, maxDelay: 1, maxWaitTime: 10 }, { FunctionName: name });
}

export { fails } from "../helpers/stratus.js";
