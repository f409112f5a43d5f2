/**
 * Reserved concurrency (Put/Get/DeleteFunctionConcurrency) and GetAccountSettings through the
 * real LambdaClient. Each test uses its own account, so that the account's totals are exact.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateFunctionCommand,
  DeleteFunctionConcurrencyCommand,
  DeleteFunctionCommand,
  GetAccountSettingsCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  PublishLayerVersionCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  type LambdaClient,
} from "@aws-sdk/client-lambda";
import { accountClient, baseInput, fails, handlerZip, type LambdaHarness, startLambda } from "./support.js";

let h: LambdaHarness;
before(async () => {
  h = await startLambda();
});
after(() => h.server.stop());

async function create(client: LambdaClient, account: string, name: string, publish = false): Promise<void> {
  await client.send(new CreateFunctionCommand({ ...baseInput(h, name), Role: `arn:aws:iam::${account}:role/r`, Publish: publish }));
}

const BELOW_MINIMUM = "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].";

describe("reserved concurrency", () => {
  test("put, get and delete; GetFunction shows it", async () => {
    const c = accountClient(h, "200000000001");
    await create(c, "200000000001", "conc");
    assert.equal((await c.send(new GetFunctionConcurrencyCommand({ FunctionName: "conc" }))).ReservedConcurrentExecutions, undefined);
    const put = await c.send(new PutFunctionConcurrencyCommand({ FunctionName: "conc", ReservedConcurrentExecutions: 25 }));
    assert.equal(put.ReservedConcurrentExecutions, 25);
    assert.equal((await c.send(new GetFunctionConcurrencyCommand({ FunctionName: "conc" }))).ReservedConcurrentExecutions, 25);
    assert.deepEqual((await c.send(new GetFunctionCommand({ FunctionName: "conc" }))).Concurrency, { ReservedConcurrentExecutions: 25 });
    const zero = await c.send(new PutFunctionConcurrencyCommand({ FunctionName: "conc", ReservedConcurrentExecutions: 0 }));
    assert.equal(zero.ReservedConcurrentExecutions, 0);
    const deleted = await c.send(new DeleteFunctionConcurrencyCommand({ FunctionName: "conc" }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    assert.equal((await c.send(new GetFunctionConcurrencyCommand({ FunctionName: "conc" }))).ReservedConcurrentExecutions, undefined);
    assert.equal((await c.send(new GetFunctionCommand({ FunctionName: "conc" }))).Concurrency, undefined);
  });

  test("reservations must leave 100 of the account's 1,000 unreserved", async () => {
    const c = accountClient(h, "200000000002");
    await create(c, "200000000002", "big");
    await create(c, "200000000002", "small");
    await c.send(new PutFunctionConcurrencyCommand({ FunctionName: "big", ReservedConcurrentExecutions: 900 }));
    assert.equal((await c.send(new GetAccountSettingsCommand({}))).AccountLimit?.UnreservedConcurrentExecutions, 100);
    await fails(c.send(new PutFunctionConcurrencyCommand({ FunctionName: "small", ReservedConcurrentExecutions: 1 })), "InvalidParameterValueException", BELOW_MINIMUM, 400);
    await fails(c.send(new PutFunctionConcurrencyCommand({ FunctionName: "big", ReservedConcurrentExecutions: 901 })), "InvalidParameterValueException", BELOW_MINIMUM, 400);
    // The function's own reservation is replaced, not added to.
    await c.send(new PutFunctionConcurrencyCommand({ FunctionName: "big", ReservedConcurrentExecutions: 800 }));
    await c.send(new PutFunctionConcurrencyCommand({ FunctionName: "small", ReservedConcurrentExecutions: 100 }));
    assert.equal((await c.send(new GetAccountSettingsCommand({}))).AccountLimit?.UnreservedConcurrentExecutions, 100);
    await c.send(new DeleteFunctionConcurrencyCommand({ FunctionName: "big" }));
    assert.equal((await c.send(new GetAccountSettingsCommand({}))).AccountLimit?.UnreservedConcurrentExecutions, 900);
    // A deleted function's reservation is released.
    await c.send(new DeleteFunctionCommand({ FunctionName: "small" }));
    assert.equal((await c.send(new GetAccountSettingsCommand({}))).AccountLimit?.UnreservedConcurrentExecutions, 1000);
  });

  test("qualified names, negative values and unknown functions are refused", async () => {
    const c = accountClient(h, "200000000003");
    await create(c, "200000000003", "q", true);
    await fails(
      c.send(new PutFunctionConcurrencyCommand({ FunctionName: "q:1", ReservedConcurrentExecutions: 5 })),
      "InvalidParameterValueException",
      "This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.",
      400,
    );
    await fails(
      c.send(new PutFunctionConcurrencyCommand({ FunctionName: "q", ReservedConcurrentExecutions: -1 })),
      "ValidationException",
      "1 validation error detected: Value '-1' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0",
      400,
    );
    await fails(
      c.send(new PutFunctionConcurrencyCommand({ FunctionName: "nope", ReservedConcurrentExecutions: 5 })),
      "ResourceNotFoundException",
      "Function not found: arn:aws:lambda:us-east-1:200000000003:function:nope",
      404,
    );
  });
});

describe("GetAccountSettings", () => {
  test("limits, and usage summed over every version and layer version of the account and region", async () => {
    const account = "200000000004";
    const c = accountClient(h, account);
    const empty = await c.send(new GetAccountSettingsCommand({}));
    assert.deepEqual(empty.AccountLimit, {
      TotalCodeSize: 80_530_636_800,
      CodeSizeUnzipped: 262_144_000,
      CodeSizeZipped: 52_428_800,
      ConcurrentExecutions: 1000,
      UnreservedConcurrentExecutions: 1000,
    });
    assert.deepEqual(empty.AccountUsage, { TotalCodeSize: 0, FunctionCount: 0 });
    await create(c, account, "one", true);
    await create(c, account, "two");
    await c.send(new PublishVersionCommand({ FunctionName: "one" }));
    const layerZip = await handlerZip({ "nodejs/node_modules/lib/index.js": "module.exports = 1;\n" });
    await c.send(new PublishLayerVersionCommand({ LayerName: "lib", Content: { ZipFile: layerZip } }));
    const out = await c.send(new GetAccountSettingsCommand({}));
    // one: $LATEST + version 1 (publishing again changed nothing); two: $LATEST; one layer version.
    assert.deepEqual(out.AccountUsage, { TotalCodeSize: 3 * h.zip.length + layerZip.length, FunctionCount: 2 });
    const otherRegion = accountClient(h, account, "eu-west-1");
    const elsewhere = await otherRegion.send(new GetAccountSettingsCommand({}));
    assert.deepEqual(elsewhere.AccountUsage, { TotalCodeSize: 0, FunctionCount: 0 });
  });
});
