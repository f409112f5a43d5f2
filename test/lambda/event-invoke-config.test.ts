/**
 * Asynchronous invocation settings (Put/Update/Get/Delete/ListFunctionEventInvokeConfigs)
 * through the real LambdaClient.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateAliasCommand,
  DeleteFunctionEventInvokeConfigCommand,
  GetFunctionEventInvokeConfigCommand,
  ListFunctionEventInvokeConfigsCommand,
  PublishVersionCommand,
  PutFunctionEventInvokeConfigCommand,
  UpdateFunctionEventInvokeConfigCommand,
} from "@aws-sdk/client-lambda";
import { rejection } from "../helpers/stratus.js";
import { ACCOUNT, createFunction, fails, functionArn, type LambdaHarness, startLambda } from "./support.js";

let h: LambdaHarness;
before(async () => {
  h = await startLambda();
  await createFunction(h, "eic");
  await createFunction(h, "eic-target");
  await h.lambda.send(new PublishVersionCommand({ FunctionName: "eic" }));
  await h.lambda.send(new CreateAliasCommand({ FunctionName: "eic", Name: "live", FunctionVersion: "1" }));
});
after(() => h.server.stop());

const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:failures`;
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:done`;

describe("event invoke configs", () => {
  test("Put sets $LATEST's config and answers the qualified ARN, both destinations and LastModified", async () => {
    const started = Date.now();
    const out = await h.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "eic", MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 120 }));
    assert.equal(out.FunctionArn, functionArn("eic", "$LATEST"));
    assert.equal(out.MaximumRetryAttempts, 1);
    assert.equal(out.MaximumEventAgeInSeconds, 120);
    assert.deepEqual(out.DestinationConfig, { OnSuccess: {}, OnFailure: {} });
    assert.ok(out.LastModified instanceof Date);
    assert.ok(Math.abs(out.LastModified.getTime() - started) < 5_000);
    const got = await h.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: "eic" }));
    assert.equal(got.FunctionArn, functionArn("eic", "$LATEST"));
    assert.equal(got.MaximumRetryAttempts, 1);
    assert.equal(got.LastModified?.getTime(), out.LastModified.getTime());
    const explicit = await h.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: "eic", Qualifier: "$LATEST" }));
    assert.equal(explicit.MaximumEventAgeInSeconds, 120);
  });

  test("Put replaces the whole config; Update keeps what it is not given", async () => {
    await h.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "eic", Qualifier: "live", MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: QUEUE } } }));
    const replaced = await h.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "eic", Qualifier: "live", MaximumEventAgeInSeconds: 3600 }));
    assert.equal(replaced.FunctionArn, functionArn("eic", "live"));
    assert.equal(replaced.MaximumRetryAttempts, undefined);
    assert.equal(replaced.MaximumEventAgeInSeconds, 3600);
    assert.deepEqual(replaced.DestinationConfig, { OnSuccess: {}, OnFailure: {} });
    const updated = await h.lambda.send(new UpdateFunctionEventInvokeConfigCommand({ FunctionName: "eic", Qualifier: "live", MaximumRetryAttempts: 2, DestinationConfig: { OnSuccess: { Destination: TOPIC } } }));
    assert.equal(updated.MaximumRetryAttempts, 2);
    assert.equal(updated.MaximumEventAgeInSeconds, 3600);
    assert.deepEqual(updated.DestinationConfig, { OnSuccess: { Destination: TOPIC }, OnFailure: {} });
    const again = await h.lambda.send(new UpdateFunctionEventInvokeConfigCommand({ FunctionName: functionArn("eic", "live"), MaximumEventAgeInSeconds: 60 }));
    assert.deepEqual([again.MaximumRetryAttempts, again.MaximumEventAgeInSeconds, again.DestinationConfig?.OnSuccess?.Destination], [2, 60, TOPIC]);
    await fails(
      h.lambda.send(new UpdateFunctionEventInvokeConfigCommand({ FunctionName: "eic", Qualifier: "1", MaximumRetryAttempts: 1 })),
      "ResourceNotFoundException",
      `The function ${functionArn("eic", "1")} doesn't have an EventInvokeConfig`,
      404,
    );
  });

  test("List pages through $LATEST, versions and aliases; Delete removes one", async () => {
    await h.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "eic", Qualifier: "1", MaximumRetryAttempts: 2 }));
    const all = await h.lambda.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: "eic" }));
    assert.deepEqual(all.FunctionEventInvokeConfigs?.map((c) => c.FunctionArn), [functionArn("eic", "$LATEST"), functionArn("eic", "1"), functionArn("eic", "live")]);
    assert.equal(all.NextMarker, undefined);
    const first = await h.lambda.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: "eic", MaxItems: 2 }));
    assert.equal(first.FunctionEventInvokeConfigs?.length, 2);
    const rest = await h.lambda.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: "eic", MaxItems: 2, Marker: first.NextMarker }));
    assert.deepEqual(rest.FunctionEventInvokeConfigs?.map((c) => c.FunctionArn), [functionArn("eic", "live")]);
    const deleted = await h.lambda.send(new DeleteFunctionEventInvokeConfigCommand({ FunctionName: "eic", Qualifier: "1" }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    await fails(
      h.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: "eic", Qualifier: "1" })),
      "ResourceNotFoundException",
      `The function ${functionArn("eic", "1")} doesn't have an EventInvokeConfig`,
      404,
    );
    await fails(
      h.lambda.send(new DeleteFunctionEventInvokeConfigCommand({ FunctionName: "eic", Qualifier: "1" })),
      "ResourceNotFoundException",
      `The function ${functionArn("eic", "1")} doesn't have an EventInvokeConfig`,
      404,
    );
    await fails(
      h.lambda.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: "eic", MaxItems: 51 })),
      "ValidationException",
      "1 validation error detected: Value '51' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 50",
      400,
    );
  });

  test("out-of-range settings are ValidationExceptions; an empty request is refused", async () => {
    await fails(
      h.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "eic", MaximumRetryAttempts: 3 })),
      "ValidationException",
      "1 validation error detected: Value '3' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 2",
      400,
    );
    await fails(
      h.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "eic", MaximumEventAgeInSeconds: 59 })),
      "ValidationException",
      "1 validation error detected: Value '59' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60",
      400,
    );
    await fails(
      h.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "eic", MaximumEventAgeInSeconds: 21_601 })),
      "ValidationException",
      "1 validation error detected: Value '21601' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value less than or equal to 21600",
      400,
    );
    await fails(h.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "eic" })), "InvalidParameterValueException", "You must specify at least one of error handling or destination setting.", 400);
  });

  test("destinations are queues, topics, buses or other functions", async () => {
    const put = (DestinationConfig: object) => h.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "eic", DestinationConfig }));
    const bus = `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`;
    const ok = await put({ OnSuccess: { Destination: functionArn("eic-target") }, OnFailure: { Destination: bus } });
    assert.deepEqual(ok.DestinationConfig, { OnSuccess: { Destination: functionArn("eic-target") }, OnFailure: { Destination: bus } });
    await fails(
      put({ OnFailure: { Destination: "arn:aws:s3:::bucket" } }),
      "InvalidParameterValueException",
      "The provided destination config DestinationConfig(onSuccess=null, onFailure=OnFailure(destination=arn:aws:s3:::bucket)) is invalid.",
      400,
    );
    await fails(put({ OnSuccess: { Destination: functionArn("eic") } }), "InvalidParameterValueException", "You can't specify the function as a destination for itself.", 400);
    await fails(put({ OnSuccess: { Destination: functionArn("ghost") } }), "InvalidParameterValueException", `The destination ARN ${functionArn("ghost")} is invalid.`, 400);
    const err = await rejection(put({ OnFailure: { Destination: "not-an-arn" } }));
    assert.equal(err.name, "ValidationException");
    assert.match(err.message, /^1 validation error detected: Value 'not-an-arn' at 'destinationConfig\.onFailure\.destination' failed to satisfy constraint: Member must satisfy regular expression pattern: /);
  });

  test("the function, version or alias must exist", async () => {
    await fails(h.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "ghost", MaximumRetryAttempts: 1 })), "ResourceNotFoundException", "The function doesn't exist.", 404);
    await fails(h.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "eic", Qualifier: "9", MaximumRetryAttempts: 1 })), "ResourceNotFoundException", "The function doesn't exist.", 404);
    await fails(h.lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "eic", Qualifier: "nope", MaximumRetryAttempts: 1 })), "ResourceNotFoundException", "The function doesn't exist.", 404);
    await fails(
      h.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: "ghost" })),
      "ResourceNotFoundException",
      `The function ${functionArn("ghost", "$LATEST")} doesn't have an EventInvokeConfig`,
      404,
    );
    await fails(h.lambda.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: "ghost" })), "ResourceNotFoundException", "The function doesn't exist.", 404);
  });
});
