/**
 * SQS's errors, with AWS's codes and messages. Statuses and query codes for modeled errors
 * come from the model (QueueDoesNotExist → AWS.SimpleQueueService.NonExistentQueue, 400).
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/CommonErrors.html
 */
import { ServiceError } from "../../core/errors.js";

export const SqsErrors = {
  queueDoesNotExist: () => new ServiceError("QueueDoesNotExist", "The specified queue does not exist."),
  queueDeletedRecently: () => new ServiceError("QueueDeletedRecently", "You must wait 60 seconds after deleting a queue before you can create another with the same name."),
  queueNameExists: (attribute: string) => new ServiceError("QueueNameExists", `A queue already exists with the same name and a different value for attribute ${attribute}`),
  purgeInProgress: (queueUrl: string) => new ServiceError("PurgeQueueInProgress", `Only one PurgeQueue operation on ${queueUrl} is allowed every 60 seconds.`),
  messageNotInflight: () => new ServiceError("MessageNotInflight", "The message referred to isn't in flight."),
  receiptHandleIsInvalid: (handle: string) => new ServiceError("ReceiptHandleIsInvalid", `The input receipt handle "${handle}" is not a valid receipt handle.`),
  batchIdsNotDistinct: (id: string) => new ServiceError("BatchEntryIdsNotDistinct", `Id ${id} repeated.`),
  batchTooLong: (bytes: number) => new ServiceError("BatchRequestTooLong", `Batch requests cannot be longer than 1048576 bytes. You have sent ${bytes} bytes.`),
  emptyBatch: (what: string) => new ServiceError("EmptyBatchRequest", `There should be at least one ${what} in the request.`),
  invalidBatchEntryId: () => new ServiceError("InvalidBatchEntryId", "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long."),
  tooManyEntries: (n: number) => new ServiceError("TooManyEntriesInBatchRequest", `Maximum number of entries per request are 10. You have sent ${n}.`),
  unsupported: (message: string) => new ServiceError("UnsupportedOperation", message),
  overLimit: (message: string) => new ServiceError("OverLimit", message),
  invalidAttributeName: (name: string) => new ServiceError("InvalidAttributeName", `Unknown Attribute ${name}.`, { status: 400 }),
  invalidAttributeValue: (name: string, reason?: string) =>
    new ServiceError("InvalidAttributeValue", reason ? `Invalid value for the parameter ${name}. Reason: ${reason}` : `Invalid value for the parameter ${name}.`, { status: 400 }),
  invalidParameterValue: (message: string) => new ServiceError("InvalidParameterValue", message, { status: 400 }),
  invalidParameter: (name: string, value: unknown, reason: string) =>
    new ServiceError("InvalidParameterValue", `Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`, { status: 400 }),
  missingParameter: (name: string) => new ServiceError("MissingParameter", `The request must contain the parameter ${name}.`, { status: 400 }),
  invalidMessageContents: (message: string) => new ServiceError("InvalidMessageContents", message, { status: 400 }),
  resourceNotFound: (message: string) => new ServiceError("ResourceNotFoundException", message),
  invalidAddress: (message: string) => new ServiceError("InvalidAddress", message),
} as const;
