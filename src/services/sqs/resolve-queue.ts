/**
 * Finds the queue a request names by URL. A queue of another account is invisible (as if it
 * did not exist); the region comes from an AWS-form URL or else from the request.
 */
import type { RequestContext } from "../../core/service.js";
import type { Queue, SqsEngine } from "./engine/sqs-engine.js";
import { SqsErrors } from "./errors.js";
import { parseQueueUrl } from "./queue-url.js";

export function resolveQueue(engine: SqsEngine, queueUrl: string | undefined, ctx: RequestContext): Queue {
  if (!queueUrl) throw SqsErrors.missingParameter("QueueUrl");
  const parsed = parseQueueUrl(queueUrl);
  if (!parsed || parsed.accountId !== ctx.accountId) throw SqsErrors.queueDoesNotExist();
  const q = engine.get({ accountId: parsed.accountId, region: parsed.region ?? ctx.region, name: parsed.name });
  if (!q) throw SqsErrors.queueDoesNotExist();
  return q;
}
