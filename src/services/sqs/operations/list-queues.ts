/** ListQueues: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListQueues.html */
import type { RequestContext } from "../../../core/service.js";
import type { SqsEngine } from "../engine/sqs-engine.js";
import { paginate } from "../pagination.js";
import { queueUrl } from "../queue-url.js";

export function listQueues(input: { QueueNamePrefix?: string; NextToken?: string; MaxResults?: number }, ctx: RequestContext, engine: SqsEngine) {
  const prefix = input.QueueNamePrefix ?? "";
  const all = engine.list(ctx.accountId, ctx.region).filter((q) => q.record.name.startsWith(prefix));
  const { page, next } = paginate(all, (q) => q.record.name, input.MaxResults, input.NextToken);
  return { QueueUrls: page.length ? page.map((q) => queueUrl(ctx.endpoint, ctx.accountId, q.record.name)) : undefined, NextToken: next };
}
