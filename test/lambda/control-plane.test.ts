/**
 * Lambda's control plane through the real LambdaClient: functions (create, read, update,
 * list, delete), states, versions and aliases — everything that needs no execution.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { baseInput, createFunction, fails, functionArn, handlerZip, type LambdaHarness, ROLE, sha256Base64, startLambda, waitUpdated } from "./support.js";

let h: LambdaHarness;
before(async () => {
  h = await startLambda();
});
after(() => h.server.stop());

describe("CreateFunction", () => {
  test("answers the new configuration, Pending, then the function becomes Active", async () => {
    const out = await h.lambda.send(new CreateFunctionCommand({ ...baseInput(h, "cp-create"), Description: "first", Environment: { Variables: { GREETING: "hi" } } }));
    assert.equal(out.FunctionName, "cp-create");
    assert.equal(out.FunctionArn, functionArn("cp-create"));
    assert.equal(out.Runtime, "nodejs20.x");
    assert.equal(out.Handler, "index.handler");
    assert.equal(out.Role, ROLE);
    assert.equal(out.Description, "first");
    assert.equal(out.Timeout, 3);
    assert.equal(out.MemorySize, 128);
    assert.equal(out.Version, "$LATEST");
    assert.equal(out.CodeSize, h.zip.length);
    assert.equal(out.CodeSha256, sha256Base64(h.zip));
    assert.equal(out.PackageType, "Zip");
    assert.deepEqual(out.Architectures, ["x86_64"]);
    assert.deepEqual(out.Environment?.Variables, { GREETING: "hi" });
    assert.equal(out.State, "Pending");
    assert.equal(out.StateReasonCode, "Creating");
    assert.match(out.LastModified ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    const { waitUntilFunctionActiveV2 } = await import("@aws-sdk/client-lambda");
    const waited = await waitUntilFunctionActiveV2({ client: h.lambda, minDelay: 1, maxDelay: 1, maxWaitTime: 10 }, { FunctionName: "cp-create" });
    assert.equal(waited.state, "SUCCESS");
    const now = await h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "cp-create" }));
    assert.equal(now.State, "Active");
    assert.equal(now.LastUpdateStatus, "Successful");
    assert.equal(now.StateReason, undefined);
  });

  test("Publish creates version 1 with the same code", async () => {
    const out = await h.lambda.send(new CreateFunctionCommand({ ...baseInput(h, "cp-publish"), Publish: true }));
    assert.equal(out.Version, "1");
    assert.equal(out.FunctionArn, functionArn("cp-publish", "1"));
    assert.equal(out.CodeSha256, sha256Base64(h.zip));
    const versions = await h.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: "cp-publish" }));
    assert.deepEqual(versions.Versions?.map((v) => v.Version), ["$LATEST", "1"]);
  });

  test("a second function of the same name is a ResourceConflictException", async () => {
    await createFunction(h, "cp-dup");
    await fails(h.lambda.send(new CreateFunctionCommand(baseInput(h, "cp-dup"))), "ResourceConflictException", "Function already exist: cp-dup", 409);
  });

  test("invalid members are refused with AWS's errors", async () => {
    const base = baseInput(h, "cp-invalid");
    await fails(
      h.lambda.send(new CreateFunctionCommand({ ...base, Role: "not-a-role" })),
      "ValidationException",
      "1 validation error detected: Value 'not-a-role' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+",
      400,
    );
    await fails(h.lambda.send(new CreateFunctionCommand({ ...base, Timeout: 0 })), "ValidationException", "1 validation error detected: Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1", 400);
    await fails(h.lambda.send(new CreateFunctionCommand({ ...base, Timeout: 901 })), "ValidationException", "1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900", 400);
    await fails(h.lambda.send(new CreateFunctionCommand({ ...base, MemorySize: 64 })), "ValidationException", "1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128", 400);
    await fails(
      h.lambda.send(new CreateFunctionCommand({ ...base, Runtime: "python2.7" })),
      "InvalidParameterValueException",
      "The runtime parameter of python2.7 is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (python3.13) while creating or updating functions.",
      400,
    );
    await fails(
      h.lambda.send(new CreateFunctionCommand({ ...base, Environment: { Variables: { AWS_REGION: "eu-west-1" } } })),
      "InvalidParameterValueException",
      "Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: AWS_REGION",
      400,
    );
    await fails(h.lambda.send(new GetFunctionCommand({ FunctionName: "cp-invalid" })), "ResourceNotFoundException", `Function not found: ${functionArn("cp-invalid")}`, 404);
  });
});

describe("GetFunction and GetFunctionConfiguration", () => {
  before(async () => {
    await createFunction(h, "cp-get", { Tags: { team: "core" }, Publish: true });
    await h.lambda.send(new CreateAliasCommand({ FunctionName: "cp-get", Name: "live", FunctionVersion: "1" }));
  });

  test("unqualified: $LATEST with code location, tags and no concurrency", async () => {
    const out = await h.lambda.send(new GetFunctionCommand({ FunctionName: "cp-get" }));
    assert.equal(out.Configuration?.FunctionArn, functionArn("cp-get"));
    assert.equal(out.Configuration?.Version, "$LATEST");
    assert.equal(out.Code?.RepositoryType, "S3");
    assert.equal(out.Code?.Location, `${h.server.endpoint}/_stratus/lambda/code/${Buffer.from(sha256Base64(h.zip), "base64").toString("hex")}.zip`);
    assert.deepEqual(out.Tags, { team: "core" });
    assert.equal(out.Concurrency, undefined);
  });

  test("qualified by version, by alias and by an ARN with a qualifier", async () => {
    const v1 = await h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "cp-get", Qualifier: "1" }));
    assert.equal(v1.Version, "1");
    assert.equal(v1.FunctionArn, functionArn("cp-get", "1"));
    const alias = await h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "cp-get", Qualifier: "live" }));
    assert.equal(alias.Version, "1");
    assert.equal(alias.FunctionArn, functionArn("cp-get", "live"));
    const byArn = await h.lambda.send(new GetFunctionCommand({ FunctionName: functionArn("cp-get", "1") }));
    assert.equal(byArn.Configuration?.Version, "1");
    assert.equal(byArn.Tags, undefined);
    await fails(h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "cp-get", Qualifier: "7" })), "ResourceNotFoundException", `Function not found: ${functionArn("cp-get", "7")}`, 404);
    await fails(
      h.lambda.send(new GetFunctionCommand({ FunctionName: functionArn("cp-get", "1"), Qualifier: "live" })),
      "InvalidParameterValueException",
      "The derived qualifier from the function name does not match the specified qualifier.",
      400,
    );
  });
});

describe("UpdateFunctionCode and UpdateFunctionConfiguration", () => {
  before(() => createFunction(h, "cp-update"));

  test("a stale RevisionId is a PreconditionFailedException; the current one succeeds", async () => {
    const before = await h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "cp-update" }));
    await fails(
      h.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "cp-update", Timeout: 10, RevisionId: "not-the-revision" })),
      "PreconditionFailedException",
      "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
      412,
    );
    const updated = await h.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "cp-update", Timeout: 10, MemorySize: 256, RevisionId: before.RevisionId }));
    assert.equal(updated.Timeout, 10);
    assert.equal(updated.MemorySize, 256);
    assert.equal(updated.LastUpdateStatus, "InProgress");
    assert.notEqual(updated.RevisionId, before.RevisionId);
    await waitUpdated(h, "cp-update");
    const after = await h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "cp-update" }));
    assert.equal(after.LastUpdateStatus, "Successful");
    assert.equal(after.Timeout, 10);
    await fails(
      h.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "cp-update", Timeout: 20, RevisionId: before.RevisionId })),
      "PreconditionFailedException",
      "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
      412,
    );
  });

  test("new code changes CodeSha256 and CodeSize; a stale RevisionId is refused", async () => {
    const zip = await handlerZip({ "index.js": "exports.handler = async () => 'v2';\n" });
    const current = await h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "cp-update" }));
    await fails(
      h.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: "cp-update", ZipFile: zip, RevisionId: "stale" })),
      "PreconditionFailedException",
      "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
      412,
    );
    const out = await h.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: "cp-update", ZipFile: zip, RevisionId: current.RevisionId }));
    assert.equal(out.CodeSha256, sha256Base64(zip));
    assert.equal(out.CodeSize, zip.length);
    await waitUpdated(h, "cp-update");
    const after = await h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "cp-update" }));
    assert.equal(after.CodeSha256, sha256Base64(zip));
  });
});

describe("ListFunctions", () => {
  test("pages with Marker and MaxItems; FunctionVersion ALL adds published versions", async () => {
    const { LambdaClient } = await import("@aws-sdk/client-lambda");
    // A separate account keeps this listing independent of the other tests' functions.
    const other = new LambdaClient({ endpoint: h.server.endpoint, region: "us-east-1", credentials: { accessKeyId: "111111111111", secretAccessKey: "x" }, maxAttempts: 1 });
    const role = "arn:aws:iam::111111111111:role/lambda-role";
    for (const name of ["list-c", "list-a", "list-b"]) {
      await other.send(new CreateFunctionCommand({ ...baseInput(h, name), Role: role, Publish: name === "list-b" }));
    }
    const first = await other.send(new ListFunctionsCommand({ MaxItems: 2 }));
    assert.deepEqual(first.Functions?.map((f) => f.FunctionName), ["list-a", "list-b"]);
    assert.ok(first.NextMarker);
    const second = await other.send(new ListFunctionsCommand({ MaxItems: 2, Marker: first.NextMarker }));
    assert.deepEqual(second.Functions?.map((f) => f.FunctionName), ["list-c"]);
    assert.equal(second.NextMarker, undefined);
    const all = await other.send(new ListFunctionsCommand({ FunctionVersion: "ALL" }));
    assert.deepEqual(all.Functions?.map((f) => `${f.FunctionName}:${f.Version}`), ["list-a:$LATEST", "list-b:$LATEST", "list-b:1", "list-c:$LATEST"]);
    const mine = await h.lambda.send(new ListFunctionsCommand({}));
    assert.ok(!mine.Functions?.some((f) => f.FunctionName?.startsWith("list-")));
  });
});

describe("PublishVersion and ListVersionsByFunction", () => {
  before(() => createFunction(h, "cp-versions"));

  test("publishing an unchanged $LATEST returns the last version; a change publishes the next", async () => {
    const v1 = await h.lambda.send(new PublishVersionCommand({ FunctionName: "cp-versions", Description: "one" }));
    assert.equal(v1.Version, "1");
    assert.equal(v1.Description, "one");
    assert.equal(v1.FunctionArn, functionArn("cp-versions", "1"));
    const again = await h.lambda.send(new PublishVersionCommand({ FunctionName: "cp-versions" }));
    assert.equal(again.Version, "1");
    assert.equal(again.RevisionId, v1.RevisionId);
    await h.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "cp-versions", Timeout: 5 }));
    await waitUpdated(h, "cp-versions");
    const v2 = await h.lambda.send(new PublishVersionCommand({ FunctionName: "cp-versions" }));
    assert.equal(v2.Version, "2");
    assert.equal(v2.Timeout, 5);
    await fails(
      h.lambda.send(new PublishVersionCommand({ FunctionName: "cp-versions", CodeSha256: "wrong" })),
      "InvalidParameterValueException",
      `CodeSHA256 (wrong) is different from current CodeSHA256 in $LATEST (${sha256Base64(h.zip)}). Please try again with the CodeSHA256 in $LATEST.`,
      400,
    );
    const list = await h.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: "cp-versions" }));
    assert.deepEqual(list.Versions?.map((v) => [v.Version, v.Timeout]), [["$LATEST", 5], ["1", 3], ["2", 5]]);
    const paged = await h.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: "cp-versions", MaxItems: 2 }));
    assert.deepEqual(paged.Versions?.map((v) => v.Version), ["$LATEST", "1"]);
    const rest = await h.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: "cp-versions", MaxItems: 2, Marker: paged.NextMarker }));
    assert.deepEqual(rest.Versions?.map((v) => v.Version), ["2"]);
    assert.equal(rest.NextMarker, undefined);
  });
});

describe("aliases", () => {
  before(async () => {
    await createFunction(h, "cp-alias");
    await h.lambda.send(new PublishVersionCommand({ FunctionName: "cp-alias" }));
    await h.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "cp-alias", Timeout: 6 }));
    await waitUpdated(h, "cp-alias");
    await h.lambda.send(new PublishVersionCommand({ FunctionName: "cp-alias" }));
  });

  test("create, get, update, list and delete", async () => {
    const created = await h.lambda.send(new CreateAliasCommand({ FunctionName: "cp-alias", Name: "prod", FunctionVersion: "1", Description: "production" }));
    assert.equal(created.AliasArn, functionArn("cp-alias", "prod"));
    assert.equal(created.FunctionVersion, "1");
    assert.equal(created.Description, "production");
    assert.ok(created.RevisionId);
    await fails(
      h.lambda.send(new CreateAliasCommand({ FunctionName: "cp-alias", Name: "prod", FunctionVersion: "1" })),
      "ResourceConflictException",
      `Alias already exists: ${functionArn("cp-alias", "prod")}`,
      409,
    );
    const got = await h.lambda.send(new GetAliasCommand({ FunctionName: "cp-alias", Name: "prod" }));
    assert.equal(got.RevisionId, created.RevisionId);
    await fails(
      h.lambda.send(new UpdateAliasCommand({ FunctionName: "cp-alias", Name: "prod", FunctionVersion: "2", RevisionId: "stale" })),
      "PreconditionFailedException",
      "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
      412,
    );
    const updated = await h.lambda.send(new UpdateAliasCommand({ FunctionName: "cp-alias", Name: "prod", FunctionVersion: "2", RevisionId: created.RevisionId }));
    assert.equal(updated.FunctionVersion, "2");
    assert.notEqual(updated.RevisionId, created.RevisionId);
    await h.lambda.send(new CreateAliasCommand({ FunctionName: "cp-alias", Name: "dev", FunctionVersion: "$LATEST" }));
    const list = await h.lambda.send(new ListAliasesCommand({ FunctionName: "cp-alias" }));
    assert.deepEqual(list.Aliases?.map((a) => `${a.Name}->${a.FunctionVersion}`), ["dev->$LATEST", "prod->2"]);
    const onlyTwo = await h.lambda.send(new ListAliasesCommand({ FunctionName: "cp-alias", FunctionVersion: "2" }));
    assert.deepEqual(onlyTwo.Aliases?.map((a) => a.Name), ["prod"]);
    await h.lambda.send(new DeleteAliasCommand({ FunctionName: "cp-alias", Name: "dev" }));
    await fails(h.lambda.send(new GetAliasCommand({ FunctionName: "cp-alias", Name: "dev" })), "ResourceNotFoundException", `Cannot find alias arn: ${functionArn("cp-alias", "dev")}`, 404);
  });

  test("weighted routing: at most one more published version, weights within 0..1", async () => {
    const routed = await h.lambda.send(new CreateAliasCommand({ FunctionName: "cp-alias", Name: "canary", FunctionVersion: "1", RoutingConfig: { AdditionalVersionWeights: { "2": 1 } } }));
    assert.deepEqual(routed.RoutingConfig?.AdditionalVersionWeights, { "2": 1 });
    const create = (name: string, version: string, weights: Record<string, number>) =>
      h.lambda.send(new CreateAliasCommand({ FunctionName: "cp-alias", Name: name, FunctionVersion: version, RoutingConfig: { AdditionalVersionWeights: weights } }));
    await fails(create("w1", "1", { "2": 0, "3": 1 }), "InvalidParameterValueException", "Number of items in AdditionalVersionWeights cannot be greater than 1", 400);
    await fails(create("w2", "$LATEST", { "2": 1 }), "InvalidParameterValueException", "$LATEST is not supported for an alias pointing to more than 1 version", 400);
    await fails(create("w3", "1", { "1": 1 }), "InvalidParameterValueException", "Invalid function version 1. Function version 1 is already included in routing configuration.", 400);
    await fails(create("w4", "1", { "9": 1 }), "InvalidParameterValueException", "Version 9 does not exist", 400);
    await fails(
      create("w5", "1", { "2": 2 }),
      "ValidationException",
      "1 validation error detected: Value '2' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Member must have value less than or equal to 1.0 and greater than or equal to 0.0",
      400,
    );
    await fails(create("w6", "9", {}), "ResourceNotFoundException", `Function not found: ${functionArn("cp-alias", "9")}`, 404);
    const cleared = await h.lambda.send(new UpdateAliasCommand({ FunctionName: "cp-alias", Name: "canary", RoutingConfig: { AdditionalVersionWeights: {} } }));
    assert.equal(cleared.RoutingConfig, undefined);
  });

  // The weight is a Smithy double, but src/protocols/smithy/shapes.ts reads every unnamed
  // numeric schema as an integer, so 0.25 is refused before it reaches the operation.
  test("fractional routing weights round-trip", async () => {
    const routed = await h.lambda.send(new CreateAliasCommand({ FunctionName: "cp-alias", Name: "quarter", FunctionVersion: "1", RoutingConfig: { AdditionalVersionWeights: { "2": 0.25 } } }));
    assert.deepEqual(routed.RoutingConfig?.AdditionalVersionWeights, { "2": 0.25 });
    const got = await h.lambda.send(new GetAliasCommand({ FunctionName: "cp-alias", Name: "quarter" }));
    assert.deepEqual(got.RoutingConfig?.AdditionalVersionWeights, { "2": 0.25 });
  });
});

describe("DeleteFunction", () => {
  before(async () => {
    await createFunction(h, "cp-delete", { Publish: true });
    await h.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "cp-delete", Timeout: 7 }));
    await waitUpdated(h, "cp-delete");
    await h.lambda.send(new PublishVersionCommand({ FunctionName: "cp-delete" }));
    await h.lambda.send(new CreateAliasCommand({ FunctionName: "cp-delete", Name: "stable", FunctionVersion: "1" }));
  });

  test("a version an alias points to cannot be deleted; $LATEST cannot be deleted alone", async () => {
    await fails(
      h.lambda.send(new DeleteFunctionCommand({ FunctionName: "cp-delete", Qualifier: "1" })),
      "ResourceConflictException",
      "Unable to delete version because the following aliases reference it: [stable]",
      409,
    );
    await fails(h.lambda.send(new DeleteFunctionCommand({ FunctionName: "cp-delete", Qualifier: "$LATEST" })), "InvalidParameterValueException", "$LATEST version cannot be deleted without deleting the function.", 400);
    await h.lambda.send(new DeleteFunctionCommand({ FunctionName: "cp-delete", Qualifier: "2" }));
    const versions = await h.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: "cp-delete" }));
    assert.deepEqual(versions.Versions?.map((v) => v.Version), ["$LATEST", "1"]);
    await fails(h.lambda.send(new DeleteFunctionCommand({ FunctionName: "cp-delete", Qualifier: "2" })), "ResourceNotFoundException", `Function not found: ${functionArn("cp-delete", "2")}`, 404);
  });

  test("deleting the function removes it with its versions and aliases", async () => {
    await h.lambda.send(new DeleteFunctionCommand({ FunctionName: "cp-delete" }));
    await fails(h.lambda.send(new GetFunctionCommand({ FunctionName: "cp-delete" })), "ResourceNotFoundException", `Function not found: ${functionArn("cp-delete")}`, 404);
    await fails(h.lambda.send(new GetAliasCommand({ FunctionName: "cp-delete", Name: "stable" })), "ResourceNotFoundException", `Function not found: ${functionArn("cp-delete")}`, 404);
    await fails(h.lambda.send(new DeleteFunctionCommand({ FunctionName: "cp-delete" })), "ResourceNotFoundException", `Function not found: ${functionArn("cp-delete")}`, 404);
    // The name is free again.
    const again = await createFunction(h, "cp-delete");
    assert.equal(again.Version, "$LATEST");
    const versions = await h.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: "cp-delete" }));
    assert.deepEqual(versions.Versions?.map((v) => v.Version), ["$LATEST"]);
  });
});
