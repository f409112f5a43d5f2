/**
 * Lambda's errors: restJson1 errors with `Type` ("User" or "Service") and `message`, and the
 * statuses of the model (ResourceNotFoundException 404, ResourceConflictException 409, …).
 * https://docs.aws.amazon.com/lambda/latest/api/CommonErrors.html
 */
import { ServiceError } from "../../core/errors.js";

const user = { fields: { Type: "User" } };

export const LambdaErrors = {
  functionNotFound: (arn: string) => new ServiceError("ResourceNotFoundException", `Function not found: ${arn}`, user),
  notFound: (message: string) => new ServiceError("ResourceNotFoundException", message, user),
  conflict: (message: string) => new ServiceError("ResourceConflictException", message, user),
  invalidParameter: (message: string) => new ServiceError("InvalidParameterValueException", message, user),
  /** Constraint violations use AWS's generic validation wording. */
  validation: (value: unknown, member: string, constraint: string) =>
    new ServiceError("ValidationException", `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${constraint}`, { status: 400 }),
  preconditionFailed: (message: string) => new ServiceError("PreconditionFailedException", message, user),
  requestTooLarge: (limit: number, operation: string) =>
    new ServiceError("RequestEntityTooLargeException", `Request must be smaller than ${limit} bytes for the ${operation} operation`, { status: 413, fields: { Type: "User" } }),
  /** Invoke with InvocationType Event: AWS words the 1 MB limit differently from the 6 MB one. */
  eventPayloadTooLarge: (size: number, limit: number) =>
    new ServiceError("RequestEntityTooLargeException", `${size} byte payload is too large for the Event invocation type (limit ${limit} bytes)`, { status: 413, fields: { Type: "User" } }),
  tooManyRequests: (reason: string, message = "Rate Exceeded.") => new ServiceError("TooManyRequestsException", message, { fields: { Type: "User", Reason: reason } }),
  policyLengthExceeded: () => new ServiceError("PolicyLengthExceededException", "The final policy size (bytes) is bigger than the limit.", user),
  codeStorageExceeded: () => new ServiceError("CodeStorageExceededException", "Code storage limit exceeded.", user),
} as const;
