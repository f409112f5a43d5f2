/** ListDeadLetterSourceQueues: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListDeadLetterSourceQueues.html */
import type { RequestContext } from "../../../core/service.js";
import type { SqsEngine } from "../engine/sqs-engine.js";
import { paginate } from "../pagination.js";
import { queueUrl } from "../queue-url.js";
import { resolveQueue } from "../resolve-queue.js";

export function listDeadLetterSourceQueues(input: { QueueUrl: string; NextToken?: string; MaxResults?: number }, ctx: RequestContext, engine: SqsEngine) {
  const dlq = resolveQueue(engine, input.QueueUrl, ctx);
  const sources = engine.list(ctx.accountId, ctx.region).filter((q) => q.config.redrive?.deadLetterTargetArn === dlq.arn);
  const { page, next } = paginate(sources, (q) => q.record.name, input.MaxResults, input.NextToken);
  return { queueUrls: page.map((q) => queueUrl(ctx.endpoint, ctx.accountId, q.record.name)), NextToken: next };
}
