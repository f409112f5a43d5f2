/** StartMessageMoveTask: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html */
import type { RequestContext } from "../../../core/service.js";
import type { SqsService } from "../sqs-service.js";
import { SqsErrors } from "../errors.js";
import { MAX_MOVE_TASK_RATE } from "../limits.js";

export async function startMessageMoveTask(input: { SourceArn: string; DestinationArn?: string; MaxNumberOfMessagesPerSecond?: number }, ctx: RequestContext, sqs: SqsService) {
  const source = sqs.engine.byArn(input.SourceArn);
  if (!source || source.record.accountId !== ctx.accountId) throw SqsErrors.resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.");
  const isDlq = [...sqs.engine.queues.values()].some((q) => q.config.redrive?.deadLetterTargetArn === source.arn);
  if (!isDlq) throw SqsErrors.unsupported("Source queue must be configured as a Dead Letter Queue.");
  if (input.DestinationArn !== undefined) {
    const dest = sqs.engine.byArn(input.DestinationArn);
    if (!dest || dest.record.accountId !== ctx.accountId) throw SqsErrors.resourceNotFound("The resource that you specified for the DestinationArn parameter doesn't exist.");
    if (dest.arn === source.arn) throw SqsErrors.invalidParameterValue("Source and destination queue must be different.");
    // "You can configure any other queue as the redrive destination if both queues are the same type."
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue-redrive.html
    if (dest.fifo !== source.fifo) throw SqsErrors.invalidParameterValue("The destination queue must be of the same type (FIFO or standard) as the source queue.");
  }
  const rate = input.MaxNumberOfMessagesPerSecond;
  if (rate !== undefined && (rate < 1 || rate > MAX_MOVE_TASK_RATE)) {
    throw SqsErrors.invalidParameter("MaxNumberOfMessagesPerSecond", rate, `MaxNumberOfMessagesPerSecond must be between 1 and ${MAX_MOVE_TASK_RATE}.`);
  }
  if (sqs.mover.running(source.arn)) throw SqsErrors.unsupported("There is already a task running. Only one active task is allowed for a source queue arn at a given time.");
  const task = await sqs.mover.start(source, input.DestinationArn, rate);
  return { TaskHandle: task.taskHandle };
}
