/**
 * Queue attributes: which exist, which can be set, their ranges and defaults, and how
 * GetQueueAttributes reports them.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueAttributes.html
 */
import { SqsErrors } from "./errors.js";
import * as L from "./limits.js";
import { parseQueueArn } from "./queue-url.js";

type Validator = (value: string, ctx: { fifo: boolean }) => string;

const integer = (name: string, min: number, max: number): Validator => (value) => {
  if (!/^\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) throw SqsErrors.invalidAttributeValue(name);
  return String(Number(value));
};

const bool = (name: string): Validator => (value) => {
  const v = value.toLowerCase();
  if (v !== "true" && v !== "false") throw SqsErrors.invalidAttributeValue(name);
  return v;
};

const fifoOnly = (name: string, inner: Validator): Validator => (value, ctx) => {
  if (!ctx.fifo) throw SqsErrors.invalidAttributeName(name);
  return inner(value, ctx);
};

const oneOf = (name: string, values: string[]): Validator => (value) => {
  if (!values.includes(value)) throw SqsErrors.invalidAttributeValue(name);
  return value;
};

/** Attributes a client may set, with their validators. */
const SETTABLE: Record<string, Validator> = {
  DelaySeconds: integer("DelaySeconds", 0, L.MAX_DELAY_SECONDS),
  MaximumMessageSize: integer("MaximumMessageSize", L.MIN_MESSAGE_SIZE_LIMIT, L.MAX_MESSAGE_SIZE_LIMIT),
  MessageRetentionPeriod: integer("MessageRetentionPeriod", L.MIN_RETENTION_SECONDS, L.MAX_RETENTION_SECONDS),
  Policy: (value) => {
    if (value === "") return value;
    try {
      const p = JSON.parse(value);
      if (typeof p !== "object" || p === null || Array.isArray(p)) throw new Error();
    } catch {
      throw SqsErrors.invalidAttributeValue("Policy", "The policy is not valid JSON.");
    }
    return value;
  },
  ReceiveMessageWaitTimeSeconds: integer("ReceiveMessageWaitTimeSeconds", 0, L.MAX_WAIT_TIME_SECONDS),
  VisibilityTimeout: integer("VisibilityTimeout", 0, L.MAX_VISIBILITY_TIMEOUT_SECONDS),
  RedrivePolicy: (value) => (value === "" ? value : normalizeRedrivePolicy(value)),
  RedriveAllowPolicy: (value) => (value === "" ? value : normalizeRedriveAllowPolicy(value)),
  KmsMasterKeyId: (value) => value,
  KmsDataKeyReusePeriodSeconds: integer("KmsDataKeyReusePeriodSeconds", L.MIN_KMS_REUSE_PERIOD_SECONDS, L.MAX_KMS_REUSE_PERIOD_SECONDS),
  SqsManagedSseEnabled: bool("SqsManagedSseEnabled"),
  FifoQueue: bool("FifoQueue"),
  ContentBasedDeduplication: fifoOnly("ContentBasedDeduplication", bool("ContentBasedDeduplication")),
  DeduplicationScope: fifoOnly("DeduplicationScope", oneOf("DeduplicationScope", ["messageGroup", "queue"])),
  FifoThroughputLimit: fifoOnly("FifoThroughputLimit", oneOf("FifoThroughputLimit", ["perQueue", "perMessageGroupId"])),
};

/** Attributes only GetQueueAttributes reports. */
export const READ_ONLY_ATTRIBUTES = [
  "ApproximateNumberOfMessages",
  "ApproximateNumberOfMessagesNotVisible",
  "ApproximateNumberOfMessagesDelayed",
  "CreatedTimestamp",
  "LastModifiedTimestamp",
  "QueueArn",
];

export const ALL_ATTRIBUTE_NAMES = new Set(["All", ...Object.keys(SETTABLE), ...READ_ONLY_ATTRIBUTES]);

export function defaultAttributes(fifo: boolean): Record<string, string> {
  const a: Record<string, string> = {
    DelaySeconds: "0",
    MaximumMessageSize: String(L.MAX_MESSAGE_SIZE_LIMIT),
    MessageRetentionPeriod: String(L.DEFAULT_RETENTION_SECONDS),
    ReceiveMessageWaitTimeSeconds: "0",
    VisibilityTimeout: String(L.DEFAULT_VISIBILITY_TIMEOUT_SECONDS),
    SqsManagedSseEnabled: "true",
  };
  if (fifo) Object.assign(a, { FifoQueue: "true", ContentBasedDeduplication: "false", DeduplicationScope: "queue", FifoThroughputLimit: "perQueue" });
  return a;
}

/**
 * Validates attributes given to CreateQueue or SetQueueAttributes and returns them normalized.
 * `creating` allows FifoQueue (it cannot change after creation).
 */
export function validateAttributes(input: Record<string, string> | undefined, ctx: { fifo: boolean; creating: boolean }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(input ?? {})) {
    const validate = Object.hasOwn(SETTABLE, name) ? SETTABLE[name] : undefined;
    if (!validate) throw SqsErrors.invalidAttributeName(name);
    if (typeof value !== "string") throw SqsErrors.invalidAttributeValue(name);
    if (name === "FifoQueue") {
      if (!ctx.creating) throw SqsErrors.invalidAttributeName(name);
      const v = validate(value, ctx);
      if ((v === "true") !== ctx.fifo) {
        throw SqsErrors.invalidParameterValue(
          ctx.fifo ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length." : "Can only set the FifoQueue attribute to true for queues whose name ends with .fifo.",
        );
      }
      out[name] = v;
      continue;
    }
    out[name] = validate(value, ctx);
  }
  // SSE-KMS and SSE-SQS are exclusive: setting a KMS key turns the managed default off.
  if (out.KmsMasterKeyId && out.SqsManagedSseEnabled === undefined) out.SqsManagedSseEnabled = "false";
  return out;
}

/**
 * Rules that tie attributes together, checked on what the queue would have after the change:
 * "The perMessageGroupId value is allowed only when the value for DeduplicationScope is
 * messageGroup."
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
 */
export function checkAttributeCombination(effective: Record<string, string>): void {
  if (effective.FifoThroughputLimit === "perMessageGroupId" && effective.DeduplicationScope !== "messageGroup") {
    throw SqsErrors.invalidAttributeValue("FifoThroughputLimit", "The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup.");
  }
}

function normalizeRedrivePolicy(value: string): string {
  let p: { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
  try {
    p = JSON.parse(value);
  } catch {
    throw SqsErrors.invalidParameter("RedrivePolicy", value, "Redrive policy is not a valid JSON map.");
  }
  if (typeof p !== "object" || p === null) throw SqsErrors.invalidParameter("RedrivePolicy", value, "Redrive policy is not a valid JSON map.");
  const arn = p.deadLetterTargetArn;
  const count = Number(p.maxReceiveCount);
  if (typeof arn !== "string" || !parseQueueArn(arn)) throw SqsErrors.invalidParameter("RedrivePolicy", value, "Invalid value for deadLetterTargetArn.");
  if (!Number.isInteger(count) || count < 1 || count > L.MAX_RECEIVE_COUNT) {
    throw SqsErrors.invalidParameter("RedrivePolicy", value, `Invalid value for maxReceiveCount: ${String(p.maxReceiveCount)}, valid values are from 1 to 1000 both inclusive.`);
  }
  return JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: count });
}

function normalizeRedriveAllowPolicy(value: string): string {
  let p: { redrivePermission?: unknown; sourceQueueArns?: unknown };
  try {
    p = JSON.parse(value);
  } catch {
    throw SqsErrors.invalidParameter("RedriveAllowPolicy", value, "Redrive allow policy is not a valid JSON map.");
  }
  const permission = p?.redrivePermission;
  if (permission !== "allowAll" && permission !== "denyAll" && permission !== "byQueue") {
    throw SqsErrors.invalidParameter("RedriveAllowPolicy", value, "Invalid value for redrivePermission. Valid values are allowAll, denyAll and byQueue.");
  }
  const arns = p.sourceQueueArns;
  if (permission === "byQueue") {
    if (!Array.isArray(arns) || arns.length === 0 || arns.length > L.MAX_REDRIVE_ALLOW_SOURCE_ARNS || arns.some((a) => typeof a !== "string" || !parseQueueArn(a))) {
      throw SqsErrors.invalidParameter("RedriveAllowPolicy", value, "sourceQueueArns must list 1 to 10 queue ARNs when redrivePermission is byQueue.");
    }
    return JSON.stringify({ redrivePermission: permission, sourceQueueArns: arns });
  }
  if (arns !== undefined && (!Array.isArray(arns) || arns.length > 0)) {
    throw SqsErrors.invalidParameter("RedriveAllowPolicy", value, "sourceQueueArns can only be set when redrivePermission is byQueue.");
  }
  return JSON.stringify({ redrivePermission: permission });
}

/** Expands `All` and checks every requested name (GetQueueAttributes). */
export function requestedAttributeNames(names: string[] | undefined): Set<string> {
  const out = new Set<string>();
  for (const n of names ?? []) {
    if (!ALL_ATTRIBUTE_NAMES.has(n)) throw SqsErrors.invalidAttributeName(n);
    out.add(n);
  }
  return out;
}
