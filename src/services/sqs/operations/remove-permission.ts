/** RemovePermission: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_RemovePermission.html */
import type { RequestContext } from "../../../core/service.js";
import type { SqsEngine } from "../engine/sqs-engine.js";
import { readPolicy, removeStatement } from "../queue-policy.js";
import { resolveQueue } from "../resolve-queue.js";

export async function removePermission(input: { QueueUrl: string; Label: string }, ctx: RequestContext, engine: SqsEngine) {
  const q = resolveQueue(engine, input.QueueUrl, ctx);
  const policy = removeStatement(readPolicy(q.record.attributes.Policy, q.arn), input.Label);
  if (policy.Statement.length === 0) delete q.record.attributes.Policy;
  else q.record.attributes.Policy = JSON.stringify(policy);
  await engine.saveQueue(q);
  return {};
}
