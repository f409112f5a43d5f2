/**
 * InvokeAsync (the deprecated asynchronous API) through the real LambdaClient: the event is
 * queued (202) and runs, its record reaching an OnSuccess destination queue.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { InvokeAsyncCommand, InvokeCommand, PutFunctionEventInvokeConfigCommand, DeleteLayerVersionCommand, PublishLayerVersionCommand } from "@aws-sdk/client-lambda";
import { CreateQueueCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { rejection, sqsClient } from "../helpers/stratus.js";
import { ACCOUNT, createFunction, functionArn, handlerZip, startLambda, type LambdaHarness } from "./support.js";

let h: LambdaHarness;
before(async () => {
  h = await startLambda();
});
after(() => h.server.stop());

describe("InvokeAsync", () => {
  test("answers 202 and runs the event; the record reaches the OnSuccess queue", async () => {
    const sqs = sqsClient(h.server);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "async-success" }));
    await createFunction(h, "async-fn");
    await h.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "async-fn", DestinationConfig: { OnSuccess: { Destination: `arn:aws:sqs:us-east-1:${ACCOUNT}:async-success` } } }));
    const out = await h.lambda.send(new InvokeAsyncCommand({ FunctionName: "async-fn", InvokeArgs: Buffer.from(JSON.stringify({ hello: "world" })) }));
    assert.equal(out.Status, 202);
    assert.equal(out.$metadata.httpStatusCode, 202);
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    assert.equal(received.Messages?.length, 1);
    const record = JSON.parse(received.Messages![0].Body!);
    assert.equal(record.version, "1.0");
    assert.equal(record.requestContext.requestId, out.$metadata.requestId);
    assert.equal(record.requestContext.condition, "Success");
    assert.equal(record.requestContext.functionArn, functionArn("async-fn", "$LATEST"));
    assert.deepEqual(record.requestPayload, { hello: "world" });
    assert.deepEqual(record.responsePayload, { hello: "world" });
  });

  test("unknown functions and payloads that are not JSON are refused", async () => {
    const missing = await rejection(h.lambda.send(new InvokeAsyncCommand({ FunctionName: "async-ghost", InvokeArgs: Buffer.from("{}") })));
    assert.equal(missing.name, "ResourceNotFoundException");
    assert.equal(missing.message, `Function not found: ${functionArn("async-ghost")}`);
    await createFunction(h, "async-json");
    const bad = await rejection(h.lambda.send(new InvokeAsyncCommand({ FunctionName: "async-json", InvokeArgs: Buffer.from("{not json") })));
    assert.equal(bad.name, "InvalidRequestContentException");
    assert.equal(bad.$metadata.httpStatusCode, 400);
    assert.match(bad.message, /^Could not parse request body into json: /);
  });
});

describe("a layer version deleted after a function was configured with it", () => {
  // AWS keeps a copy of the layer for functions that use it; src/services/lambda/runtime-spec.ts
  // looks the layer up by ARN at every invocation and fails once the version is deleted.
  test("still runs the function", async () => {
    const layerZip = await handlerZip({ "nodejs/node_modules/greet/index.js": "module.exports = () => 'hi from layer';\n" });
    const layer = await h.lambda.send(new PublishLayerVersionCommand({ LayerName: "kept", Content: { ZipFile: layerZip } }));
    const zip = await handlerZip({ "index.js": "exports.handler = async () => require('greet')();\n" });
    await createFunction(h, "uses-kept", { Code: { ZipFile: zip }, Layers: [layer.LayerVersionArn!] });
    await h.lambda.send(new DeleteLayerVersionCommand({ LayerName: "kept", VersionNumber: 1 }));
    const out = await h.lambda.send(new InvokeCommand({ FunctionName: "uses-kept" }));
    assert.equal(out.FunctionError, undefined);
    assert.equal(Buffer.from(out.Payload!).toString(), JSON.stringify("hi from layer"));
  });
});
