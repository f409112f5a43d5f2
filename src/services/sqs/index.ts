/**
 * Amazon SQS: both wire protocols (awsJson1_0 with query-compatible errors, and awsQuery),
 * driven by the model in @aws-sdk/client-sqs.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/Welcome.html
 */
import type { OperationHandler, RequestContext, ServiceModule } from "../../core/service.js";
import { modelFromSdkExports } from "../../protocols/smithy/shapes.js";
import type { SqsEngine } from "./engine/sqs-engine.js";
import { SqsErrors } from "./errors.js";
import { addPermission } from "./operations/add-permission.js";
import { cancelMessageMoveTask } from "./operations/cancel-message-move-task.js";
import { changeMessageVisibility } from "./operations/change-message-visibility.js";
import { changeMessageVisibilityBatch } from "./operations/change-message-visibility-batch.js";
import { createQueue } from "./operations/create-queue.js";
import { deleteMessage } from "./operations/delete-message.js";
import { deleteMessageBatch } from "./operations/delete-message-batch.js";
import { deleteQueue } from "./operations/delete-queue.js";
import { getQueueAttributes } from "./operations/get-queue-attributes.js";
import { getQueueUrl } from "./operations/get-queue-url.js";
import { listDeadLetterSourceQueues } from "./operations/list-dead-letter-source-queues.js";
import { listMessageMoveTasks } from "./operations/list-message-move-tasks.js";
import { listQueueTags } from "./operations/list-queue-tags.js";
import { listQueues } from "./operations/list-queues.js";
import { purgeQueue } from "./operations/purge-queue.js";
import { receiveMessage } from "./operations/receive-message.js";
import { removePermission } from "./operations/remove-permission.js";
import { sendMessage } from "./operations/send-message.js";
import { sendMessageBatch } from "./operations/send-message-batch.js";
import { setQueueAttributes } from "./operations/set-queue-attributes.js";
import { startMessageMoveTask } from "./operations/start-message-move-task.js";
import { tagQueue } from "./operations/tag-queue.js";
import { untagQueue } from "./operations/untag-queue.js";
import { SqsService } from "./sqs-service.js";

/** Most operations only need the engine. */
const onEngine =
  (fn: (input: any, ctx: RequestContext, engine: SqsEngine) => unknown): OperationHandler<SqsService> =>
  (input, ctx, sqs) =>
    fn(input, ctx, sqs.engine);

export const sqsService: ServiceModule<SqsService> = {
  id: "sqs",
  signingName: "sqs",
  targetPrefix: "AmazonSQS",
  protocols: ["awsJson1_0", "awsQuery"],
  query: { version: "2012-11-05", xmlNamespace: "http://queue.amazonaws.com/doc/2012-11-05/" },
  awsQueryCompatible: true,
  loadModel: async () => modelFromSdkExports("com.amazonaws.sqs", (await import("@aws-sdk/client-sqs")) as unknown as Record<string, unknown>),
  validationErrors: {
    missing: (member) => SqsErrors.missingParameter(member),
    invalid: (member, why) => SqsErrors.invalidParameter(member, "", why),
  },
  // Query clients may post to the queue URL itself and leave QueueUrl out of the form.
  prepareQueryParams(params, req, ctx) {
    if (params.has("QueueUrl")) return;
    const parts = req.path.split("/").filter(Boolean);
    if (parts.length === 2 && /^\d{12}$/.test(parts[0])) params.set("QueueUrl", `${ctx.endpoint}/${parts[0]}/${parts[1]}`);
  },
  create: (deps) => new SqsService(deps),
  operations: {
    CreateQueue: onEngine(createQueue),
    DeleteQueue: onEngine(deleteQueue),
    GetQueueUrl: onEngine(getQueueUrl),
    ListQueues: onEngine(listQueues),
    GetQueueAttributes: onEngine(getQueueAttributes),
    SetQueueAttributes: onEngine(setQueueAttributes),
    PurgeQueue: onEngine(purgeQueue),
    SendMessage: onEngine(sendMessage),
    SendMessageBatch: onEngine(sendMessageBatch),
    ReceiveMessage: onEngine(receiveMessage),
    DeleteMessage: onEngine(deleteMessage),
    DeleteMessageBatch: onEngine(deleteMessageBatch),
    ChangeMessageVisibility: onEngine(changeMessageVisibility),
    ChangeMessageVisibilityBatch: onEngine(changeMessageVisibilityBatch),
    TagQueue: onEngine(tagQueue),
    UntagQueue: onEngine(untagQueue),
    ListQueueTags: onEngine(listQueueTags),
    AddPermission: onEngine(addPermission),
    RemovePermission: onEngine(removePermission),
    ListDeadLetterSourceQueues: onEngine(listDeadLetterSourceQueues),
    StartMessageMoveTask: startMessageMoveTask,
    ListMessageMoveTasks: listMessageMoveTasks,
    CancelMessageMoveTask: cancelMessageMoveTask,
  },
};
