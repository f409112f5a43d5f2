/**
 * Task states that invoke Lambda: by function ARN (history shows LambdaFunction* events, the
 * output is the function's result) or through `arn:aws:states:::lambda:invoke` (Task* events,
 * the output is the invoke response envelope). Other resources are not emulated yet.
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html
 */
import type { TaskState } from "../definition/model.js";
import { StatesError, type JsonObject, type JsonValue } from "../jsonpath/index.js";
import type { TaskCall } from "./types.js";

/** The call a Task state makes with its (Parameters-processed) input. */
export function taskCall(state: TaskState, params: JsonValue): TaskCall {
  const r = state.resource;
  if (r.kind === "lambda") return { kind: "lambda", style: "arn", functionName: r.arn, payload: params };
  if (r.kind === "integration" && r.service === "lambda" && r.action === "invoke" && r.pattern === "request") {
    const p = (params ?? {}) as JsonObject;
    if (typeof p.FunctionName !== "string") throw new StatesError("States.Runtime", "The Parameters of a lambda:invoke task must name a FunctionName");
    return { kind: "lambda", style: "invoke", functionName: p.FunctionName, payload: p.Payload ?? {} };
  }
  throw new StatesError("States.Runtime", `The resource ${r.arn} is not supported by Stratus yet`);
}

/** History event names and details for each step of a call. */
export function scheduledEvents(call: TaskCall, region: string): Array<[string, Record<string, unknown>]> {
  if (call.style === "arn") {
    return [
      ["LambdaFunctionScheduled", { lambdaFunctionScheduledEventDetails: { resource: call.functionName, input: JSON.stringify(call.payload), inputDetails: { truncated: false } } }],
      ["LambdaFunctionStarted", {}],
    ];
  }
  const parameters = JSON.stringify({ FunctionName: call.functionName, Payload: call.payload });
  return [
    ["TaskScheduled", { taskScheduledEventDetails: { resourceType: "lambda", resource: "invoke", region, parameters } }],
    ["TaskStarted", { taskStartedEventDetails: { resourceType: "lambda", resource: "invoke" } }],
  ];
}

export function succeededEvent(call: TaskCall, output: JsonValue): [string, Record<string, unknown>] {
  const text = JSON.stringify(output);
  return call.style === "arn"
    ? ["LambdaFunctionSucceeded", { lambdaFunctionSucceededEventDetails: { output: text, outputDetails: { truncated: false } } }]
    : ["TaskSucceeded", { taskSucceededEventDetails: { resourceType: "lambda", resource: "invoke", output: text, outputDetails: { truncated: false } } }];
}

export function failedEvent(call: TaskCall, error: string, cause: string | undefined): [string, Record<string, unknown>] {
  const details = cause === undefined ? { error } : { error, cause };
  return call.style === "arn" ? ["LambdaFunctionFailed", { lambdaFunctionFailedEventDetails: details }] : ["TaskFailed", { taskFailedEventDetails: { resourceType: "lambda", resource: "invoke", ...details } }];
}

/** The task's result: the function's output, or lambda:invoke's response envelope. */
export function taskResult(call: TaskCall, r: { payload: JsonValue; executedVersion: string; requestId: string }): JsonValue {
  if (call.style === "arn") return r.payload;
  return {
    ExecutedVersion: r.executedVersion,
    Payload: r.payload,
    SdkHttpMetadata: { HttpHeaders: { "Content-Type": "application/json", "X-Amz-Executed-Version": r.executedVersion, "x-amzn-RequestId": r.requestId }, HttpStatusCode: 200 },
    SdkResponseMetadata: { RequestId: r.requestId },
    StatusCode: 200,
  };
}
