/**
 * SNS's errors with AWS's codes and messages. The wire codes (NotFound, InvalidParameter, …)
 * come from the model's awsQueryError traits for these shape names.
 * https://docs.aws.amazon.com/sns/latest/api/CommonErrors.html
 */
import { ServiceError } from "../../core/errors.js";

export const SnsErrors = {
  topicNotFound: () => new ServiceError("NotFoundException", "Topic does not exist"),
  subscriptionNotFound: () => new ServiceError("NotFoundException", "Subscription does not exist"),
  endpointNotFound: () => new ServiceError("NotFoundException", "Endpoint does not exist"),
  notFound: (message: string) => new ServiceError("NotFoundException", message),
  resourceNotFound: () => new ServiceError("ResourceNotFoundException", "Resource does not exist"),
  /** `Invalid parameter: <detail>` */
  invalidParameter: (detail: string) => new ServiceError("InvalidParameterException", `Invalid parameter: ${detail}`),
  invalidParameterValue: (message: string) => new ServiceError("InvalidParameterValueException", message),
  authorization: (message: string) => new ServiceError("AuthorizationErrorException", message),
  topicLimit: () => new ServiceError("TopicLimitExceededException", "Topic limit exceeded"),
  tagLimit: () => new ServiceError("TagLimitExceededException", "Could not complete request: tag quota of per resource exceeded"),
  tagPolicy: (message: string) => new ServiceError("TagPolicyException", message),
  batchIdsNotDistinct: () => new ServiceError("BatchEntryIdsNotDistinctException", "Two or more batch entries in the request have the same Id."),
  tooManyEntries: () => new ServiceError("TooManyEntriesInBatchRequestException", "The batch request contains more entries than permissible."),
  emptyBatch: () => new ServiceError("EmptyBatchRequestException", "The batch request doesn't contain any entries."),
  invalidBatchEntryId: () => new ServiceError("InvalidBatchEntryIdException", "The Id of a batch entry in a batch request doesn't abide by the specification."),
  batchTooLong: () => new ServiceError("BatchRequestTooLongException", "The length of all the batch messages put together is more than the limit."),
} as const;
