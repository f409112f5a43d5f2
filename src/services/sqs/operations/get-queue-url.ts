/** GetQueueUrl: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueUrl.html */
import type { RequestContext } from "../../../core/service.js";
import type { SqsEngine } from "../engine/sqs-engine.js";
import { SqsErrors } from "../errors.js";
import { queueUrl } from "../queue-url.js";

export function getQueueUrl(input: { QueueName: string; QueueOwnerAWSAccountId?: string }, ctx: RequestContext, engine: SqsEngine) {
  // Resources of one account are invisible to another.
  const owner = input.QueueOwnerAWSAccountId ?? ctx.accountId;
  if (owner !== ctx.accountId) throw SqsErrors.queueDoesNotExist();
  const q = engine.get({ accountId: owner, region: ctx.region, name: input.QueueName });
  if (!q) throw SqsErrors.queueDoesNotExist();
  return { QueueUrl: queueUrl(ctx.endpoint, owner, q.record.name) };
}
