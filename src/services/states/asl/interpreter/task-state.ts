/**
 * Task resources Stratus runs: Lambda by function ARN (history shows LambdaFunction* events,
 * the output is the function's result) or through `arn:aws:states:::lambda:invoke` (Task*
 * events, the output is the invoke response envelope), and the request-response integrations
 * `arn:aws:states:::sqs:sendMessage` and `arn:aws:states:::sns:publish`.
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-sqs.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-sns.html
 */
import type { TaskState } from "../definition/model.js";
import { StatesError, type JsonObject, type JsonValue } from "../jsonpath/index.js";
import type { TaskCall } from "./types.js";

/** Whether the Task waits for a callback (`.waitForTaskToken`, activities): it then needs a token first. */
export function waitsForToken(state: TaskState): boolean {
  return state.resource.kind === "activity" || ((state.resource.kind === "integration" || state.resource.kind === "sdk") && state.resource.pattern === "waitForTaskToken");
}

/** The call a Task state makes with its (Parameters-processed) input. */
export function taskCall(state: TaskState, params: JsonValue, token?: string): TaskCall {
  const r = state.resource;
  if (r.kind === "lambda") return { kind: "lambda", style: "arn", functionName: r.arn, payload: params };
  if (r.kind === "activity") return { kind: "activity", activityArn: r.arn, input: params, token: token! };
  if (r.kind === "sdk") return { kind: "sdk", service: r.service, action: r.action, parameters: params, ...(token ? { token } : {}) };
  const supportedPattern = r.kind === "integration" && (r.pattern === "request" || r.pattern === "waitForTaskToken");
  if (r.kind === "integration" && supportedPattern && r.service === "lambda" && r.action === "invoke") {
    const p = (params ?? {}) as JsonObject;
    if (typeof p.FunctionName !== "string") throw new StatesError("States.Runtime", "The Parameters of a lambda:invoke task must name a FunctionName");
    return { kind: "lambda", style: "invoke", functionName: p.FunctionName, payload: p.Payload ?? {}, ...(token ? { token } : {}) };
  }
  const childExecution = r.kind === "integration" && r.service === "states" && r.action === "startExecution" && r.pattern !== undefined;
  if (r.kind === "integration" && (childExecution || (supportedPattern && ((r.service === "sqs" && r.action === "sendMessage") || (r.service === "sns" && r.action === "publish"))))) {
    if (typeof params !== "object" || params === null || Array.isArray(params)) throw new StatesError("States.Runtime", `The Parameters of a ${r.service}:${r.action} task must be an object`);
    const sync = r.pattern === "sync" || r.pattern === "sync:2" ? { sync: r.pattern } : {};
    return { kind: "integration", service: r.service as "sqs" | "sns" | "states", action: r.action as "sendMessage" | "publish" | "startExecution", parameters: params as { [key: string]: JsonValue }, ...(token ? { token } : {}), ...sync };
  }
  throw new StatesError("States.Runtime", `The resource ${r.arn} is not supported by Stratus yet`);
}

/** History event names and details for each step of a call. */
export function scheduledEvents(call: TaskCall, region: string): Array<[string, Record<string, unknown>]> {
  if (call.kind === "activity") {
    const limits = { ...(call.timeoutSeconds !== undefined ? { timeoutInSeconds: call.timeoutSeconds } : {}), ...(call.heartbeatSeconds !== undefined ? { heartbeatInSeconds: call.heartbeatSeconds } : {}) };
    return [["ActivityScheduled", { activityScheduledEventDetails: { resource: call.activityArn, input: JSON.stringify(call.input), inputDetails: { truncated: false }, ...limits } }]];
  }
  if (call.kind === "integration" || call.kind === "sdk") {
    const { resourceType, resource } = resourceOf(call);
    return [
      ["TaskScheduled", { taskScheduledEventDetails: { resourceType, resource, region, parameters: JSON.stringify(call.parameters) } }],
      ["TaskStarted", { taskStartedEventDetails: { resourceType, resource } }],
    ];
  }
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
  if (call.kind === "activity") return ["ActivitySucceeded", { activitySucceededEventDetails: { output: text, outputDetails: { truncated: false } } }];
  if (call.kind === "lambda" && call.style === "arn") return ["LambdaFunctionSucceeded", { lambdaFunctionSucceededEventDetails: { output: text, outputDetails: { truncated: false } } }];
  return ["TaskSucceeded", { taskSucceededEventDetails: { ...resourceOf(call), output: text, outputDetails: { truncated: false } } }];
}

export function failedEvent(call: TaskCall, error: string, cause: string | undefined): [string, Record<string, unknown>] {
  const details = cause === undefined ? { error } : { error, cause };
  if (call.kind === "activity") return ["ActivityFailed", { activityFailedEventDetails: details }];
  if (call.kind === "lambda" && call.style === "arn") return ["LambdaFunctionFailed", { lambdaFunctionFailedEventDetails: details }];
  return ["TaskFailed", { taskFailedEventDetails: { ...resourceOf(call), ...details } }];
}

/** The call ran out of time: LambdaFunctionTimedOut or TaskTimedOut. */
export function timedOutEvent(call: TaskCall, error: string): [string, Record<string, unknown>] {
  const cause = error === "States.HeartbeatTimeout" ? "The task did not send a heartbeat in time." : "The task did not finish in time.";
  if (call.kind === "activity") return ["ActivityTimedOut", { activityTimedOutEventDetails: { error, cause } }];
  if (call.kind === "lambda" && call.style === "arn") return ["LambdaFunctionTimedOut", { lambdaFunctionTimedOutEventDetails: { error, cause } }];
  return ["TaskTimedOut", { taskTimedOutEventDetails: { ...resourceOf(call), error, cause } }];
}

/** TaskSubmitted: a `.waitForTaskToken` call went out; the task now waits for its token. */
export function submittedEvent(call: Exclude<TaskCall, { kind: "activity" }>, output: JsonValue): [string, Record<string, unknown>] {
  return ["TaskSubmitted", { taskSubmittedEventDetails: { ...resourceOf(call), output: JSON.stringify(output), outputDetails: { truncated: false } } }];
}

function resourceOf(call: Exclude<TaskCall, { kind: "activity" }>): { resourceType: string; resource: string } {
  const suffix = call.token ? ".waitForTaskToken" : call.kind === "integration" && call.sync ? `.${call.sync}` : "";
  if (call.kind === "sdk") return { resourceType: `aws-sdk:${call.service}`, resource: `${call.action}${suffix}` };
  return call.kind === "integration" ? { resourceType: call.service, resource: `${call.action}${suffix}` } : { resourceType: "lambda", resource: `invoke${suffix}` };
}

/** The metadata AWS's integrations add to a response (Java SDK style). */
export function sdkMetadata(requestId: string, headers: Record<string, string> = {}): { SdkHttpMetadata: JsonValue; SdkResponseMetadata: JsonValue } {
  return {
    SdkHttpMetadata: { AllHttpHeaders: Object.fromEntries(Object.entries({ "x-amzn-RequestId": requestId, ...headers }).map(([k, v]) => [k, [v]])), HttpHeaders: { "x-amzn-RequestId": requestId, ...headers }, HttpStatusCode: 200 },
    SdkResponseMetadata: { RequestId: requestId },
  };
}

/** A Lambda task's result: the function's output, or lambda:invoke's response envelope. */
export function taskResult(call: Extract<TaskCall, { kind: "lambda" }>, r: { payload: JsonValue; executedVersion: string; requestId: string }): JsonValue {
  if (call.style === "arn") return r.payload;
  return {
    ExecutedVersion: r.executedVersion,
    Payload: r.payload,
    ...sdkMetadata(r.requestId, { "Content-Type": "application/json", "X-Amz-Executed-Version": r.executedVersion }),
    StatusCode: 200,
  };
}
