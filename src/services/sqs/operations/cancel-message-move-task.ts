/** CancelMessageMoveTask: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CancelMessageMoveTask.html */
import type { RequestContext } from "../../../core/service.js";
import type { SqsService } from "../sqs-service.js";
import { SqsErrors } from "../errors.js";
import { parseQueueArn } from "../queue-url.js";

export async function cancelMessageMoveTask(input: { TaskHandle: string }, ctx: RequestContext, sqs: SqsService) {
  const task = sqs.engine.moveTasks.get(input.TaskHandle);
  if (!task || parseQueueArn(task.sourceArn)?.accountId !== ctx.accountId) throw SqsErrors.resourceNotFound("The resource that you specified for the TaskHandle parameter doesn't exist.");
  if (task.status !== "RUNNING") throw SqsErrors.resourceNotFound("Only active tasks can be cancelled.");
  await sqs.mover.cancel(task);
  return { ApproximateNumberOfMessagesMoved: task.moved };
}
