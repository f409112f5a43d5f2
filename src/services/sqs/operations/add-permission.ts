/** AddPermission: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_AddPermission.html */
import type { RequestContext } from "../../../core/service.js";
import type { SqsEngine } from "../engine/sqs-engine.js";
import { SqsErrors } from "../errors.js";
import { addStatement, PERMISSION_ACTIONS, readPolicy } from "../queue-policy.js";
import { resolveQueue } from "../resolve-queue.js";

export async function addPermission(input: { QueueUrl: string; Label: string; AWSAccountIds: string[]; Actions: string[] }, ctx: RequestContext, engine: SqsEngine) {
  const q = resolveQueue(engine, input.QueueUrl, ctx);
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(input.Label)) throw SqsErrors.invalidParameter("Label", input.Label, "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
  if (input.AWSAccountIds.length === 0) throw SqsErrors.missingParameter("AWSAccountIds");
  if (input.Actions.length === 0) throw SqsErrors.missingParameter("Actions");
  for (const a of input.AWSAccountIds) if (!/^\d{12}$/.test(a)) throw SqsErrors.invalidParameter("AWSAccountIds", a, "Invalid account id.");
  for (const a of input.Actions) if (!PERMISSION_ACTIONS.has(a)) throw SqsErrors.invalidParameter("Actions", a, "Please refer to the appropriate WSDL for a list of valid actions.");
  const policy = addStatement(readPolicy(q.record.attributes.Policy, q.arn), input.Label, input.AWSAccountIds, input.Actions, q.arn);
  q.record.attributes.Policy = JSON.stringify(policy);
  await engine.saveQueue(q);
  return {};
}
