/**
 * With credentials configured, every request must be signed, including the AWS calls a
 * handler makes: the function gets its account's credential, so those calls verify.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { CreateFunctionCommand, InvokeCommand, LambdaClient, waitUntilFunctionActiveV2 } from "@aws-sdk/client-lambda";
import type { StratusServer } from "../../src/index.js";
import { startStratus } from "../helpers/stratus.js";
import { handlerZip } from "./support.js";

const CREDENTIAL = { accessKeyId: "AKIDSIGNED000000001", secretAccessKey: "signed-secret", accountId: "123456789012" };

describe("handler calls on a signature-verifying server", () => {
  let server: StratusServer;
  let lambda: LambdaClient;

  before(async () => {
    server = await startStratus({ credentials: [CREDENTIAL] });
    lambda = new LambdaClient({ endpoint: server.endpoint, region: "us-east-1", credentials: CREDENTIAL, maxAttempts: 1 });
  });
  after(() => server.stop());

  test("a handler's SDK call is signed with its account's credential and succeeds", async () => {
    const code = await handlerZip({
      "index.js": `
        const { SQSClient, CreateQueueCommand } = require("@aws-sdk/client-sqs");
        exports.handler = async () => {
          const out = await new SQSClient({}).send(new CreateQueueCommand({ QueueName: "from-handler" }));
          return { url: out.QueueUrl, key: process.env.AWS_ACCESS_KEY_ID };
        };`,
    });
    await lambda.send(new CreateFunctionCommand({ FunctionName: "signer", Runtime: "nodejs20.x", Handler: "index.handler", Role: "arn:aws:iam::123456789012:role/r", Code: { ZipFile: code } }));
    await waitUntilFunctionActiveV2({ client: lambda, minDelay: 1, maxWaitTime: 10 }, { FunctionName: "signer" });
    const out = await lambda.send(new InvokeCommand({ FunctionName: "signer" }));
    assert.equal(out.FunctionError, undefined, Buffer.from(out.Payload ?? []).toString());
    const result = JSON.parse(Buffer.from(out.Payload!).toString());
    assert.equal(result.key, CREDENTIAL.accessKeyId);
    assert.equal(result.url, `${server.endpoint}/123456789012/from-handler`);
  });
});
