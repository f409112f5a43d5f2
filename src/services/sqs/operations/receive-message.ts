/**
 * ReceiveMessage: short polls answer at once; long polls (WaitTimeSeconds, or the queue's
 * ReceiveMessageWaitTimeSeconds) answer as soon as a message becomes receivable.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html
 */
import type { RequestContext } from "../../../core/service.js";
import type { SqsEngine } from "../engine/sqs-engine.js";
import { SqsErrors } from "../errors.js";
import { MAX_RECEIVE_MESSAGES, MAX_VISIBILITY_TIMEOUT_SECONDS, MAX_WAIT_TIME_SECONDS } from "../limits.js";
import { SYSTEM_ATTRIBUTE_NAMES, toWireMessage } from "../message-output.js";
import { resolveQueue } from "../resolve-queue.js";

interface ReceiveInput {
  QueueUrl: string;
  AttributeNames?: string[];
  MessageSystemAttributeNames?: string[];
  MessageAttributeNames?: string[];
  MaxNumberOfMessages?: number;
  VisibilityTimeout?: number;
  WaitTimeSeconds?: number;
  ReceiveRequestAttemptId?: string;
}

const KNOWN_SYSTEM_NAMES = new Set<string>(["All", ...SYSTEM_ATTRIBUTE_NAMES]);

export async function receiveMessage(input: ReceiveInput, ctx: RequestContext, engine: SqsEngine) {
  const q = resolveQueue(engine, input.QueueUrl, ctx);
  const max = input.MaxNumberOfMessages ?? 1;
  if (max < 1 || max > MAX_RECEIVE_MESSAGES) throw SqsErrors.invalidParameter("MaxNumberOfMessages", max, "Must be between 1 and 10, if provided.");
  const vt = input.VisibilityTimeout;
  if (vt !== undefined && (vt < 0 || vt > MAX_VISIBILITY_TIMEOUT_SECONDS)) throw SqsErrors.invalidParameter("VisibilityTimeout", vt, "Must be >= 0 and <= 43200, if provided.");
  const wait = input.WaitTimeSeconds ?? q.config.receiveWaitSeconds;
  if (wait < 0 || wait > MAX_WAIT_TIME_SECONDS) throw SqsErrors.invalidParameter("WaitTimeSeconds", wait, "Must be >= 0 and <= 20, if provided.");
  const systemNames = new Set([...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])]);
  for (const n of systemNames) {
    // GetQueueAttributes names are tolerated here, as AWS does; anything else is rejected.
    if (!KNOWN_SYSTEM_NAMES.has(n) && !/^[A-Za-z]+$/.test(n)) throw SqsErrors.invalidAttributeName(n);
  }
  if (input.ReceiveRequestAttemptId !== undefined && !/^[\x21-\x7e]{1,128}$/.test(input.ReceiveRequestAttemptId)) {
    throw SqsErrors.invalidParameter("ReceiveRequestAttemptId", input.ReceiveRequestAttemptId, "ReceiveRequestAttemptId can only include alphanumeric and punctuation characters. 1 to 128 in length.");
  }
  const received = await engine.receive(q, {
    max,
    visibilityTimeoutMs: vt !== undefined ? vt * 1000 : q.config.visibilityTimeoutMs,
    waitSeconds: wait,
    attemptId: input.ReceiveRequestAttemptId,
    cancellation: ctx,
  });
  const attributeNames = input.MessageAttributeNames ?? [];
  return { Messages: received.length ? received.map((r) => toWireMessage(r, systemNames, attributeNames)) : undefined };
}
