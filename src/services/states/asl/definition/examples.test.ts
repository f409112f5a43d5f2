/**
 * Definitions in the shape of the AWS Developer Guide's examples (state-*.html, error handling,
 * intrinsic functions, variables, JSONata): all valid.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { ChoiceState, MapState, ParallelState, TaskState } from "./model.js";
import { parse, problems } from "./test-support.js";

const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:HelloFunction";

function valid(def: Record<string, unknown>) {
  const parsed = parse(def);
  assert.deepEqual(problems(def).filter(([code]) => code !== "NO_DOLLAR"), []);
  return parsed;
}

test("Hello World (Pass)", () => {
  valid({
    Comment: "A Hello World example of the Amazon States Language using a Pass state",
    StartAt: "HelloWorld",
    States: { HelloWorld: { Type: "Pass", Result: "Hello World!", End: true } },
  });
});

test("Pass state with Result and ResultPath", () => {
  valid({
    StartAt: "No-op",
    States: { "No-op": { Type: "Pass", Result: { "x-datum": 0.381018, "y-datum": 622.2269926397355 }, ResultPath: "$.coords", End: true } },
  });
});

test("Task state: Lambda, activity and a service integration with Retry and Catch", () => {
  const def = valid({
    Comment: "A Catch example of the Amazon States Language using an AWS Lambda function",
    StartAt: "HelloWorld",
    States: {
      HelloWorld: {
        Type: "Task",
        Resource: LAMBDA,
        Retry: [
          { ErrorEquals: ["CustomError"], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2.0 },
          { ErrorEquals: ["States.TaskFailed"], IntervalSeconds: 30, MaxAttempts: 2, BackoffRate: 2.0 },
          { ErrorEquals: ["States.ALL"], IntervalSeconds: 5, MaxAttempts: 5, BackoffRate: 2.0 },
        ],
        Catch: [
          { ErrorEquals: ["CustomError"], Next: "CustomErrorFallback" },
          { ErrorEquals: ["States.TaskFailed"], Next: "ReservedTypeFallback" },
          { ErrorEquals: ["States.ALL"], Next: "CatchAllFallback" },
        ],
        Next: "Activity",
      },
      Activity: { Type: "Task", Resource: "arn:aws:states:us-east-1:123456789012:activity:HelloWorld", TimeoutSeconds: 300, HeartbeatSeconds: 60, Next: "Notify" },
      Notify: {
        Type: "Task",
        Resource: "arn:aws:states:::sns:publish",
        Parameters: { TopicArn: "arn:aws:sns:us-east-1:123456789012:accountsqueue", "Message.$": "$.input.message" },
        End: true,
      },
      CustomErrorFallback: { Type: "Pass", Result: "This is a fallback from a custom Lambda function exception", End: true },
      ReservedTypeFallback: { Type: "Pass", Result: "This is a fallback from a reserved error code", End: true },
      CatchAllFallback: { Type: "Pass", Result: "This is a fallback from any error code", End: true },
    },
  });
  const hello = def.states.get("HelloWorld") as TaskState;
  assert.equal(hello.retry.length, 3);
  assert.deepEqual(hello.catch.map((c) => c.next), ["CustomErrorFallback", "ReservedTypeFallback", "CatchAllFallback"]);
});

test("Choice state", () => {
  const def = valid({
    StartAt: "ChoiceStateX",
    States: {
      ChoiceStateX: {
        Type: "Choice",
        Choices: [
          { Not: { Variable: "$.type", StringEquals: "Private" }, Next: "Public" },
          { Variable: "$.value", NumericEquals: 0, Next: "ValueIsZero" },
          { And: [{ Variable: "$.value", NumericGreaterThanEquals: 20 }, { Variable: "$.value", NumericLessThan: 30 }], Next: "ValueInTwenties" },
          { Variable: "$.rating", NumericGreaterThanPath: "$.auditThreshold", Next: "StartAudit" },
          { Variable: "$.name", StringMatches: "log-*.txt", Next: "Public" },
          { Variable: "$.when", TimestampLessThan: "2016-03-14T01:59:00Z", Next: "Public" },
        ],
        Default: "DefaultState",
      },
      Public: { Type: "Pass", Next: "NextState" },
      ValueIsZero: { Type: "Pass", Next: "NextState" },
      ValueInTwenties: { Type: "Pass", Next: "NextState" },
      StartAudit: { Type: "Pass", Next: "NextState" },
      DefaultState: { Type: "Fail", Error: "DefaultStateError", Cause: "No Matches!" },
      NextState: { Type: "Succeed" },
    },
  });
  const choice = def.states.get("ChoiceStateX") as ChoiceState;
  assert.equal(choice.default, "DefaultState");
});

test("Wait state, in its four forms", () => {
  valid({
    StartAt: "wait_ten_seconds",
    States: {
      wait_ten_seconds: { Type: "Wait", Seconds: 10, Next: "wait_until" },
      wait_until: { Type: "Wait", Timestamp: "2016-03-14T01:59:00Z", Next: "wait_path" },
      wait_path: { Type: "Wait", TimestampPath: "$.expirydate", Next: "wait_seconds_path" },
      wait_seconds_path: { Type: "Wait", SecondsPath: "$.waitSeconds", End: true },
    },
  });
});

test("Succeed and Fail states", () => {
  valid({
    StartAt: "Check",
    States: {
      Check: { Type: "Choice", Choices: [{ Variable: "$.ok", BooleanEquals: true, Next: "SuccessState" }], Default: "FailState" },
      SuccessState: { Type: "Succeed" },
      FailState: { Type: "Fail", Error: "ErrorA", Cause: "Kaiju attack" },
    },
  });
  valid({
    StartAt: "FailState",
    States: { FailState: { Type: "Fail", Comment: "my error comment", ErrorPath: "$.Error", CausePath: "$.Cause" } },
  });
});

test("Parallel state", () => {
  const def = valid({
    Comment: "Parallel Example.",
    StartAt: "LookupCustomerInfo",
    States: {
      LookupCustomerInfo: {
        Type: "Parallel",
        End: true,
        Branches: [
          { StartAt: "LookupAddress", States: { LookupAddress: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:AddressFinder", End: true } } },
          { StartAt: "LookupPhone", States: { LookupPhone: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:PhoneFinder", End: true } } },
        ],
      },
    },
  });
  assert.equal((def.states.get("LookupCustomerInfo") as ParallelState).branches.length, 2);
});

test("Inline Map state", () => {
  const def = valid({
    StartAt: "ExampleMapState",
    States: {
      ExampleMapState: {
        Type: "Map",
        ItemsPath: "$.detail.shipped",
        MaxConcurrency: 0,
        ItemSelector: { "parcel.$": "$$.Map.Item.Value", "courier.$": "$.delivery-partner" },
        ItemProcessor: {
          ProcessorConfig: { Mode: "INLINE" },
          StartAt: "Validate",
          States: { Validate: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", OutputPath: "$.Payload", Parameters: { FunctionName: LAMBDA, "Payload.$": "$" }, End: true } },
        },
        ResultPath: "$.detail.shipped",
        End: true,
      },
    },
  });
  assert.equal((def.states.get("ExampleMapState") as MapState).mode, "INLINE");
});

test("Distributed Map over the state input (no S3)", () => {
  const def = valid({
    StartAt: "Process",
    States: {
      Process: {
        Type: "Map",
        ItemsPath: "$.items",
        ItemBatcher: { MaxItemsPerBatch: 100 },
        MaxConcurrency: 1000,
        ToleratedFailurePercentage: 5,
        Label: "Process",
        ItemProcessor: {
          ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" },
          StartAt: "Work",
          States: { Work: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: LAMBDA, "Payload.$": "$" }, End: true } },
        },
        End: true,
      },
    },
  });
  const map = def.states.get("Process") as MapState;
  assert.deepEqual([map.mode, map.executionType], ["DISTRIBUTED", "EXPRESS"]);
});

test("Callback with a task token", () => {
  valid({
    StartAt: "Send message to SQS",
    States: {
      "Send message to SQS": {
        Type: "Task",
        Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        Parameters: { QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/myQueue", MessageBody: { "Message.$": "$.input.message", "TaskToken.$": "$$.Task.Token" } },
        HeartbeatSeconds: 600,
        Next: "Start nested",
      },
      "Start nested": {
        Type: "Task",
        Resource: "arn:aws:states:::states:startExecution.sync:2",
        Parameters: { StateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:Child", "Input.$": "$" },
        End: true,
      },
    },
  });
});

test("Intrinsic functions in Parameters, ResultSelector and Fail", () => {
  valid({
    StartAt: "Build",
    States: {
      Build: {
        Type: "Pass",
        Parameters: {
          "greeting.$": "States.Format('Hello, my name is {}.', $.name)",
          "id.$": "States.UUID()",
          "parts.$": "States.StringSplit($.csv, ',')",
          "sum.$": "States.MathAdd($.a, $.b)",
          "chunk.$": "States.ArrayPartition($.list, 2)",
        },
        Next: "Call",
      },
      Call: {
        Type: "Task",
        Resource: "arn:aws:states:::aws-sdk:dynamodb:getItem",
        Parameters: { TableName: "t", Key: { pk: { "S.$": "$.id" } } },
        ResultSelector: { "item.$": "States.JsonToString($.Item)" },
        Next: "Failed",
      },
      Failed: { Type: "Fail", ErrorPath: "$.error", CausePath: "States.Format('Failed on {}', $.item)" },
    },
  });
});

test("Workflow variables (JSONPath)", () => {
  valid({
    StartAt: "Setup",
    States: {
      Setup: { Type: "Pass", Assign: { productName: "product1", count: 42, "available.$": "$.isAvailable" }, Next: "Use" },
      Use: { Type: "Pass", Parameters: { "name.$": "$productName", "n.$": "$count" }, End: true },
    },
  });
});

test("A JSONata workflow", () => {
  valid({
    Comment: "JSONata example",
    QueryLanguage: "JSONata",
    StartAt: "Get",
    States: {
      Get: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Arguments: { FunctionName: LAMBDA, Payload: { customer: "{% $states.input.customer %}" } },
        Output: "{% $states.result.Payload %}",
        Assign: { total: "{% $sum($states.result.Payload.items.price) %}" },
        Next: "Check",
      },
      Check: {
        Type: "Choice",
        Choices: [{ Condition: "{% $total > 100 %}", Next: "Discount" }],
        Default: "Done",
      },
      Discount: { Type: "Pass", Output: { total: "{% $total * 0.9 %}" }, Next: "Done" },
      Done: { Type: "Succeed", Output: "{% $states.input %}" },
    },
  });
});
