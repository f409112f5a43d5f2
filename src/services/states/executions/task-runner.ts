/**
 * Carries out a Task's call through the other services' in-process clients and says how it
 * went, as the event the interpreter takes next. Errors are named as Step Functions names them:
 * `Lambda.<Exception>`, `SQS.<Exception>`, `SNS.<Exception>`, AWS SDK integrations'
 * `<Service>.<Exception>`; a function's own error by its
 * errorType, with the error document as the cause.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 */
import { createHash, randomUUID } from "node:crypto";
import { UnknownSdkTarget, type MessageAttribute, type ServiceClients } from "../../../core/clients.js";
import { isServiceError } from "../../../core/errors.js";
import { sdkMetadata, taskResult } from "../asl/interpreter/task-state.js";
import type { StepInput, TaskCall } from "../asl/interpreter/types.js";
import type { JsonValue } from "../asl/jsonpath/json.js";

export interface Where {
  accountId: string;
  region: string;
}

/** A call that answers by itself (activities are handed to workers instead: activity-queues.ts). */
export async function runTask(clients: ServiceClients, where: Where, call: Exclude<TaskCall, { kind: "activity" }>): Promise<StepInput> {
  const service = call.kind === "lambda" ? "Lambda" : call.kind === "sdk" ? sdkServiceName(call.service) : call.service.toUpperCase();
  try {
    if (call.kind === "lambda") return await invokeLambda(clients, where, call);
    if (call.kind === "sdk") return await callSdk(clients, where, call);
    if (call.service === "sqs") return await sendToSqs(clients, where, call.parameters);
    if (call.service === "sns") return await publishToSns(clients, call.parameters);
    throw new TaskInputError(`${call.service}:${call.action} is carried out by the executor`);
  } catch (err) {
    if (isServiceError(err)) return { kind: "taskFailed", error: `${service}.${err.code.endsWith("Exception") ? err.code : `${err.code}Exception`}`, cause: err.message };
    if (err instanceof UnknownSdkTarget) return { kind: "taskFailed", error: "States.Runtime", cause: err.message };
    if (err instanceof TaskInputError) return { kind: "taskFailed", error: `${service}.ValidationException`, cause: err.message };
    throw err;
  }
}

class TaskInputError extends Error {}

/**
 * An AWS SDK integration: the operation of the named Stratus service, its output as the result.
 * Errors are `<Service>.<Error>Exception` in PascalCase (`Sqs.QueueDoesNotExistException`).
 */
async function callSdk(clients: ServiceClients, where: Where, call: Extract<TaskCall, { kind: "sdk" }>): Promise<StepInput> {
  if (!clients.operations) throw new UnknownSdkTarget("AWS SDK integrations are not available on this server");
  const output = await clients.operations.call({ sdkService: call.service, action: call.action, input: call.parameters, accountId: where.accountId, region: where.region });
  return { kind: "taskSucceeded", output: output as JsonValue };
}

/** The service part of an SDK integration's error names: its SDK id in PascalCase (apigateway → ApiGateway). */
function sdkServiceName(id: string): string {
  const known: Record<string, string> = { apigateway: "ApiGateway", sfn: "Sfn", sqs: "Sqs", sns: "Sns", lambda: "Lambda", dynamodb: "DynamoDb", eventbridge: "EventBridge", kinesis: "Kinesis" };
  return known[id] ?? id.charAt(0).toUpperCase() + id.slice(1);
}

async function invokeLambda(clients: ServiceClients, where: Where, call: Extract<TaskCall, { kind: "lambda" }>): Promise<StepInput> {
  if (!clients.lambda) throw new TaskInputError("Lambda is not running on this server");
  const r = await clients.lambda.invoke({ functionName: call.functionName, accountId: where.accountId, region: where.region, payload: Buffer.from(JSON.stringify(call.payload)) });
  const text = r.payload.toString("utf8");
  const payload = parseJson(text);
  if (r.functionError) {
    const type = (payload as { errorType?: unknown } | null)?.errorType;
    return { kind: "taskFailed", error: typeof type === "string" ? type : "Lambda.Unknown", cause: text };
  }
  return { kind: "taskSucceeded", output: taskResult(call, { payload: payload as JsonValue, executedVersion: r.executedVersion, requestId: r.requestId }) };
}

async function sendToSqs(clients: ServiceClients, where: Where, p: { [key: string]: JsonValue }): Promise<StepInput> {
  if (!clients.sqs) throw new TaskInputError("SQS is not running on this server");
  if (typeof p.QueueUrl !== "string") throw new TaskInputError("QueueUrl is required");
  if (p.MessageBody === undefined) throw new TaskInputError("MessageBody is required");
  const body = typeof p.MessageBody === "string" ? p.MessageBody : JSON.stringify(p.MessageBody);
  const { messageId } = await clients.sqs.sendMessage({
    queueArn: queueArnOf(p.QueueUrl, where),
    body,
    attributes: attributesOf(p.MessageAttributes),
    groupId: typeof p.MessageGroupId === "string" ? p.MessageGroupId : undefined,
    dedupId: typeof p.MessageDeduplicationId === "string" ? p.MessageDeduplicationId : undefined,
    delaySeconds: delaySecondsOf(p.DelaySeconds),
  });
  return { kind: "taskSucceeded", output: { MD5OfMessageBody: createHash("md5").update(body).digest("hex"), MessageId: messageId, ...sdkMetadata(randomUUID()) } };
}

function delaySecondsOf(value: JsonValue | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) throw new TaskInputError("DelaySeconds must be an integer");
  return value;
}

async function publishToSns(clients: ServiceClients, p: { [key: string]: JsonValue }): Promise<StepInput> {
  if (!clients.sns) throw new TaskInputError("SNS is not running on this server");
  if (typeof p.TopicArn !== "string") throw new TaskInputError("TopicArn is required (TargetArn and PhoneNumber are not supported by Stratus yet)");
  if (p.Message === undefined) throw new TaskInputError("Message is required");
  const { messageId } = await clients.sns.publish({
    topicArn: p.TopicArn,
    message: typeof p.Message === "string" ? p.Message : JSON.stringify(p.Message),
    subject: typeof p.Subject === "string" ? p.Subject : undefined,
    attributes: attributesOf(p.MessageAttributes),
    groupId: typeof p.MessageGroupId === "string" ? p.MessageGroupId : undefined,
    dedupId: typeof p.MessageDeduplicationId === "string" ? p.MessageDeduplicationId : undefined,
  });
  return { kind: "taskSucceeded", output: { MessageId: messageId, ...sdkMetadata(randomUUID()) } };
}

/** `http://host/<account>/<name>` (or an SQS host naming its region) → the queue's ARN. */
function queueArnOf(url: string, where: Where): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TaskInputError(`The QueueUrl ${url} is not a URL`);
  }
  const [account, name] = parsed.pathname.split("/").filter(Boolean);
  if (!/^\d{12}$/.test(account ?? "") || !name) throw new TaskInputError(`The QueueUrl ${url} does not name a queue`);
  const region = /^sqs\.([a-z0-9-]+)\.amazonaws\.com$/.exec(parsed.hostname)?.[1] ?? where.region;
  return `arn:aws:sqs:${region}:${account}:${name}`;
}

function attributesOf(value: JsonValue | undefined): Record<string, MessageAttribute> | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, MessageAttribute> = {};
  for (const [name, a] of Object.entries(value)) {
    const attr = (a ?? {}) as { DataType?: string; StringValue?: string; BinaryValue?: string };
    out[name] = attr.BinaryValue !== undefined ? { DataType: attr.DataType ?? "Binary", BinaryValue: Buffer.from(attr.BinaryValue, "base64") } : { DataType: attr.DataType ?? "String", StringValue: attr.StringValue };
  }
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
