/** ListMessageMoveTasks: the most recent tasks of a source queue first (1 by default, at most 10). https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListMessageMoveTasks.html */
import type { RequestContext } from "../../../core/service.js";
import type { SqsService } from "../sqs-service.js";
import { SqsErrors } from "../errors.js";

export function listMessageMoveTasks(input: { SourceArn: string; MaxResults?: number }, ctx: RequestContext, sqs: SqsService) {
  const source = sqs.engine.byArn(input.SourceArn);
  if (!source || source.record.accountId !== ctx.accountId) throw SqsErrors.resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.");
  const max = input.MaxResults ?? 1;
  if (max < 1 || max > 10) throw SqsErrors.invalidParameter("MaxResults", max, "MaxResults must be an integer between 1 and 10.");
  const tasks = [...sqs.engine.moveTasks.values()].filter((t) => t.sourceArn === source.arn).sort((a, b) => b.startedAt - a.startedAt).slice(0, max);
  return {
    Results: tasks.map((t) => ({
      TaskHandle: t.status === "RUNNING" ? t.taskHandle : undefined,
      Status: t.status,
      SourceArn: t.sourceArn,
      DestinationArn: t.destinationArn,
      MaxNumberOfMessagesPerSecond: t.maxPerSecond,
      ApproximateNumberOfMessagesMoved: t.moved,
      ApproximateNumberOfMessagesToMove: t.status === "RUNNING" ? t.toMove : undefined,
      FailureReason: t.failureReason,
      StartedTimestamp: t.startedAt,
    })),
  };
}
