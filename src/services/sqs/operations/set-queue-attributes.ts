/** SetQueueAttributes: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html */
import type { RequestContext } from "../../../core/service.js";
import type { SqsEngine } from "../engine/sqs-engine.js";
import { checkAttributeCombination, validateAttributes } from "../queue-attributes.js";
import { checkRedriveTarget } from "../redrive.js";
import { resolveQueue } from "../resolve-queue.js";

export async function setQueueAttributes(input: { QueueUrl: string; Attributes: Record<string, string> }, ctx: RequestContext, engine: SqsEngine) {
  const q = resolveQueue(engine, input.QueueUrl, ctx);
  const given = validateAttributes(input.Attributes, { fifo: q.fifo, creating: false });
  checkAttributeCombination({ ...q.record.attributes, ...given });
  if (given.RedrivePolicy) checkRedriveTarget(engine, q.record, q.fifo, given.RedrivePolicy);
  for (const [k, v] of Object.entries(given)) {
    // An empty RedrivePolicy, RedriveAllowPolicy or Policy removes it.
    if (v === "" && (k === "RedrivePolicy" || k === "RedriveAllowPolicy" || k === "Policy")) delete q.record.attributes[k];
    else q.record.attributes[k] = v;
  }
  q.record.modifiedAt = ctx.clock.now();
  await engine.saveQueue(q);
  return {};
}
