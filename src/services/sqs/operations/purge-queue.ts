/**
 * PurgeQueue: deletes every message; allowed once per 60 seconds per queue.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_PurgeQueue.html
 */
import type { RequestContext } from "../../../core/service.js";
import type { SqsEngine } from "../engine/sqs-engine.js";
import { SqsErrors } from "../errors.js";
import { PURGE_INTERVAL_MS } from "../limits.js";
import { resolveQueue } from "../resolve-queue.js";

export async function purgeQueue(input: { QueueUrl: string }, ctx: RequestContext, engine: SqsEngine) {
  const q = resolveQueue(engine, input.QueueUrl, ctx);
  const last = q.record.lastPurgeAt;
  if (last !== undefined && ctx.clock.now() - last < PURGE_INTERVAL_MS) throw SqsErrors.purgeInProgress(input.QueueUrl);
  await engine.purge(q);
  return {};
}
