/**
 * restJson1 proven with a real client: a test-only service built on Lambda's model (the next
 * service to land) answers LambdaClient calls that use every kind of HTTP binding — URI labels,
 * query parameters, headers, a blob payload, a JSON body with nested shapes — and errors.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as lambdaSdk from "@aws-sdk/client-lambda";
import { CreateFunctionCommand, GetFunctionConfigurationCommand, InvokeCommand, LambdaClient, ListFunctionsCommand, PublishVersionCommand } from "@aws-sdk/client-lambda";
import { ServiceError } from "../../src/core/errors.js";
import type { ServiceModule } from "../../src/core/service.js";
import { modelFromSdkExports } from "../../src/protocols/smithy/shapes.js";
import type { StratusServer } from "../../src/index.js";
import { rejection, startStratus, TEST_CREDENTIALS } from "../helpers/stratus.js";

const calls: Array<{ op: string; input: any }> = [];

const echoLambda: ServiceModule = {
  id: "lambda",
  signingName: "lambda",
  protocols: ["restJson1"],
  loadModel: async () => modelFromSdkExports("com.amazonaws.lambda", lambdaSdk as unknown as Record<string, unknown>),
  create: () => ({}),
  operations: {
    Invoke: (input) => {
      calls.push({ op: "Invoke", input });
      if (input.FunctionName === "missing") {
        throw new ServiceError("ResourceNotFoundException", `Function not found: ${input.FunctionName}`, { fields: { Type: "User" } });
      }
      const payload = JSON.parse(Buffer.from(input.Payload ?? "null").toString());
      return { StatusCode: 200, ExecutedVersion: input.Qualifier ?? "$LATEST", FunctionError: payload?.fail ? "Unhandled" : undefined, Payload: Buffer.from(JSON.stringify({ echo: payload, type: input.InvocationType })) };
    },
    CreateFunction: (input) => {
      calls.push({ op: "CreateFunction", input });
      return { FunctionName: input.FunctionName, Runtime: input.Runtime, MemorySize: input.MemorySize, Environment: { Variables: input.Environment?.Variables }, CodeSize: input.Code.ZipFile.length, Layers: [{ Arn: "arn:aws:lambda:us-east-1:000000000000:layer:l:1", CodeSize: 3 }] };
    },
    GetFunctionConfiguration: (input) => {
      calls.push({ op: "GetFunctionConfiguration", input });
      return { FunctionName: input.FunctionName, Version: input.Qualifier ?? "$LATEST", Timeout: 3 };
    },
    ListFunctions: (input) => {
      calls.push({ op: "ListFunctions", input });
      return { Functions: [{ FunctionName: "a" }, { FunctionName: "b" }], NextMarker: input.Marker ? undefined : "next" };
    },
  },
};

describe("restJson1 through LambdaClient", () => {
  let server: StratusServer;
  let client: LambdaClient;

  before(async () => {
    server = await startStratus({ services: [echoLambda] });
    client = new LambdaClient({ endpoint: server.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  });
  after(() => server.stop());

  test("labels, headers, query and a blob payload reach the operation; headers and payload come back", async () => {
    const out = await client.send(new InvokeCommand({ FunctionName: "arn:aws:lambda:us-east-1:000000000000:function:f1", Qualifier: "7", InvocationType: "RequestResponse", Payload: Buffer.from(JSON.stringify({ a: 1 })) }));
    assert.equal(out.StatusCode, 200);
    assert.equal(out.ExecutedVersion, "7");
    assert.deepEqual(JSON.parse(Buffer.from(out.Payload!).toString()), { echo: { a: 1 }, type: "RequestResponse" });
    const call = calls.findLast((c) => c.op === "Invoke")!;
    assert.equal(call.input.FunctionName, "arn:aws:lambda:us-east-1:000000000000:function:f1");
    assert.equal(call.input.Qualifier, "7");
  });

  test("an output header member (X-Amz-Function-Error) is written as a header", async () => {
    const out = await client.send(new InvokeCommand({ FunctionName: "f1", Payload: Buffer.from(JSON.stringify({ fail: true })) }));
    assert.equal(out.FunctionError, "Unhandled");
  });

  test("a JSON body with nested structures, maps and a base64 blob round-trips", async () => {
    const zip = Buffer.from("PK\x03\x04 not really a zip");
    const out = await client.send(
      new CreateFunctionCommand({ FunctionName: "f2", Runtime: "nodejs20.x", Role: "arn:aws:iam::000000000000:role/r", Handler: "index.handler", MemorySize: 256, Code: { ZipFile: zip }, Environment: { Variables: { A: "1", B: "two" } } }),
    );
    assert.equal(out.FunctionName, "f2");
    assert.equal(out.MemorySize, 256);
    assert.equal(out.CodeSize, zip.length);
    assert.deepEqual(out.Environment?.Variables, { A: "1", B: "two" });
    assert.equal(out.Layers?.[0].CodeSize, 3);
    const call = calls.findLast((c) => c.op === "CreateFunction")!;
    assert.ok(Buffer.isBuffer(call.input.Code.ZipFile));
    assert.equal(call.input.Code.ZipFile.toString(), zip.toString());
  });

  test("query parameters bind to members (ListFunctions Marker, MaxItems)", async () => {
    const out = await client.send(new ListFunctionsCommand({ Marker: "m1", MaxItems: 5 }));
    assert.deepEqual(out.Functions?.map((f) => f.FunctionName), ["a", "b"]);
    assert.equal(out.NextMarker, undefined);
    const call = calls.findLast((c) => c.op === "ListFunctions")!;
    assert.equal(call.input.Marker, "m1");
    assert.equal(call.input.MaxItems, 5);
  });

  test("a route with a label and a query member (GetFunctionConfiguration)", async () => {
    const out = await client.send(new GetFunctionConfigurationCommand({ FunctionName: "f3", Qualifier: "2" }));
    assert.equal(out.FunctionName, "f3");
    assert.equal(out.Version, "2");
    assert.equal(out.Timeout, 3);
  });

  test("a modeled error arrives as that error with its status and members", async () => {
    const err = await rejection(client.send(new InvokeCommand({ FunctionName: "missing" })));
    assert.equal(err.name, "ResourceNotFoundException");
    assert.equal(err.$metadata.httpStatusCode, 404);
    assert.equal(err.Type, "User");
    assert.match(err.message, /Function not found: missing/);
  });

  test("an operation the service has not implemented answers an AWS error naming it", async () => {
    const err = await rejection(client.send(new PublishVersionCommand({ FunctionName: "f1" })));
    assert.equal(err.name, "NotImplemented");
    assert.match(err.message, /lambda\.PublishVersion/);
    assert.equal(err.$metadata.httpStatusCode, 501);
  });

  test("a wrongly typed member in the body is a 400 validation error, not a crash", async () => {
    const res = await fetch(`${server.endpoint}/2015-03-31/functions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ FunctionName: "x", Role: "r", Code: {}, MemorySize: "big" }) });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get("x-amzn-errortype"), "ValidationException");
    assert.ok(res.headers.get("x-amzn-requestid"));
  });
});
