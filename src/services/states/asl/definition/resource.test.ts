import { test } from "node:test";
import assert from "node:assert/strict";
import { readTaskResource } from "./resource.js";

function read(arn: string) {
  const reading = readTaskResource(arn);
  if (!reading.ok) throw new Error(`${arn}: ${reading.problem}`);
  return reading.resource;
}

test("Lambda function ARNs, with or without a qualifier", () => {
  assert.deepEqual(read("arn:aws:lambda:us-east-1:123456789012:function:HelloFunction"), {
    kind: "lambda",
    arn: "arn:aws:lambda:us-east-1:123456789012:function:HelloFunction",
    partition: "aws",
    region: "us-east-1",
    account: "123456789012",
    functionName: "HelloFunction",
  });
  assert.equal(read("arn:aws:lambda:eu-west-3:123456789012:function:f:prod").kind, "lambda");
  assert.deepEqual(
    (read("arn:aws-cn:lambda:cn-north-1:123456789012:function:f:$LATEST") as { qualifier?: string }).qualifier,
    "$LATEST",
  );
  assert.equal(read("arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:my_fn-1:7").kind, "lambda");
});

test("activity ARNs", () => {
  assert.deepEqual(read("arn:aws:states:us-east-1:123456789012:activity:HelloWorld"), {
    kind: "activity",
    arn: "arn:aws:states:us-east-1:123456789012:activity:HelloWorld",
    partition: "aws",
    region: "us-east-1",
    account: "123456789012",
    name: "HelloWorld",
  });
});

test("optimized integrations and their patterns", () => {
  assert.deepEqual(read("arn:aws:states:::lambda:invoke"), {
    kind: "integration",
    arn: "arn:aws:states:::lambda:invoke",
    partition: "aws",
    service: "lambda",
    action: "invoke",
    pattern: "request",
  });
  assert.equal((read("arn:aws:states:::sqs:sendMessage.waitForTaskToken") as { pattern: string }).pattern, "waitForTaskToken");
  assert.equal((read("arn:aws:states:::states:startExecution.sync") as { pattern: string }).pattern, "sync");
  const sync2 = read("arn:aws:states:::states:startExecution.sync:2") as { action: string; pattern: string };
  assert.deepEqual([sync2.action, sync2.pattern], ["startExecution", "sync:2"]);
  assert.equal((read("arn:aws:states:::http:invoke") as { service: string }).service, "http");
  assert.equal((read("arn:aws:states:::ecs:runTask.sync") as { service: string }).service, "ecs");
});

test("AWS SDK integrations", () => {
  assert.deepEqual(read("arn:aws:states:::aws-sdk:s3:listObjectsV2"), {
    kind: "sdk",
    arn: "arn:aws:states:::aws-sdk:s3:listObjectsV2",
    partition: "aws",
    service: "s3",
    action: "listObjectsV2",
    pattern: "request",
  });
  assert.equal((read("arn:aws:states:::aws-sdk:sfn:sendTaskSuccess.waitForTaskToken") as { pattern: string }).pattern, "waitForTaskToken");
});

test("what is not an ARN at all", () => {
  for (const value of ["create", "", "arn:aws:lambda", "arn:foo:lambda:us-east-1:123456789012:function:f", "ARN:aws:states:::lambda:invoke"]) {
    assert.deepEqual(readTaskResource(value), { ok: false, problem: "notArn" }, value);
  }
});

test("ARNs of no known form", () => {
  const bad = [
    "arn:aws:sqs:us-east-1:123456789012:queue", // not a task service
    "arn:aws:lambda:us-east-1:123456789012:layer:x", // not a function
    "arn:aws:lambda:us-east-1:12345:function:f", // bad account
    "arn:aws:lambda:nowhere:123456789012:function:f", // bad region
    "arn:aws:lambda:us-east-1:123456789012:function:bad name",
    "arn:aws:lambda:us-east-1:123456789012:function:f:q:extra",
    "arn:aws:states:us-east-1:123456789012:activity:", // empty name
    "arn:aws:states:us-east-1:123456789012:activity:a b",
    "arn:aws:states:::sqs:sendMessage.foo", // unknown pattern
    "arn:aws:states:::aws-sdk:s3:getObject.sync", // no .sync for SDK integrations
    "arn:aws:states:::aws-sdk:s3", // no action
    "arn:aws:states:us-east-1:123456789012:sqs:sendMessage", // region/account on an integration
    "arn:aws:states:::sqs", // no action
    "arn:aws:states:::sqs:send-message", // action not camelCase
  ];
  for (const value of bad) assert.deepEqual(readTaskResource(value), { ok: false, problem: "unrecognized" }, value);
});
